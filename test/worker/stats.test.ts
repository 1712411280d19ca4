// GET /api/stats: figures from the audit log, the attention items and the proposals, for the
// caller's installation, over whole UTC days. The scripted week drives every event the real way
// (customers and agents in the Zendesk stand-in, webhooks, the sidebar's API) with the Worker's
// clock moved from day to day; nothing is written to D1 by hand.
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { StatsSchema } from "../../common/admin.schema";
import {
  ANA,
  BO,
  agentWrites,
  api,
  control,
  createTicket,
  customerWrites,
  deliver,
  dispositions,
  settled,
  waitUntil,
} from "./support/harness";
import {
  api as accountApi,
  connect,
  createAccount,
  createTicket as createAccountTicket,
  deliver as deliverTo,
} from "./support/accounts";
import { SHIPPING_QUESTION, seedKb } from "./support/seed";

const DAY = 86_400_000;

/**
 * The scripted week's "today": two UTC days before the real clock. The Worker's clock is this
 * isolate's `Date` (services.ts: `now = () => Date.now()`), frozen at each scripted moment with
 * vi.setSystemTime. The Zendesk stand-in keeps the real clock (its default account is shared by
 * every test file, so its clock is never moved): every scripted moment is before Zendesk's, as a
 * reply written after a release must be.
 */
const TODAY = Math.floor(Date.now() / DAY) * DAY - 2 * DAY;
const day = (daysAgo: number) => new Date(TODAY - daysAgo * DAY).toISOString().slice(0, 10);
function clock(daysAgo: number, hhmm: string) {
  const [h = 0, m = 0] = hhmm.split(":").map(Number);
  vi.setSystemTime(TODAY - daysAgo * DAY + h * 3_600_000 + m * 60_000);
}

/** Questions the demo KB cannot answer, and what a person answers in Zendesk. */
const GIFT = {
  q: "Do you offer gift wrapping for birthday presents?",
  a: "Yes! Choose gift wrapping at checkout for EUR 3.95 and we add a handwritten card.",
};
const SPONSOR = {
  q: "Would you sponsor our local youth football club?",
  a: "We do not run a sponsorship programme at the moment, but thank you for asking.",
};
const AMBASSADOR = {
  q: "Do you run an ambassador programme for influencers?",
  a: "Not yet, but write to partners@nordlys.example and we will keep you posted.",
};

const state = async (id: number) => (await api("GET", `/tickets/${id}`)).body.state as string;

/** A customer opens a ticket; the AI answers or flags it. */
async function ask(body: string, outcome: "replied" | "attention"): Promise<number> {
  const id = await createTicket({ body });
  expect(await settled(id)).toEqual([outcome]);
  return id;
}

/** The customer writes again (on a solved ticket, Zendesk reopens it) and the AI answers. */
async function customerAgain(id: number, count: number) {
  await customerWrites(id, SHIPPING_QUESTION);
  expect((await settled(id, count)).at(-1)).toBe("replied");
}

/** The sidebar's buttons; then Zendesk's echo of what the Worker wrote is delivered (it changes nothing). */
async function sidebar(id: number, action: "takeover" | "release" | "resolve", agent = ANA, force = false) {
  const r = await api("POST", `/tickets/${id}/${action}`, { agent, force });
  expect(r.status, `${action} #${id}: ${JSON.stringify(r.body)}`).toBe(200);
  await deliver(id);
}

/** An agent answers in Zendesk: a take over if the AI had the ticket. */
async function agentAnswers(id: number, agent: typeof ANA, body: string) {
  await agentWrites(id, agent, body);
  await waitUntil(async () => {
    await deliver(id);
    const row = await env.DB.prepare(
      "SELECT count(*) AS n FROM messages WHERE ticket_id = ? AND author_kind = 'agent'",
    )
      .bind(id)
      .first<{ n: number }>();
    return (row?.n ?? 0) > 0;
  });
  expect(await state(id)).toBe("in_progress");
}

async function solvedInZendesk(id: number) {
  await control("PATCH", `/tickets/${id}`, { status: "solved" });
  await waitUntil(async () => {
    await deliver(id);
    return (await state(id)) === "resolved";
  });
}

/** The learning loop's proposal from a resolved ticket (it runs on the queue after the resolve). */
async function proposalFor(question: string): Promise<number> {
  const found = await waitUntil(async () => {
    const r = await api("GET", "/kb-entries?sourceType=learning_loop&limit=100");
    return (r.body.items as { id: number; question: string }[]).find((e) => e.question === question);
  });
  return found.id;
}

const stats = async (query = "") => {
  const r = await api("GET", `/stats${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return StatsSchema.parse(r.body) && r.body;
};

describe("GET /api/stats", () => {
  it("a scripted week: stays solved 7 days, reopened, pending, take overs after a release, held times, decisions", async () => {
    await seedKb();
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      // 9 days ago. #4: flagged; Ana takes it, Bo takes it from her, answers in Zendesk and resolves (held 60 min).
      clock(9, "09:00");
      const t4 = await ask(GIFT.q, "attention");
      clock(9, "10:00");
      await sidebar(t4, "takeover");
      clock(9, "10:20");
      await sidebar(t4, "takeover", BO, true);
      clock(9, "10:30");
      await agentAnswers(t4, BO, GIFT.a);
      clock(9, "11:00");
      await sidebar(t4, "resolve", BO);
      const gift = await proposalFor(GIFT.q);

      // 8 days ago. #1: the AI answers, solved in Zendesk, stays solved 8 days (then the customer writes again).
      clock(8, "09:00");
      const t1 = await ask(SHIPPING_QUESTION, "replied");
      clock(8, "10:00");
      await solvedInZendesk(t1);
      // #2: the AI answers (resolved tomorrow, reopened 3 days later).
      clock(8, "11:00");
      const t2 = await ask(SHIPPING_QUESTION, "replied");
      // #5: Ana takes it and hands it back (45 min); the AI answers again and Ana resolves.
      clock(8, "13:00");
      const t5 = await ask(SHIPPING_QUESTION, "replied");
      clock(8, "14:00");
      await sidebar(t5, "takeover");
      clock(8, "14:45");
      await sidebar(t5, "release");
      clock(8, "15:00");
      await customerAgain(t5, 2);
      clock(8, "16:00");
      await sidebar(t5, "resolve");

      // 7 days ago. #2 resolved from the sidebar with nobody having taken it over.
      clock(7, "10:00");
      await sidebar(t2, "resolve");

      // 6 and 5 days ago. #3: flagged; Ana takes it and hands it back (30 min); Bo answers in
      // Zendesk (a take over after a release) and resolves (120 min).
      clock(6, "09:00");
      const t3 = await ask(SPONSOR.q, "attention");
      clock(6, "10:00");
      await sidebar(t3, "takeover");
      clock(6, "10:30");
      await sidebar(t3, "release");
      clock(5, "09:00");
      await agentAnswers(t3, BO, SPONSOR.a);
      clock(5, "11:00");
      await sidebar(t3, "resolve", BO);
      const sponsor = await proposalFor(SPONSOR.q);

      // 4 days ago. #6 asks for a person; Ana takes it and hands it back (5 min). #2 reopened, 3 days after its resolve.
      clock(4, "09:00");
      const t6 = await ask("I want to talk to a real person.", "attention");
      clock(4, "09:10");
      await sidebar(t6, "takeover");
      clock(4, "09:15");
      await sidebar(t6, "release");
      clock(4, "10:00");
      await customerAgain(t2, 2);
      expect((await api("GET", `/tickets/${t2}`)).body.events.map((e: { type: string }) => e.type)).toContain(
        "reopen",
      );

      // 3 days ago. #9: flagged; Bo answers in Zendesk (40 min) and resolves.
      clock(3, "08:00");
      const t9 = await ask(AMBASSADOR.q, "attention");
      clock(3, "09:00");
      await agentAnswers(t9, BO, AMBASSADOR.a);
      clock(3, "09:40");
      await sidebar(t9, "resolve", BO);
      await proposalFor(AMBASSADOR.q);

      // 2 days ago. #2 solved in Zendesk again, without a take over.
      clock(2, "10:00");
      await solvedInZendesk(t2);

      // Yesterday. #8: Ana takes it and still holds it. Two proposals decided.
      clock(1, "10:00");
      const t8 = await ask(SHIPPING_QUESTION, "replied");
      clock(1, "10:30");
      await sidebar(t8, "takeover");
      clock(1, "15:00");
      expect((await api("POST", `/kb-entries/${gift}/approve`, {})).status).toBe(200);
      clock(1, "15:05");
      expect((await api("POST", `/kb-entries/${sponsor}/reject`, { reason: "No sponsoring" })).status).toBe(
        200,
      );

      // Today. #1's customer writes again, 8 days after it was solved: that resolve held.
      clock(0, "11:00");
      await customerAgain(t1, 2);
      expect(await dispositions(t1)).toEqual(["replied", "replied"]);

      clock(0, "12:00");
      const s = await stats(`?from=${day(9)}&to=${day(0)}`);
      expect(s.from).toBe(`${day(9)}T00:00:00.000Z`);
      expect(s.to).toBe(`${day(0)}T23:59:59.999Z`);
      expect(s.settleDays).toBe(7);
      expect(s.resolutions).toEqual({
        aiResolved: 1, // #1: solved 8 days ago, not reopened within 7
        humanResolved: 2, // #4; #5 (taken over, handed back, finished by the AI: a person was needed)
        reopened: 1, // #2's first resolve, reopened after 3 days
        aiPending: 1, // #2's second resolve, 2 days ago
        humanPending: 2, // #3 (5 days ago), #9 (3 days ago)
      });
      const zero = { aiResolved: 0, humanResolved: 0, reopened: 0, aiPending: 0, humanPending: 0 };
      const expected: Record<string, Partial<typeof zero>> = {
        [day(9)]: { humanResolved: 1 },
        [day(8)]: { aiResolved: 1, humanResolved: 1 },
        [day(7)]: { reopened: 1 },
        [day(5)]: { humanPending: 1 },
        [day(3)]: { humanPending: 1 },
        [day(2)]: { aiPending: 1 },
      };
      expect(s.series).toEqual(
        Array.from({ length: 10 }, (_, i) => ({ date: day(9 - i), ...zero, ...expected[day(9 - i)] })),
      );
      expect(s.takeovers).toEqual({
        total: 8,
        // Ana's button on #4, #5, #3, #6, #8; Bo's replies in Zendesk on #3 and #9; Bo taking #4 from Ana.
        byReason: { button: 5, implicit_reply: 2, forced_from: 1 },
        afterRelease: 1, // Bo on #3
        retakeoverRate: 1 / 3, // of the releases of #5, #3 and #6, only #3's was taken over again
      });
      expect(s.releases).toBe(3);
      // Holds that ended: #6 5, #3 30, #9 40, #5 45, #4 60 (Ana 20 + Bo 40), #3 120; #8 is still held.
      expect(s.held).toEqual({ count: 6, medianMinutes: 42.5, p90Minutes: 120 });
      expect(s.attention).toEqual({ validation_failed: 3, human_requested: 1 });
      expect(s.proposals).toEqual({ approved: 1, rejected: 1, pending: 1, approvalRate: 0.5 });

      // Decisions count when they were made: in the first five days nothing was decided yet, and
      // the two proposals made then are no longer waiting.
      const early = await stats(`?from=${day(9)}&to=${day(5)}`);
      expect(early.proposals).toEqual({ approved: 0, rejected: 0, pending: 0, approvalRate: null });
      expect(early.resolutions).toEqual({
        ...zero,
        aiResolved: 1,
        humanResolved: 2,
        reopened: 1,
        humanPending: 1,
      });
      expect(early.takeovers.afterRelease).toBe(1);

      // An approved proposal edited and archived later stays approved, on the day it was decided.
      clock(0, "12:30");
      expect((await api("PATCH", `/kb-entries/${gift}`, { answer: `${GIFT.a} Ribbons too.` })).status).toBe(
        200,
      );
      expect((await api("PATCH", `/kb-entries/${gift}`, { status: "archived" })).status).toBe(200);
      expect((await stats(`?from=${day(1)}&to=${day(1)}`)).proposals).toEqual({
        approved: 1,
        rejected: 1,
        pending: 0,
        approvalRate: 0.5,
      });
      expect((await stats(`?from=${day(0)}&to=${day(0)}`)).proposals.approved).toBe(0);

      // A week on, the pending resolves have settled: #2's and #3's and #9's.
      clock(-7, "12:00");
      const later = await stats(`?from=${day(9)}&to=${day(0)}`);
      expect(later.resolutions).toEqual({ ...zero, aiResolved: 2, humanResolved: 4, reopened: 1 });
    } finally {
      vi.useRealTimers();
    }
  }, 120_000);

  it("counts what happens now: resolves pending, take overs, releases, holds", async () => {
    const before = await stats();
    const n = (v: number | undefined) => v ?? 0; // a count the period has none of is absent
    const a = await ask("Do you have a loyalty card for regular customers?", "attention");
    await sidebar(a, "resolve"); // nobody took it over: the AI's, once it stays solved 7 days
    const b = await createTicket({ body: "hello" });
    await settled(b);
    await sidebar(b, "takeover");
    await sidebar(b, "takeover", BO, true);
    await sidebar(b, "release", BO);
    await sidebar(b, "takeover", BO);
    await sidebar(b, "resolve", BO);

    const after = await stats();
    const delta = (k: "aiPending" | "humanPending" | "aiResolved" | "humanResolved") =>
      after.resolutions[k] - before.resolutions[k];
    expect([delta("aiPending"), delta("humanPending"), delta("aiResolved"), delta("humanResolved")]).toEqual([
      1, 1, 0, 0,
    ]);
    expect(after.takeovers.total - before.takeovers.total).toBe(3);
    expect(n(after.takeovers.byReason.forced_from) - n(before.takeovers.byReason.forced_from)).toBe(1);
    expect(after.takeovers.afterRelease - before.takeovers.afterRelease).toBe(1);
    expect(after.releases - before.releases).toBe(1);
    // The AI could answer neither the loyalty card question nor a bare "hello".
    expect(n(after.attention.validation_failed) - n(before.attention.validation_failed)).toBe(2);
    expect(after.held.count - n(before.held?.count)).toBe(2);
  });

  it("is each installation's own", async () => {
    const account = await createAccount("stats");
    const { secret } = await connect(account);
    await account.control("POST", "/users", { ...ANA, role: "agent" });
    const before = await stats();
    const id = await createAccountTicket(account, "Hello, is anyone there?");
    await waitUntil(async () => {
      await deliverTo(account, id);
      return (await accountApi(secret, "GET", `/tickets/${id}`)).body?.events;
    });
    for (const action of ["takeover", "resolve"]) {
      const r = await accountApi(secret, "POST", `/tickets/${id}/${action}`, { agent: ANA });
      expect(r.status, action).toBe(200);
    }
    const own = (await accountApi(secret, "GET", "/stats")).body as Record<string, Record<string, unknown>>;
    expect(own.takeovers).toEqual({
      total: 1,
      byReason: { button: 1 },
      afterRelease: 0,
      retakeoverRate: null,
    });
    expect(own.resolutions).toEqual({
      aiResolved: 0,
      humanResolved: 0,
      reopened: 0,
      aiPending: 0,
      humanPending: 1,
    });
    const after = await stats();
    expect(after.takeovers).toEqual(before.takeovers);
    expect(after.resolutions).toEqual(before.resolutions);
  });

  it("answers 400 with the reason for a bad period", async () => {
    const cases: [string, RegExp][] = [
      ["?from=yesterday", /^from must be an ISO date/],
      ["?to=2026-02-30", /^to must be an ISO date/],
      ["?from=2026-11-01T10:00", /^from must be an ISO date .* with a zone/],
      ["?from=2026-11-02&to=2026-11-01", /^from must not be after to$/],
      ["?from=2024-01-01&to=2025-12-31", /731 days; at most 366/],
    ];
    for (const [query, error] of cases) {
      const r = await api("GET", `/stats${query}`);
      expect(r.status, query).toBe(400);
      expect(r.body.error, query).toMatch(error);
    }
    const past = await stats("?from=2020-01-01&to=2020-02-01");
    expect(past.series).toHaveLength(32);
    expect(past.resolutions).toEqual({
      aiResolved: 0,
      humanResolved: 0,
      reopened: 0,
      aiPending: 0,
      humanPending: 0,
    });
    expect(past.held).toBeNull();
  });
});
