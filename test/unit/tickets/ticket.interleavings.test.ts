// The race the product rests on, as a property: over thousands of random
// interleavings of AI senders, take overs, releases, resolves, webhooks,
// customer messages, crashes and the clock, no AI reply lands on a ticket
// whose take over has been answered. The model (ticket.interleavings.model.ts)
// runs the real ticket machine inside a simulated D1 row and Zendesk ticket.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SEND_LEASE_MS } from "../../../worker/src/drafting/pipeline";
import { ZENDESK_TIMEOUT_MS } from "../../../worker/src/helpdesk/zendesk/zendesk.client";
import {
  ACK_WAIT_LIMIT_MS,
  CURRENT,
  type Invariant,
  type Outcome,
  type Protocol,
  type Stats,
  type Step,
  simulate,
} from "./ticket.interleavings.model";

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 40,
    arbitrary: fc.record({
      t: fc.constant("run" as const),
      n: fc.nat(15),
      burst: fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 8 })),
    }),
  },
  { weight: 6, arbitrary: fc.constant({ t: "spawnSender" as const }) },
  {
    weight: 4,
    arbitrary: fc.record({ t: fc.constant("takeOver" as const), agent: fc.nat(2), force: fc.boolean() }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant("release" as const), agent: fc.nat(2), force: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("resolve" as const), agent: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.constant({ t: "autoRelease" as const }) },
  { weight: 2, arbitrary: fc.constant({ t: "customerWrites" as const }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("agentRepliesInZendesk" as const), agent: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.constant({ t: "agentSolvesInZendesk" as const }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("deliver" as const), n: fc.nat(7) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("clock" as const), n: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("crash" as const), n: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.constant({ t: "failNextSync" as const }) },
  { weight: 3, arbitrary: fc.constant({ t: "spawnHolder" as const }) },
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant("approve" as const), agent: fc.nat(2), n: fc.nat(5) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant("discard" as const), agent: fc.nat(2), n: fc.nat(5) }),
  },
  { weight: 4, arbitrary: fc.record({ t: fc.constant("tenant" as const), n: fc.nat(1) }) },
);
const schedules = fc.array(step, { minLength: 1, maxLength: 60, size: "max" });

/** The promises checked on every run: answered take overs, answered resolves, one reply per lease. */
const PROMISE: Invariant[] = ["takeover", "resolve", "lease", "approve_current", "approve_once"];

const broken = (o: Outcome, invariants: Invariant[]) =>
  o.violations.filter((v) => invariants.includes(v.invariant));

function explain(o: Outcome, invariants: Invariant[]): string {
  return `${broken(o, invariants)
    .map((v) => `${v.invariant}: ${v.at}`)
    .join("\n")}\n--- trace ---\n${o.log.join("\n")}`;
}

/** Asserts that `invariants` hold over `numRuns` random schedules; returns the summed stats. */
function holds(protocol: Protocol, invariants: Invariant[], numRuns: number): Stats {
  const total: Stats = {
    posts: 0,
    refused409: 0,
    waitedAcks: 0,
    takeOversAnswered: 0,
    postsBeforeAnswer: 0,
    inDoubtReconciled: 0,
    approvesPosted: 0,
    approvesRefused: 0,
    postsInSecondInstallation: 0,
  };
  fc.assert(
    fc.property(schedules, (schedule) => {
      const o = simulate(schedule, protocol);
      for (const k of Object.keys(total) as (keyof Stats)[]) total[k] += o.stats[k];
      if (broken(o, invariants).length > 0) throw new Error(explain(o, invariants));
    }),
    { numRuns },
  );
  return total;
}

/** A protocol that answers a take over at once and whose tag updates leave Zendesk's stamp alone. */
// No lease wait anywhere (neither after a claim nor in the re-check before answering), and a stamp that never moves.
const BROKEN: Protocol = {
  ...CURRENT,
  waitForLease: false,
  takeOverRechecksBeforeAnswer: false,
  syncBumpsStamp: false,
};

const run = (n: number, burst = 1): Step => ({ t: "run", n, burst });
const ANA = 0;
const BO = 1;

describe("the model's assumption", () => {
  it("a Zendesk request ends before its send lease, and a take over waits longer than any lease", () => {
    // The model never lets a request outlive its lease; these constants are why that is faithful.
    expect(ZENDESK_TIMEOUT_MS).toBeLessThan(SEND_LEASE_MS);
    expect(SEND_LEASE_MS).toBeLessThan(ACK_WAIT_LIMIT_MS);
  });
});

describe("a reply in flight when a take over arrives", () => {
  // sender: read → read Zendesk → claim; then the take over: read → commit → mirror → poll.
  const inFlight: Step[] = [
    { t: "spawnSender" },
    run(0, 3),
    { t: "takeOver", agent: ANA, force: false },
    run(1, 4),
  ];

  it("is refused by Zendesk (the take over's tags moved the stamp), and the answer waits for it to settle", () => {
    const o = simulate([...inFlight, run(0, 2), run(0, 2)], CURRENT, false);
    expect(broken(o, PROMISE)).toEqual([]);
    expect(o.stats).toMatchObject({ posts: 0, refused409: 1, waitedAcks: 1, takeOversAnswered: 1 });
    const settled = o.log.findIndex((l) => l.includes("settled"));
    const answered = o.log.findIndex((l) => l.includes("answered 200"));
    expect(settled).toBeGreaterThan(-1);
    expect(answered).toBeGreaterThan(settled);
  });

  it("or lands before the answer, when it reaches Zendesk before the take over's tags do", () => {
    const early: Step[] = [
      { t: "spawnSender" },
      run(0, 3),
      { t: "takeOver", agent: ANA, force: false },
      run(1, 2),
    ];
    const o = simulate([...early, run(0, 1)]);
    expect(broken(o, PROMISE)).toEqual([]);
    expect(o.stats).toMatchObject({ posts: 1, postsBeforeAnswer: 1, takeOversAnswered: 1 });
    const posted = o.log.findIndex((l) => l.includes("posted"));
    expect(o.log.findIndex((l) => l.includes("answered 200"))).toBeGreaterThan(posted);
  });

  it("lands after the answer when the take over neither waits nor moves the stamp (the model can fail)", () => {
    const o = simulate([...inFlight, run(1, 2), run(0, 2)], BROKEN, false);
    expect(broken(o, ["takeover"]).length).toBeGreaterThan(0);
  });
});

describe("a draft held for approval", () => {
  // The AI holds a draft: holder reads, reads Zendesk, holds.
  const held: Step[] = [{ t: "spawnHolder" }, run(0, 3)];

  it("approved after a take over by a colleague who does not own the ticket: refused, nothing lands", () => {
    const o = simulate([
      ...held,
      { t: "takeOver", agent: ANA, force: false },
      run(0, 6),
      { t: "approve", agent: BO, n: 0 },
      run(0, 6),
    ]);
    expect(broken(o, PROMISE)).toEqual([]);
    expect(o.stats).toMatchObject({ posts: 0, approvesPosted: 0, approvesRefused: 1, takeOversAnswered: 1 });
  });

  it("approved after the customer wrote again (the draft was superseded): refused", () => {
    const o = simulate([
      ...held,
      { t: "customerWrites" },
      { t: "deliver", n: 0 },
      run(0, 4),
      { t: "approve", agent: ANA, n: 0 },
      run(0, 6),
    ]);
    expect(o.stats).toMatchObject({ approvesPosted: 0, approvesRefused: 1 });
  });

  it("approved while current: lands once; a second approval of the same draft is refused", () => {
    const o = simulate([
      ...held,
      { t: "approve", agent: ANA, n: 0 },
      run(0, 6),
      { t: "approve", agent: BO, n: 0 },
      run(0, 6),
    ]);
    expect(broken(o, PROMISE)).toEqual([]);
    expect(o.stats).toMatchObject({ posts: 1, approvesPosted: 1, approvesRefused: 1 });
  });

  it("without the send protocol (the old approve), an approval lands after an answered take over", () => {
    const stale: Step[] = [
      ...held,
      { t: "approve", agent: BO, n: 0 },
      run(0, 2), // the approval read the draft as held and read Zendesk's stamp
      { t: "takeOver", agent: ANA, force: false },
      run(1, 6), // the take over is answered: nothing was in flight by the lease
      run(0, 3),
    ];
    const old = simulate(stale, { ...CURRENT, syncBumpsStamp: false, approveUsesLease: false });
    expect(broken(old, ["takeover"]).length).toBeGreaterThan(0);
    expect(broken(simulate(stale, { ...CURRENT, syncBumpsStamp: false }), PROMISE)).toEqual([]);
  });

  it("approved twice while the first approval's settle comes after its lease: reconciled, sent once", () => {
    // Found by the random schedules: the first approval posts just inside its lease and settles
    // late; the second claimed over the expired lease and posted the same draft again.
    const o = simulate(
      [
        ...held,
        { t: "approve", agent: ANA, n: 0 },
        { t: "approve", agent: ANA, n: 0 },
        run(3, 3),
        run(0, 1),
        { t: "spawnSender" },
        { t: "clock", n: 3 },
        run(11, 1),
      ],
      { ...CURRENT, syncMayFail: true },
    );
    expect(broken(o, PROMISE)).toEqual([]);
    expect(o.stats).toMatchObject({ approvesPosted: 1, inDoubtReconciled: 1 });
  });

  it("a take over that arrives while the approved draft is on the wire waits for it, then answers", () => {
    const o = simulate(
      [
        ...held,
        { t: "approve", agent: ANA, n: 0 },
        run(0, 3), // read, read Zendesk, claim
        { t: "takeOver", agent: BO, force: false },
        run(1, 4), // the take over commits and polls: the lease is live
        run(0, 2), // the approval posts (409: the take over's tags moved the stamp) and settles
        run(0, 4),
      ],
      CURRENT,
    );
    expect(broken(o, PROMISE)).toEqual([]);
    expect(o.stats.waitedAcks).toBe(1);
  });
});

describe("over random interleavings", () => {
  it("no AI reply lands while an answered take over is in force, nor after an answered resolve", () => {
    const seen = holds(CURRENT, PROMISE, 5_000);
    // The runs must actually reach the races they are about, or the property proves nothing.
    expect(seen.posts).toBeGreaterThan(0);
    expect(seen.refused409).toBeGreaterThan(0);
    expect(seen.waitedAcks).toBeGreaterThan(0);
    expect(seen.postsBeforeAnswer).toBeGreaterThan(0);
    expect(seen.inDoubtReconciled).toBeGreaterThan(0);
    expect(seen.takeOversAnswered).toBeGreaterThan(0);
    // Approvals race too: some land, some are refused as stale, withdrawn or superseded.
    expect(seen.approvesPosted).toBeGreaterThan(0);
    expect(seen.approvesRefused).toBeGreaterThan(0);
    // Both installations' tickets 77 are in play.
    expect(seen.postsInSecondInstallation).toBeGreaterThan(0);
    expect(seen.postsInSecondInstallation).toBeLessThan(seen.posts);
  });

  it("the wait for the lease alone keeps the take over promise, even when tag mirrors fail", () => {
    holds({ ...CURRENT, syncBumpsStamp: false }, ["takeover", "lease"], 3_000);
    holds({ ...CURRENT, syncMayFail: true }, ["takeover", "lease"], 3_000);
  });

  it("finds a counterexample when the take over answers at once and Zendesk's stamp does not move", () => {
    const result = fc.check(
      fc.property(schedules, (schedule) => broken(simulate(schedule, BROKEN), ["takeover"]).length === 0),
      { numRuns: 5_000 },
    );
    expect(result.failed).toBe(true);
    const counterexample = result.counterexample?.[0];
    expect(counterexample).toBeDefined();
    // The shrunk schedule replays to a reply that landed after a take over was answered.
    const replay = simulate(counterexample ?? [], BROKEN);
    expect(broken(replay, ["takeover"]).length).toBeGreaterThan(0);
    expect(broken(simulate(counterexample ?? [], CURRENT), PROMISE)).toEqual([]);
  });

  it("needs the wait even with the stamp: a second click on Take over, before the first one's tags land", () => {
    const doubleClick: Step[] = [
      { t: "spawnSender" },
      run(0, 3), // the AI claims a lease
      { t: "takeOver", agent: ANA, force: false },
      { t: "takeOver", agent: ANA, force: false },
      run(1, 2), // click 1 commits (ack after_send); its tags are not in Zendesk yet
      run(2, 4), // click 2: "already yours", also ack after_send
      run(0, 1), // the reply reaches Zendesk with a stamp that is still current
    ];
    expect(broken(simulate(doubleClick, CURRENT), PROMISE)).toEqual([]);
    const stampOnly = simulate(doubleClick, {
      ...CURRENT,
      waitForLease: false,
      takeOverRechecksBeforeAnswer: false,
    });
    expect(broken(stampOnly, ["takeover"]).length).toBeGreaterThan(0);
  });
});

// Gaps this model found in an earlier version of the protocol. Each is a
// concrete schedule that broke a promise; the source now has the fix named in
// its comment (the matching knob in CURRENT is on), so each must hold.
describe("known gaps", () => {
  // pipeline.ts draftRound reads the Zendesk ticket (zt) but never looks at
  // zt.status: an agent solves the ticket in Zendesk, and before the
  // status_changed webhook is applied the AI drafts and posts on the solved
  // ticket with a fresh stamp, so Zendesk accepts it. Fix: hold when
  // zt.status is solved or closed (the stamp guards anything later).
  it("an AI reply lands on a ticket already solved in Zendesk, before its webhook arrives", () => {
    const o = simulate([{ t: "agentSolvesInZendesk" }, { t: "spawnSender" }, run(0, 5)], CURRENT, false);
    expect(broken(o, ["zendesk_solved"])).toEqual([]);
  });

  it("with the sender checking Zendesk's status, no reply lands on a solved ticket", () => {
    holds({ ...CURRENT, senderChecksZendeskStatus: true }, ["zendesk_solved", ...PROMISE], 3_000);
  });

  // ticket.machine.ts `resolve` always answers "now" and ticket.service.ts
  // queues the Zendesk mirror when it fails inline, yet still answers 200: a
  // reply claimed before the resolve, holding the old stamp, then lands after
  // the resolve was answered. Fix: ack "after_send" for resolve too while a lease is live.
  it("an AI reply lands after an agent's resolve was answered, when the inline Zendesk mirror failed", () => {
    const o = simulate(
      [
        { t: "spawnSender" },
        run(0, 3),
        { t: "failNextSync" },
        { t: "resolve", agent: ANA },
        run(1, 5),
        run(0, 2),
      ],
      { ...CURRENT, syncMayFail: true },
      false,
    );
    expect(broken(o, ["resolve"])).toEqual([]);
  });

  it("with resolve waiting for a live lease, no reply lands after its answer even when mirrors fail", () => {
    holds({ ...CURRENT, syncMayFail: true, resolveWaitsForLease: true }, PROMISE, 3_000);
  });

  // ticket.service.ts decides an "already yours" take over's ack from a read
  // that nothing validates (TicketRepo.commit returns true for an unchanged
  // record without checking the version). Ana's second click reads "yours";
  // she releases, a reply is claimed, she takes over again (that take over
  // waits), and the second click answers 200, showing "in progress, Ana",
  // while the reply is still on its way; it lands before her new take over's
  // tags reach Zendesk. Fix: every take over re-reads and waits out a live
  // lease right before answering, and answers from that read
  // (waitForSendToSettle for every take over, not only "after_send").
  it("a stale 'already yours' take over answers 200 while a reply is in flight", () => {
    const o = simulate(
      [
        { t: "takeOver", agent: ANA, force: false },
        run(0, 6), // take over #1 answered
        { t: "takeOver", agent: ANA, force: false },
        run(0, 1), // take over #2 reads: already Ana's
        { t: "release", agent: ANA, force: false },
        run(1, 6), // released and answered
        { t: "spawnSender" },
        run(1, 3), // the AI claims a lease on the open ticket
        { t: "takeOver", agent: ANA, force: false },
        run(2, 2), // take over #3 commits and will wait for the lease
        run(0, 4), // take over #2 answers 200 on its old read
        run(0, 1), // the reply lands
      ],
      CURRENT,
      false,
    );
    expect(broken(o, ["takeover_as_shown"])).toEqual([]);
  });

  it("with every take over re-checking the lease before answering, no reply follows a 200 that says 'yours'", () => {
    const recheck = { ...CURRENT, takeOverRechecksBeforeAnswer: true };
    holds(recheck, ["takeover_as_shown", ...PROMISE], 3_000);
    holds({ ...recheck, syncMayFail: true }, ["takeover_as_shown", "takeover", "lease"], 3_000);
  });

  // ticket.service.ts waitForSendToSettle returns when `s.now() > deadline`
  // even if the record it just read still has a live lease, and applyEvent
  // then answers 200. A lease lasts 25 s and the deadline is 30 s, so only a
  // newer lease can be live then: if the poll loop is frozen past the first
  // lease's end (a blocked isolate), a release, a new AI claim and another
  // take over can slip in, and the stale take over answers 200 with that
  // reply in flight. Fix: at the deadline with a live lease, answer a
  // retryable error (503) instead of 200.
  it("a take over whose wait hits its deadline answers 200 while a newer reply is in flight", () => {
    const o = simulate(
      [
        { t: "spawnSender" },
        run(0, 3), // the AI claims a lease ...
        { t: "crash", n: 0 }, // ... and dies: the lease lives on for 25 s
        { t: "takeOver", agent: ANA, force: false },
        run(0, 4), // Ana's take over commits and waits for that lease
        { t: "clock", n: 3 }, // her isolate freezes for 31 s
        { t: "clock", n: 1 },
        { t: "release", agent: BO, force: true },
        run(1, 5), // Bo releases the ticket for her
        { t: "spawnSender" },
        run(1, 3), // the AI claims a new lease
        { t: "takeOver", agent: BO, force: false },
        run(2, 2), // Bo takes over; his take over waits for the new lease
        run(0, 2), // Ana's poll: deadline passed, so 200, lease or not
        run(0, 1), // the reply lands
      ],
      { ...CURRENT, stalls: true },
      false,
    );
    expect(broken(o, PROMISE)).toEqual([]);
  });

  it("with a take over refusing to answer 200 at its deadline, frozen polls break nothing", () => {
    holds({ ...CURRENT, stalls: true, deadlineRefuses: true }, PROMISE, 3_000);
  });
});

describe("two installations, one Worker", () => {
  // Both accounts have a ticket 77 and an agent with id 1 (ids are unique per account only).
  const acme = { t: "tenant", n: 0 } as const;
  const globex = { t: "tenant", n: 1 } as const;
  const crossed: Step[] = [
    acme,
    { t: "takeOver", agent: ANA, force: false },
    run(0, 6), // Acme's Ana takes over ticket 77; answered
    globex,
    { t: "release", agent: ANA, force: false },
    run(0, 6), // Globex's agent 1 releases Globex's ticket 77
    acme,
    { t: "spawnSender" },
    run(0, 5), // the AI works on Acme's ticket 77
  ];

  it("a release in one account leaves the other's take over in force (rows keyed by installation)", () => {
    const o = simulate(crossed);
    expect(broken(o, PROMISE)).toEqual([]);
    expect(o.log.some((l) => l.includes("[globex] release(Ana)") && l.includes("refused"))).toBe(true);
    expect(o.stats.posts).toBe(0);
  });

  it("with rows keyed by the ticket id alone, that release lets an AI reply land after Acme's take over", () => {
    const o = simulate(crossed, { ...CURRENT, scopedStore: false });
    expect(broken(o, ["takeover"]).length).toBeGreaterThan(0);
  });

  it("random interleavings find the crossing when rows are not keyed by installation", () => {
    const result = fc.check(
      fc.property(
        schedules,
        (s) => broken(simulate(s, { ...CURRENT, scopedStore: false }), PROMISE).length === 0,
      ),
      { numRuns: 5_000 },
    );
    expect(result.failed).toBe(true);
    expect(broken(simulate(result.counterexample?.[0] ?? [], CURRENT), PROMISE)).toEqual([]);
  });
});
