// Fuzzed webhook deliveries (fast-check): correctly signed arbitrary bytes, arbitrary JSON, Zendesk
// events with mutated fields and strange ids, truncated and oversized bodies, a byte-order mark or
// invalid UTF-8 under a valid signature, wrong signatures, stale or missing timestamps, strange
// webhook paths. Sent to the empty third account (accepted events only reach its own tickets). Each
// case knows what the Worker may answer; no case may get a 5xx but 503 with Retry-After.
import fc from "fast-check";
import { commentAddedEvent, statusChangedEvent, ticketCreatedEvent } from "../../standin/zendesk/webhooks.ts";
import { deliveryHeaders, signBytes } from "./deliver.ts";
import type { Account } from "./stack.ts";
import { isBad, type Tally } from "./tally.ts";

const LIMIT = 256 * 1024;
const encoder = new TextEncoder();

type Bytes = Uint8Array<ArrayBuffer>;

export type WebhookCase =
  | { kind: "bytes"; body: Bytes }
  | { kind: "json"; body: Bytes }
  | { kind: "event"; body: Bytes }
  | { kind: "truncated"; body: Bytes }
  | { kind: "bom"; body: Bytes }
  | { kind: "invalid_utf8"; body: Bytes }
  | { kind: "huge"; size: number; chunked: boolean }
  | { kind: "bad_signature"; body: Bytes; how: BadSignature }
  | { kind: "strange_path"; body: Bytes; path: string; signed: boolean; method: string };

type BadSignature =
  | "random"
  | "empty"
  | "missing"
  | "other_secret"
  | "other_body"
  | "stale"
  | "future"
  | "bad_timestamp"
  | "no_timestamp"
  | "body_then_timestamp";

/** Ids as Zendesk might send them, and as it never should. */
export const strangeId = fc.oneof(
  fc.constantFrom(
    "0x10",
    "-1",
    "1e3",
    "1.5",
    "",
    "00012",
    "+5",
    " 7",
    "7 ",
    "9999999999999999999",
    "9007199254740993",
    "0",
    "NaN",
    "Infinity",
    "١٢",
    "12\u0000",
    "%31%32",
  ),
  fc.string({ maxLength: 20 }),
  fc.integer().map(String),
  fc.constantFrom(0, -1, 1.5, 2 ** 53, Number.MAX_VALUE, null, true, false),
  fc.constant([]),
  fc.constant({}),
);

const strangeValue = fc.oneof(
  strangeId,
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.constant("x".repeat(5000)),
);

/** A realistic event of the fuzz account: one of the three types, on a few ticket and event ids. */
function templateEvent(accountId: number, pick: { type: number; ticket: number; event: number }) {
  const ticket = {
    id: 9_000 + pick.ticket,
    subject: "Fuzz",
    status: "open",
    requester_id: 5_000,
    assignee_id: null,
    tags: [],
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:01Z",
  };
  // A handful of event ids: a mutated event that parses is taken in once, the rest are duplicates,
  // so the fuzzer does not flood the queue.
  const base = { accountId, ticket, eventId: `fuzz-event-${pick.event}` };
  if (pick.type === 0) return ticketCreatedEvent(base);
  if (pick.type === 1) return statusChangedEvent({ ...base, previous: "open", current: "solved" });
  return commentAddedEvent({
    ...base,
    comment: { id: 70_000 + pick.event, body: "Where is my order?", public: true },
    author: { id: 5_000, name: "Fuzz Customer", is_staff: false },
  });
}

type Path = (string | number)[];

/** Every path to a value in `value`. */
function paths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== "object") return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function mutate(value: unknown, path: Path, replacement: unknown, remove: boolean): unknown {
  if (path.length === 0) return remove ? undefined : replacement;
  if (value === null || typeof value !== "object") return value;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string | number, unknown>;
  const next = mutate(copy[head as string], rest, replacement, remove);
  if (next === undefined && rest.length === 0) delete copy[head as string];
  else copy[head as string] = next;
  return copy;
}

const mutatedEvent = (accountId: number) =>
  fc
    .record({
      type: fc.nat(2),
      ticket: fc.nat(4),
      event: fc.nat(9),
      mutations: fc.array(fc.record({ at: fc.nat(), value: strangeValue, remove: fc.boolean() }), {
        minLength: 0,
        maxLength: 3,
      }),
    })
    .map((m) => {
      let body: unknown = templateEvent(accountId, m);
      for (const mutation of m.mutations) {
        const all = paths(body);
        const path = all[mutation.at % all.length] ?? [];
        body = mutate(body, path, mutation.value, mutation.remove);
      }
      return encoder.encode(JSON.stringify(body ?? null));
    });

const validEvent = (accountId: number) =>
  fc.record({ type: fc.nat(2), ticket: fc.nat(4), event: fc.nat(9) }).map((p) => templateEvent(accountId, p));
/** Comment events with ids of their own (`base`..`base`+9): some bodies of a kind are taken in (202). */
const ownEvent = (accountId: number, base: number) =>
  fc
    .record({ type: fc.constant(2), ticket: fc.nat(4), event: fc.nat(9).map((n) => base + n) })
    .map((p) => templateEvent(accountId, p));

/** Invalid UTF-8 sequences: lone continuation bytes, overlongs, surrogates, truncated sequences. */
const invalidUtf8 = fc.constantFrom(
  [0xff],
  [0x80],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xc3],
  [0xe2, 0x82],
);

export function webhookCases(account: Account, count: number, seed: number): WebhookCase[] {
  const id = account.accountId;
  const arb = fc.oneof(
    {
      weight: 10,
      arbitrary: fc.uint8Array({ maxLength: 2_000 }).map((body) => ({ kind: "bytes" as const, body })),
    },
    {
      weight: 15,
      arbitrary: fc
        .jsonValue({ maxDepth: 4 })
        .map((v) => ({ kind: "json" as const, body: encoder.encode(JSON.stringify(v) ?? "null") })),
    },
    { weight: 30, arbitrary: mutatedEvent(id).map((body) => ({ kind: "event" as const, body })) },
    {
      weight: 10,
      arbitrary: fc.tuple(validEvent(id), fc.double({ min: 0, max: 1, noNaN: true })).map(([e, cut]) => {
        const bytes = encoder.encode(JSON.stringify(e));
        return { kind: "truncated" as const, body: bytes.slice(0, Math.floor(bytes.length * cut * 0.99)) };
      }),
    },
    {
      weight: 4,
      arbitrary: ownEvent(id, 100).map((e) => ({
        kind: "bom" as const,
        body: new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode(JSON.stringify(e))]),
      })),
    },
    {
      weight: 3,
      // A comment whose text holds bytes that are not UTF-8, inside the JSON string.
      arbitrary: fc.tuple(ownEvent(id, 110), invalidUtf8).map(([e, bad]) => {
        const marker = "Where is my order?";
        const text = JSON.stringify(e);
        const at = text.indexOf(marker);
        const bytes =
          at < 0
            ? [
                ...encoder.encode(text.slice(0, -1)),
                ...encoder.encode(',"x":"'),
                ...bad,
                ...encoder.encode('"}'),
              ]
            : [...encoder.encode(text.slice(0, at)), ...bad, ...encoder.encode(text.slice(at))];
        return { kind: "invalid_utf8" as const, body: new Uint8Array(bytes) };
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({ over: fc.integer({ min: 1, max: 200_000 }), chunked: fc.boolean() })
        .map((h) => ({ kind: "huge" as const, size: LIMIT + h.over, chunked: h.chunked })),
    },
    {
      weight: 21,
      arbitrary: fc
        .record({
          // Never empty: over an empty body, body + timestamp and timestamp + body are the same bytes.
          body: fc.oneof(
            validEvent(id).map((e) => encoder.encode(JSON.stringify(e))),
            fc.uint8Array({ minLength: 1, maxLength: 500 }),
          ),
          how: fc.constantFrom<BadSignature>(
            "random",
            "empty",
            "missing",
            "other_secret",
            "other_body",
            "stale",
            "future",
            "bad_timestamp",
            "no_timestamp",
            "body_then_timestamp",
          ),
        })
        .map((b) => ({ kind: "bad_signature" as const, ...b })),
    },
    {
      weight: 5,
      arbitrary: fc
        .record({
          event: validEvent(id),
          path: fc.oneof(
            fc.constantFrom(
              "/webhooks/zendesk/0x10",
              "/webhooks/zendesk/default",
              "/webhooks/zendesk/iunknown",
              `/webhooks/zendesk/${"a".repeat(65)}`,
              "/webhooks/zendesk/%2e%2e",
              "/webhooks/zendesk/../zendesk",
              "/webhooks/zendesk//",
              "/webhooks/",
              "/webhooks/zendesk/I-UPPER",
            ),
            fc.string({ maxLength: 30 }).map((s) => `/webhooks/zendesk/${encodeURIComponent(s)}`),
          ),
          signed: fc.boolean(),
          method: fc.constantFrom("POST", "POST", "GET", "PUT", "DELETE"),
        })
        .map((p) => ({
          kind: "strange_path" as const,
          body: encoder.encode(JSON.stringify(p.event)),
          path: p.path,
          signed: p.signed,
          method: p.method,
        })),
    },
  );
  return fc.sample(arb, { numRuns: count, seed });
}

/** Which answers a case may get; anything else is reported. */
function allowed(c: WebhookCase, status: number): boolean {
  switch (c.kind) {
    case "bad_signature":
      return status === 401;
    case "huge":
      return status === 413;
    case "truncated":
      return status === 400;
    case "bom":
    case "invalid_utf8":
      // Judged by the signature over the raw bytes: taken in, a duplicate, or a 4xx for the content.
      return status === 202 || status === 200 || (status >= 400 && status < 500 && status !== 401);
    case "strange_path":
      return (
        status === 401 || status === 404 || status === 405 || (c.path.endsWith("/default") && status < 500)
      );
    default:
      // A valid signature: taken in, ignored, a duplicate or a clear 4xx for the content, never 401.
      return status === 202 || status === 200 || (status >= 400 && status < 500 && status !== 401);
  }
}

function badSignatureHeaders(account: Account, body: Bytes, how: BadSignature): Record<string, string> {
  const now = Date.now();
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  switch (how) {
    case "random":
      return deliveryHeaders(account, body, { signature: btoa(String(Math.random())) });
    case "empty":
      return deliveryHeaders(account, body, { signature: "" });
    case "missing":
      return deliveryHeaders(account, body, { signature: null });
    case "other_secret":
      return deliveryHeaders(account, body, { secret: `${account.webhook.secret}x` });
    case "other_body":
      return deliveryHeaders(account, body, {
        signature: signBytes(account.webhook.secret, stamp(now), new Uint8Array([...body, 0x20])),
        timestamp: stamp(now),
      });
    case "stale":
      return deliveryHeaders(account, body, { timestamp: stamp(now - 10 * 60_000) });
    case "future":
      return deliveryHeaders(account, body, { timestamp: stamp(now + 10 * 60_000) });
    case "bad_timestamp":
      return deliveryHeaders(account, body, { timestamp: "yesterday" });
    case "no_timestamp": {
      const { "X-Zendesk-Webhook-Signature-Timestamp": _, ...rest } = deliveryHeaders(account, body);
      return rest;
    }
    case "body_then_timestamp": {
      // The order an old Zendesk page gives: body + timestamp. The contract (and Zendesk) sign timestamp + body.
      const t = stamp(now);
      const signature = signBytes(
        account.webhook.secret,
        "",
        new Uint8Array([...body, ...encoder.encode(t)]),
      );
      return deliveryHeaders(account, body, { timestamp: t, signature });
    }
  }
}

export interface WebhookFuzzResult {
  byKind: Map<string, Map<number, number>>;
  unexpected: string[];
}

export async function sendWebhookCase(
  worker: string,
  account: Account,
  c: WebhookCase,
  tally: Tally,
  result: WebhookFuzzResult,
): Promise<void> {
  const url = `${worker}/webhooks/zendesk/${account.installationId}`;
  let answer: { status: number; headers: Headers; text: string };
  if (c.kind === "huge") {
    const event = encoder.encode(
      JSON.stringify({ ...templateEvent(account.accountId, { type: 2, ticket: 0, event: 0 }), pad: "" }),
    );
    const body = new Uint8Array(c.size);
    body.set(event.slice(0, -2));
    body.fill(0x20, event.length - 2, c.size - 2);
    body.set(encoder.encode('"}'), c.size - 2);
    const headers = deliveryHeaders(account, body);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < body.length; i += 64 * 1024) controller.enqueue(body.slice(i, i + 64 * 1024));
        controller.close();
      },
    });
    answer = await tally.fetch("POST webhook (huge)", url, {
      method: "POST",
      headers,
      body: c.chunked ? stream : body,
      ...(c.chunked ? { duplex: "half" } : {}),
    } as RequestInit);
  } else if (c.kind === "strange_path") {
    const headers = c.signed
      ? deliveryHeaders(account, c.body)
      : deliveryHeaders(account, c.body, { signature: "x" });
    answer = await tally.fetch(`${c.method} webhook (strange path)`, `${worker}${c.path}`, {
      method: c.method,
      headers,
      ...(c.method === "GET" ? {} : { body: c.body }),
    });
  } else {
    const headers =
      c.kind === "bad_signature"
        ? badSignatureHeaders(account, c.body, c.how)
        : deliveryHeaders(account, c.body);
    answer = await tally.fetch(`POST webhook (${c.kind})`, url, { method: "POST", headers, body: c.body });
  }
  const kind = c.kind === "bad_signature" ? `bad_signature:${c.how}` : c.kind;
  const counts = result.byKind.get(kind) ?? new Map<number, number>();
  counts.set(answer.status, (counts.get(answer.status) ?? 0) + 1);
  result.byKind.set(kind, counts);
  if (
    answer.status !== 0 &&
    !isBad(answer.status, answer.headers.get("retry-after")) &&
    !allowed(c, answer.status)
  )
    result.unexpected.push(`${kind} → ${answer.status} ${answer.text.slice(0, 120)}`);
}
