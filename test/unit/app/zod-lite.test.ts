// The browser bundle parses with app/schema/zod-lite.ts in place of zod: every shared
// schema must load under it and give zod's answer (success and parsed data) on the same input.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as real from "../../../common/api.schema";

type Parser = { safeParse(input: unknown): { success: boolean; data?: unknown } };
const root = join(import.meta.dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "zod-lite-"));
let lite: Record<string, Parser> = {};

beforeAll(async () => {
  // Bundle the shared schemas exactly as the sidebar build does: "zod" → zod-lite.
  const out = await build({
    absWorkingDir: root,
    entryPoints: ["common/api.schema.ts"],
    bundle: true,
    format: "esm",
    platform: "neutral",
    alias: { zod: "./app/schema/zod-lite.ts" },
    write: false,
  });
  const file = join(dir, "schemas.mjs");
  writeFileSync(file, out.outputFiles[0]?.text ?? "");
  lite = (await import(pathToFileURL(file).href)) as Record<string, Parser>;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = "2026-11-20T10:00:00.000Z";
const agent = { id: 7, name: "Ana Agent" };
const samples: Record<string, unknown> = {
  TicketViewSchema: {
    ticketId: 42,
    state: "in_progress",
    owner: agent,
    autonomy: "draft_only",
    autoReleaseHours: 4,
    waiting: true,
    attention: [
      {
        id: 1,
        ticketId: 42,
        type: "escalation",
        reason: "lawyer",
        code: "policy_escalate",
        params: { policy: "Legal", keyword: "lawyer" },
        status: "open",
        createdAt: at,
        resolvedAt: null,
      },
    ],
    pendingDraft: { id: 5, body: "Hello", createdAt: at },
    events: [
      {
        id: 3,
        at,
        type: "take_over",
        actor: { kind: "agent", id: 7, name: "Ana" },
        from: "open",
        to: "in_progress",
        reason: null,
        code: null,
        params: {},
      },
    ],
  },
  AgentSchema: agent,
  AgentActionSchema: { agent, force: true },
  ApproveDraftSchema: { agent, body: "  Edited reply  " },
  AutonomyRequestSchema: { mode: "off", agent },
  AutoReleaseRequestSchema: { hours: 12, agent },
  SettingsSchema: {
    learning: { enabled: true, humanManagedOnly: false },
    defaultAutonomy: "auto",
    autoReleaseHours: null,
    brandTone: "friendly",
    handoffAcknowledgement: true,
    maxAiRepliesPerHour: 6,
  },
  SettingsPatchSchema: { learning: { enabled: false }, brandTone: "dry" },
  KbEntryCreateSchema: {
    question: "Where is my order?",
    answer: "Here.",
    topics: [" shipping "],
    confidence: 0.5,
  },
  KbEntryPatchSchema: { answer: "Changed" },
  PolicyEntryCreateSchema: {
    topic: "refunds",
    ruleText: "Ask first",
    action: "escalate",
    conditions: { keywords: ["lawyer"] },
  },
  RejectSchema: { reason: " not right " },
  ErrorBodySchema: { error: "nope" },
  DiscardDraftSchema: { agent },
  ResolveAttentionSchema: { agent },
  ReasonParamsSchema: { policy: "Legal", keyword: "lawyer" },
  IdSchema: 42,
};

// Values that probe each rule: types, trimming, bounds, coercion, null/absent, extra keys.
const tricky = fc.constantFrom<unknown>(
  undefined,
  null,
  "",
  "   ",
  " padded ",
  "x".repeat(201),
  "12",
  "abc",
  0,
  -1,
  1.5,
  7,
  2 ** 53,
  1e6,
  true,
  false,
  [],
  [1],
  ["a", " b "],
  {},
  { extra: 1 },
  "open",
  "auto",
  "escalate",
  at,
);

type Json = Record<string, unknown> | unknown[];
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}
function replaced(value: unknown, path: (string | number)[], next: unknown): unknown {
  if (path.length === 0) return next;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Json;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const target = copy as Record<string | number, unknown>;
  if (next === undefined && rest.length === 0 && !Array.isArray(copy)) delete target[head];
  else target[head] = replaced(target[head], rest, next);
  return copy;
}

function sameAnswer(name: string, input: unknown) {
  const expected = (real as unknown as Record<string, Parser>)[name]?.safeParse(input);
  const actual = lite[name]?.safeParse(input);
  expect(actual?.success, `${name} on ${JSON.stringify(input)}`).toBe(expected?.success);
  if (expected?.success) expect(actual?.data).toEqual(expected.data);
}

describe("zod-lite", () => {
  it("loads every shared schema", () => {
    const names = Object.keys(real).filter((k) => k.endsWith("Schema"));
    for (const name of names) expect(typeof lite[name]?.safeParse, name).toBe("function");
  });

  it.each(Object.keys(samples))("%s: same answer as zod on the sample", (name) => {
    sameAnswer(name, samples[name]);
    sameAnswer(name, { ...(samples[name] as object), unknownKey: "dropped" });
  });

  it.each(Object.keys(samples))("%s: same answer as zod on mutated samples", (name) => {
    const sample = samples[name];
    const all = paths(sample);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(all.length - 1), tricky), { minLength: 1, maxLength: 3 }),
        (edits) => {
          let input = sample;
          for (const [index, value] of edits) input = replaced(input, all[index] ?? [], value);
          sameAnswer(name, input);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("agrees on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        for (const name of Object.keys(samples)) sameAnswer(name, input);
      }),
      { numRuns: 200 },
    );
  });
});
