// A fake of the raw ZAF client for unit tests: it answers only what a test provides and
// throws loudly on anything else, so a test never passes by accident on a silent stub.
import type { RawZafClient, ZafRequestOptions } from "../../../../app/zaf/types";

/** Wraps `impl` so that touching any member it lacks throws, naming the member. */
export function strictFake<T extends object>(impl: Partial<T>, name = "fake ZAF client"): T {
  return new Proxy(impl, {
    get(target, prop, receiver) {
      if (prop in target) return Reflect.get(target, prop, receiver);
      // Not a thenable, and printable by the test runner.
      if (typeof prop === "symbol" || prop === "then" || prop === "toJSON") return undefined;
      throw new Error(`${name}: "${String(prop)}" was not provided by this test`);
    },
  }) as T;
}

export interface SeenRequest {
  method: string;
  path: string;
  body: unknown;
  options: ZafRequestOptions;
}

/** How the fake Worker answers: a status and body, or "network" for no answer at all. */
export type Answer = { status: number; body?: unknown } | "network";

export interface FakeZendeskOptions {
  ticketId?: number | null;
  user?: { id: number; name: string; locale: string };
  settings?: Record<string, unknown>;
  /** The app's context (the admin area reads the account's subdomain from it). */
  context?: Record<string, unknown>;
  /** Whether Zendesk refuses `routeTo` (outside the agent workspace). */
  refuseRouteTo?: boolean;
  answer: (req: SeenRequest) => Answer | Promise<Answer>;
}

export function fakeZendesk(options: FakeZendeskOptions) {
  const handlers = new Map<string, ((data?: unknown) => void)[]>();
  const requests: SeenRequest[] = [];
  const resizes: unknown[] = [];
  const routes: unknown[][] = [];
  const user = options.user ?? { id: 7, name: "Ana Agent", locale: "en-US" };
  const values: Record<string, unknown> = {
    currentUser: user,
    "ticket.id": options.ticketId === undefined ? 42 : options.ticketId,
  };

  const raw = strictFake<RawZafClient>({
    on(name, handler) {
      handlers.set(name, [...(handlers.get(name) ?? []), handler]);
    },
    async get(paths) {
      const path = String(paths);
      if (values[path] === null) return { errors: { [path]: { message: "not available" } } };
      return { [path]: values[path], errors: {} };
    },
    async invoke(name, ...args) {
      if (name === "routeTo") {
        if (options.refuseRouteTo) throw new Error('"routeTo" is not available here');
        routes.push(args);
        return { errors: {} };
      }
      if (name !== "resize") throw new Error(`fake ZAF client: invoke("${name}") not supported`);
      resizes.push(args[0]);
      return { errors: {} };
    },
    async metadata() {
      return {
        appId: 1,
        installationId: 2,
        settings: options.settings ?? { backend_url: "https://ohallo.test" },
      };
    },
    async context() {
      return (
        options.context ?? { product: "support", location: "nav_bar", account: { subdomain: "nordlys" } }
      );
    },
    async request(opts) {
      const url = new URL(opts.url);
      const seen: SeenRequest = {
        method: opts.type,
        path: url.pathname,
        body: opts.data === undefined ? undefined : JSON.parse(opts.data),
        options: opts,
      };
      requests.push(seen);
      const answer = await options.answer(seen);
      if (answer === "network") throw { status: 0, statusText: "error", responseText: "" };
      if (answer.status >= 200 && answer.status < 300) return answer.body;
      throw {
        status: answer.status,
        responseJSON: answer.body,
        responseText: JSON.stringify(answer.body ?? ""),
      };
    },
  });

  return {
    raw,
    requests,
    resizes,
    routes,
    /** Zendesk answers the handshake. */
    register() {
      for (const h of handlers.get("app.registered") ?? []) h({ context: {}, metadata: {} });
    },
    /** Zendesk pushes a framework event. */
    emit(event: string) {
      for (const h of handlers.get(event) ?? []) h();
    },
    subscribed: (event: string) => (handlers.get(event) ?? []).length > 0,
  };
}
