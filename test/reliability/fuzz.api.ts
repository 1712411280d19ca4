// Every /api route fuzzed (fast-check): strange path ids (`0x10`, `-1`, `1e3`, huge, encoded), bodies
// (arbitrary JSON, near-valid requests with a field swapped for a strange value, text that is not JSON),
// query strings, with the account's valid secret and with invalid ones; the connect routes too. Sent to
// the third account, whose settings the fuzzer may change. Without a valid secret every /api answer is
// 401; no answer may be a 5xx but 503 with Retry-After.
import fc from "fast-check";
import type { Account } from "./stack.ts";
import { strangeId } from "./fuzz.webhooks.ts";
import { isBad, type Tally } from "./tally.ts";

interface Route {
  method: string;
  /** `{id}` and `{draft}` are path ids. */
  path: string;
  body?:
    | "agent"
    | "approve"
    | "autonomy"
    | "auto_release"
    | "kb"
    | "policy"
    | "settings"
    | "reject"
    | "import";
  query?: readonly string[];
}

/** Every route of /api (worker/src/index.ts and the route files), DELETE /api/installation aside. */
export const API_ROUTES: readonly Route[] = [
  { method: "GET", path: "/api/tickets/{id}" },
  { method: "POST", path: "/api/tickets/{id}/takeover", body: "agent" },
  { method: "POST", path: "/api/tickets/{id}/release", body: "agent" },
  { method: "POST", path: "/api/tickets/{id}/resolve", body: "agent" },
  { method: "POST", path: "/api/tickets/{id}/autonomy", body: "autonomy" },
  { method: "POST", path: "/api/tickets/{id}/auto-release", body: "auto_release" },
  { method: "POST", path: "/api/tickets/{id}/drafts/{draft}/approve", body: "approve" },
  { method: "POST", path: "/api/tickets/{id}/drafts/{draft}/discard", body: "agent" },
  { method: "GET", path: "/api/attention-items", query: ["status", "ticketId", "limit"] },
  { method: "POST", path: "/api/attention-items/{id}/resolve", body: "agent" },
  ...(["kb", "policy"] as const).flatMap((kind): Route[] => {
    const base = kind === "kb" ? "/api/kb-entries" : "/api/policy-entries";
    return [
      { method: "GET", path: base, query: ["status", "sourceType", "topic", "q", "limit", "offset"] },
      { method: "POST", path: base, body: kind },
      { method: "PATCH", path: `${base}/{id}`, body: kind },
      { method: "DELETE", path: `${base}/{id}` },
      { method: "POST", path: `${base}/{id}/approve`, body: kind },
      { method: "POST", path: `${base}/{id}/reject`, body: "reject" },
      { method: "POST", path: `${base}/import`, body: "import" },
    ];
  }),
  { method: "GET", path: "/api/settings" },
  { method: "PATCH", path: "/api/settings", body: "settings" },
  { method: "GET", path: "/api/stats", query: ["from", "to"] },
  { method: "GET", path: "/api/installation" },
  { method: "GET", path: "/api/installation/export" },
  { method: "GET", path: "/api/{id}" },
  { method: "GET", path: "/connect/zendesk", query: ["subdomain"] },
  { method: "GET", path: "/connect/zendesk/callback", query: ["code", "state", "error"] },
];

export interface ApiCase {
  route: number;
  method: string;
  path: string;
  query: string;
  body: { contentType: string; text: string } | null;
  secret: "valid" | "lowercase_scheme" | "wrong" | "missing" | "basic" | "empty_bearer" | "with_space";
}

const idText = fc.oneof(
  { weight: 3, arbitrary: strangeId.map((v) => (typeof v === "string" ? v : JSON.stringify(v))) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 2_000 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom("9000", "9001", "9002") },
);

const strange = fc.oneof(
  strangeId,
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ unit: "grapheme", maxLength: 100 }),
  fc.constantFrom("{{setting.api_secret}}", "x".repeat(30_000), "auto", "off", "draft_only"),
);

/** A near-valid body for a route: what the sidebar or admin would send, maybe with fields swapped. */
function template(
  kind: NonNullable<Route["body"]>,
  agent: { id: number; name: string },
): Record<string, unknown> {
  switch (kind) {
    case "agent":
      return { agent };
    case "approve":
      return { agent, body: "Thanks for waiting, here is the answer." };
    case "autonomy":
      return { agent, mode: "draft_only" };
    case "auto_release":
      return { agent, hours: 4 };
    case "kb":
      return { question: "How long does delivery take?", answer: "Two to four days.", topics: ["delivery"] };
    case "policy":
      return {
        topic: "Fuzz",
        ruleText: "Hold replies about fuzz.",
        conditions: { keywords: ["fuzz"] },
        action: "guideline",
      };
    case "settings":
      return { defaultAutonomy: "auto", maxAiRepliesPerHour: 6, brandTone: "Friendly" };
    case "reject":
      return { reason: "Not right" };
    case "import":
      return { items: [{ question: "Fuzz question?", answer: "Fuzz answer." }] };
  }
}

function fieldPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [prefix];
  return [prefix, ...Object.entries(value).flatMap(([k, v]) => fieldPaths(v, [...prefix, k]))];
}

function setAt(value: unknown, path: string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const obj = value !== null && typeof value === "object" && !Array.isArray(value) ? { ...value } : {};
  (obj as Record<string, unknown>)[head as string] = setAt(
    (obj as Record<string, unknown>)[head as string],
    rest,
    replacement,
  );
  return obj;
}

const bodyFor = (route: Route, agent: { id: number; name: string }) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({ at: fc.nat(), value: strange, swap: fc.boolean() }).map((m) => {
        const base = route.body ? template(route.body, agent) : {};
        const all = fieldPaths(base);
        const body = m.swap ? setAt(base, all[m.at % all.length] ?? [], m.value) : base;
        return { contentType: "application/json", text: JSON.stringify(body) };
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .jsonValue({ maxDepth: 3 })
        .map((v) => ({ contentType: "application/json", text: JSON.stringify(v) ?? "" })),
    },
    {
      weight: 1,
      arbitrary: fc.string({ maxLength: 300 }).map((text) => ({
        contentType: route.body === "import" ? "text/csv" : "application/json",
        text,
      })),
    },
    { weight: 1, arbitrary: fc.constant({ contentType: "application/json", text: "" }) },
  );

const queryFor = (route: Route) =>
  fc
    .array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom(...(route.query?.length ? route.query : ["x"])),
          fc.string({ maxLength: 10 }),
        ),
        fc.oneof(
          idText,
          fc.constantFrom(
            "open",
            "resolved",
            "approved",
            "2026-01-01",
            "1999-12-31",
            "99999-01-01",
            "acme",
            "fjord",
          ),
          fc.string({ maxLength: 40 }),
        ),
      ),
      { maxLength: 4 },
    )
    .map((pairs) => (pairs.length ? `?${new URLSearchParams(pairs).toString()}` : ""));

export function apiCases(account: Account, count: number, seed: number): ApiCase[] {
  const agent = account.agents[0] ?? { id: 1, name: "Nobody" };
  const arb = fc.nat(API_ROUTES.length - 1).chain((i) => {
    const route = API_ROUTES[i] as Route;
    return fc.record({
      route: fc.constant(i),
      method: fc.oneof(
        { weight: 9, arbitrary: fc.constant(route.method) },
        { weight: 1, arbitrary: fc.constantFrom("PUT", "OPTIONS", "HEAD", "PATCH") },
      ),
      path: fc
        .record({ id: idText, draft: idText })
        .map((ids) =>
          route.path
            .replace("{id}", encodeURIComponent(ids.id))
            .replace("{draft}", encodeURIComponent(ids.draft)),
        ),
      query: queryFor(route),
      body: route.body ? bodyFor(route, agent) : fc.constant(null),
      secret: fc.oneof(
        { weight: 6, arbitrary: fc.constant("valid" as const) },
        { weight: 1, arbitrary: fc.constant("lowercase_scheme" as const) },
        {
          weight: 4,
          arbitrary: fc.constantFrom(
            "wrong" as const,
            "missing" as const,
            "basic" as const,
            "empty_bearer" as const,
            "with_space" as const,
          ),
        },
      ),
    });
  });
  return fc.sample(arb, { numRuns: count, seed });
}

function authorization(secret: ApiCase["secret"], valid: string): string | null {
  switch (secret) {
    case "valid":
      return `Bearer ${valid}`;
    case "lowercase_scheme":
      return `bearer ${valid}`;
    case "wrong":
      return `Bearer ${valid.slice(0, -1)}x`;
    case "missing":
      return null;
    case "basic":
      return `Basic ${btoa(`admin:${valid}`)}`;
    case "empty_bearer":
      return "Bearer ";
    case "with_space":
      return `Bearer ${valid} extra`;
  }
}

const validSecret = (s: ApiCase["secret"]) => s === "valid" || s === "lowercase_scheme";

export interface ApiFuzzResult {
  byRoute: Map<string, Map<number, number>>;
  unexpected: string[];
}

export async function sendApiCase(
  worker: string,
  account: Account,
  c: ApiCase,
  tally: Tally,
  result: ApiFuzzResult,
): Promise<void> {
  const auth = authorization(c.secret, account.secret);
  const route = API_ROUTES[c.route] as Route;
  const sendsBody = c.body !== null && c.method !== "GET" && c.method !== "HEAD";
  const answer = await tally.fetch(`${c.method} ${route.path}`, `${worker}${c.path}${c.query}`, {
    method: c.method,
    redirect: "manual",
    headers: {
      ...(auth === null ? {} : { authorization: auth }),
      ...(sendsBody && c.body ? { "content-type": c.body.contentType } : {}),
    },
    ...(sendsBody && c.body ? { body: c.body.text } : {}),
  });
  const key = `${route.method} ${route.path} (${validSecret(c.secret) ? "valid" : "invalid"} secret)`;
  const counts = result.byRoute.get(key) ?? new Map<number, number>();
  counts.set(answer.status, (counts.get(answer.status) ?? 0) + 1);
  result.byRoute.set(key, counts);
  if (answer.status === 0 || isBad(answer.status, answer.headers.get("retry-after"))) return;
  // Without a valid secret, /api answers nothing but 401 (an OPTIONS/HEAD may meet the router first).
  const api = c.path.startsWith("/api/");
  if (api && !validSecret(c.secret) && answer.status !== 401 && answer.status < 400)
    result.unexpected.push(`${c.method} ${c.path}${c.query} without a valid secret → ${answer.status}`);
}
