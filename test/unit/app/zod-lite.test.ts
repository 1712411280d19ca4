// The browser bundle parses with app/schema/zod-lite.ts in place of zod: every shared
// schema must load under it and give zod's answer (success and parsed data) on the same input.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as adminSchemas from "../../../common/admin.schema";
import * as apiSchemas from "../../../common/api.schema";

const real = { ...apiSchemas, ...adminSchemas };

type Parser = { safeParse(input: unknown): { success: boolean; data?: unknown } };
const root = join(import.meta.dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "zod-lite-"));
let lite: Record<string, Parser> = {};

let sidebarLite: Record<string, Parser> = {};

/** Bundles `contents` the way the app build does ("zod" → a zod-lite file) and loads it. */
async function bundled(name: string, contents: string, zodLite: string): Promise<Record<string, Parser>> {
  const out = await build({
    absWorkingDir: root,
    stdin: { contents, resolveDir: root, loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "neutral",
    alias: { zod: zodLite },
    write: false,
  });
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, out.outputFiles[0]?.text ?? "");
  return (await import(pathToFileURL(file).href)) as Record<string, Parser>;
}

beforeAll(async () => {
  // The admin bundle parses both schema files; the sidebar's must still load the API schemas alone.
  lite = await bundled(
    "admin",
    'export * from "./common/api.schema.ts"; export * from "./common/admin.schema.ts";',
    "./app/schema/zod-lite.ts",
  );
  sidebarLite = await bundled(
    "sidebar",
    'export * from "./common/api.schema.ts";',
    "./app/schema/zod-lite.ts",
  );
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
    aiAgentId: null,
    scope: { channels: [], brandIds: [], groupIds: [] },
    retentionDays: 90,
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
  ScopeSchema: { channels: ["email"], brandIds: [360000001], groupIds: [] },
  IdSchema: 42,
  KbListSchema: {
    total: 1,
    items: [
      {
        id: 3,
        question: "Gift wrap?",
        answer: "Yes.",
        topics: ["gifts"],
        status: "pending_review",
        sourceType: "learning_loop",
        confidence: 0.6,
        motivation: "asked twice",
        sourceTicketId: 12,
        usageCount: 0,
        lastUsedAt: null,
        createdAt: at,
        updatedAt: at,
        rejectReason: null,
        evidence: {
          ticketId: 12,
          excerpt: [{ role: "customer", text: "Gift wrap?" }],
          whyHuman: "no approved entry",
          replay: { verdict: "would_answer", detail: null },
        },
      },
    ],
  },
  PolicyListSchema: {
    total: 1,
    items: [
      {
        id: 4,
        topic: "refunds",
        ruleText: "Ask first",
        conditions: { keywords: ["refund"] },
        action: "require_approval",
        status: "approved",
        sourceType: "manual",
        confidence: null,
        rationale: null,
        sourceTicketId: null,
        createdAt: at,
        updatedAt: at,
        evidence: null,
      },
    ],
  },
  ImportReportSchema: { imported: 2, errors: [{ row: 3, error: "question: too short" }] },
  PublishResultSchema: {
    articleId: 4408800000009,
    url: "https://nordlys.zendesk.com/hc/en-us/articles/4408800000009-Title",
    created: false,
    publishedAt: at,
    stale: true,
    placement: { sectionId: 4408800000003, permissionGroupId: 4408800000001, locale: "en-us" },
    chosen: ["sectionId", "locale"],
  },
  GuidePlacementSchema: { sectionId: 3, permissionGroupId: 1, locale: "de" },
  GuideSettingsSchema: { sectionId: 3, permissionGroupId: null, locale: " en-us " },
  StatsSchema: {
    from: at,
    to: at,
    resolutions: { aiResolved: 3, humanResolved: 1 },
    takeovers: { total: 2, byReason: { "take over button": 2 }, afterRelease: 1 },
    releases: 1,
    attention: { escalation: 1 },
    proposals: { approved: 1, rejected: 1, pending: 0, approvalRate: 0.5 },
    series: [{ date: "2026-11-20", aiResolved: 3, humanResolved: 1, reopened: 0 }],
    held: { count: 2, medianMinutes: 12, p90Minutes: 40 },
  },
  AdminSettingsSchema: {
    learning: { enabled: true, humanManagedOnly: false },
    defaultAutonomy: "auto",
    autoReleaseHours: 4,
    brandTone: "friendly",
    handoffAcknowledgement: true,
    maxAiRepliesPerHour: 6,
    aiAgentId: null,
    scope: { channels: ["email"], brandIds: [1], groupIds: [] },
    guide: { sectionId: null, permissionGroupId: 4408800000001, locale: null },
  },
  AdminSettingsPatchSchema: {
    maxAiRepliesPerHour: 5,
    scope: { channels: [] },
    aiAgentId: 12,
    guide: { sectionId: 4408800000003, locale: null },
  },
  InstallationSchema: {
    subdomain: "nordlys",
    connected: true,
    checks: [{ name: "webhook", ok: true, detail: null }],
  },
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
    for (const name of Object.keys(apiSchemas).filter((k) => k.endsWith("Schema")))
      expect(typeof sidebarLite[name]?.safeParse, `sidebar: ${name}`).toBe("function");
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
