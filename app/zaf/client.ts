// The one typed seam over the ZAF client: registration, typed `get`, `on`, resize and
// `request`. Must never import the SDK (connect.ts does) nor know about the Worker's API.
import type { CurrentUser, HttpAnswer, RawZafClient, ZafEvent, ZafPaths, ZafRequestOptions } from "./types";

export interface Zaf {
  /** Resolves once Zendesk has answered the handshake. */
  registered: Promise<void>;
  get<P extends keyof ZafPaths>(path: P): Promise<ZafPaths[P]>;
  on(event: ZafEvent, handler: () => void): void;
  resize(height: number): Promise<void>;
  /** Never rejects: a failed request is an answer with its status (0 when there was none). */
  request(options: ZafRequestOptions): Promise<HttpAnswer>;
  /** Non-secure installation settings (secure ones never reach the browser). */
  settings(): Promise<Record<string, unknown>>;
}

const readers: { [P in keyof ZafPaths]: (v: unknown) => ZafPaths[P] | undefined } = {
  "ticket.id": (v) => (Number.isSafeInteger(Number(v)) && Number(v) > 0 ? Number(v) : undefined),
  currentUser: (v) => {
    const u = v as Partial<CurrentUser> | null;
    const id = Number(u?.id);
    if (!u || !Number.isSafeInteger(id) || typeof u.name !== "string") return undefined;
    return { id, name: u.name, locale: typeof u.locale === "string" ? u.locale : "en" };
  },
};

function parseBody(body: unknown): unknown {
  if (typeof body !== "string") return body;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

/** The SDK rejects with a jqXHR-like object; anything else means the request never got an answer. */
function failure(reason: unknown): HttpAnswer {
  const xhr = reason as { status?: unknown; responseJSON?: unknown; responseText?: unknown } | null;
  const status = typeof xhr?.status === "number" ? xhr.status : 0;
  return { status, body: xhr?.responseJSON ?? parseBody(xhr?.responseText ?? null) };
}

export function createZaf(raw: RawZafClient): Zaf {
  const registered = new Promise<void>((resolve) => raw.on("app.registered", () => resolve()));
  return {
    registered,
    async get(path) {
      const result = await raw.get(path);
      const value = readers[path](result[path]);
      if (value === undefined) throw new Error(`ZAF: no usable value for "${path}"`);
      return value;
    },
    on(event, handler) {
      raw.on(event, () => handler());
    },
    async resize(height) {
      await raw.invoke("resize", { width: "100%", height: `${Math.ceil(height)}px` });
    },
    request(options) {
      return raw.request(options).then(
        (body) => ({ status: 200, body: parseBody(body) }),
        (reason: unknown) => failure(reason),
      );
    },
    async settings() {
      const meta = (await raw.metadata()) as { settings?: unknown } | null;
      const settings = meta?.settings;
      return settings && typeof settings === "object" ? (settings as Record<string, unknown>) : {};
    },
  };
}
