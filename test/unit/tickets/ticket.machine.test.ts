// The ticket state machine, transition by transition: what moves, what is
// refused, which audit entries and effects come out, and when a take over may
// be acknowledged. Pure: every test passes `now` explicitly.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Agent } from "../../../common/api.schema";
import {
  leaseActive,
  type MachineEvent,
  newTicket,
  type Rejection,
  type TicketRecord,
  type Transition,
  transition,
} from "../../../worker/src/tickets/ticket.machine";

const ana: Agent = { id: 11, name: "Ana" };
const REPLY = { kind: "reply", draftId: 1 } as const;
const IN_DOUBT = { kind: "in_doubt" } as const;
const bo: Agent = { id: 22, name: "Bo" };
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const HOUR = 3_600_000;

function ticket(patch: Partial<TicketRecord> = {}): TicketRecord {
  return { ...newTicket(4242), version: 7, ...patch };
}
const heldBy = (agent: Agent, at = T0 - HOUR, patch: Partial<TicketRecord> = {}) =>
  ticket({ state: "in_progress", owner: agent, heldSince: at, lastHumanAt: at, ...patch });
const resolved = (patch: Partial<TicketRecord> = {}) => ticket({ state: "resolved", ...patch });
const liveLease = (now = T0) => ({ id: "lease-live", until: now + 5_000 });

function accept(rec: TicketRecord, event: MachineEvent, now = T0): Transition {
  const r = transition(rec, event, now);
  if (!r.ok) throw new Error(`expected the machine to accept ${event.type}, got ${r.error.message}`);
  return r.value;
}
function refuse(rec: TicketRecord, event: MachineEvent, now = T0): Rejection {
  const r = transition(rec, event, now);
  if (r.ok) throw new Error(`expected the machine to refuse ${event.type} on ${rec.state}`);
  return r.error;
}
/** A transition that changes the record: one version step, nothing else touched but `expected`. */
function expectChanged(before: TicketRecord, t: Transition, expected: Partial<TicketRecord>) {
  expect(t.next).not.toBe(before);
  expect(t.next).toEqual({ ...before, ...expected, version: before.version + 1 });
}
function expectUnchanged(before: TicketRecord, t: Transition) {
  expect(t.next).toBe(before);
  expect(t.audit).toEqual([]);
  expect(t.writes).toEqual([]);
  expect(t.effects).toEqual([]);
}

describe("newTicket", () => {
  it("starts open, unowned, at version 0, with no lease", () => {
    expect(newTicket(9)).toEqual({
      ticketId: 9,
      state: "open",
      owner: null,
      version: 0,
      sendLease: null,
      heldSince: null,
      lastHumanAt: null,
      releasedAt: null,
      heldDraftId: null,
      waiting: false,
    });
  });
});

describe("leaseActive", () => {
  it("is live strictly before `until` and dead from `until` on", () => {
    const rec = ticket({ sendLease: { id: "l", until: T0 } });
    expect(leaseActive(rec, T0 - 1)).toBe(true);
    expect(leaseActive(rec, T0)).toBe(false);
    expect(leaseActive(rec, T0 + 1)).toBe(false);
    expect(leaseActive(ticket(), T0)).toBe(false);
  });
});

describe("take_over", () => {
  it("open → in_progress, owned by the agent, acknowledged now when no send is in flight", () => {
    const before = ticket();
    const t = accept(before, { type: "take_over", agent: ana, force: false });
    expectChanged(before, t, { state: "in_progress", owner: ana, heldSince: T0, lastHumanAt: T0 });
    expect(t.ack).toBe("now");
    expect(t.audit).toEqual([
      {
        type: "take_over",
        actor: { kind: "agent", id: 11, name: "Ana" },
        from: "open",
        to: "in_progress",
        reason: null,
      },
    ]);
    expect(t.effects).toEqual([{ type: "sync_zendesk" }]);
  });

  it("keeps the send lease and waits for it (ack after_send) while an AI reply is on its way", () => {
    const before = ticket({ sendLease: liveLease() });
    const t = accept(before, { type: "take_over", agent: ana, force: false });
    expect(t.next.state).toBe("in_progress");
    // The lease is not stolen: the sender settles it, and the ack waits for that.
    expect(t.next.sendLease).toEqual(before.sendLease);
    expect(t.ack).toBe("after_send");
  });

  it("does not wait for a lease that has already expired", () => {
    const before = ticket({ sendLease: { id: "dead", until: T0 } });
    expect(accept(before, { type: "take_over", agent: ana, force: false }).ack).toBe("now");
  });

  it("already yours: no change, no audit, acknowledged (the 200 case)", () => {
    const before = heldBy(ana);
    const t = accept(before, { type: "take_over", agent: ana, force: false });
    expectUnchanged(before, t);
    expect(t.ack).toBe("now");
  });

  it("already yours while a lease from before your take over is still live: still waits for it", () => {
    const before = heldBy(ana, T0 - 1_000, { sendLease: liveLease() });
    const t = accept(before, { type: "take_over", agent: ana, force: false });
    expectUnchanged(before, t);
    expect(t.ack).toBe("after_send");
  });

  it("someone else's: conflict that names the owner, nothing changes", () => {
    const e = refuse(heldBy(bo), { type: "take_over", agent: ana, force: false });
    expect(e.code).toBe("conflict");
    expect(e).toMatchObject({ owner: bo });
    expect(e.message).toContain("Bo");
  });

  it("someone else's with force: the agent takes it, the audit says from whom", () => {
    const before = heldBy(bo, T0 - 2 * HOUR);
    const t = accept(before, { type: "take_over", agent: ana, force: true });
    expectChanged(before, t, { owner: ana, heldSince: T0, lastHumanAt: T0 });
    expect(t.next.state).toBe("in_progress");
    expect(t.audit).toHaveLength(1);
    expect(t.audit[0]).toMatchObject({
      type: "take_over",
      actor: { kind: "agent", id: 11 },
      from: "in_progress",
      to: "in_progress",
    });
    expect(t.audit[0]?.reason).toContain("Bo");
    expect(t.effects).toEqual([{ type: "sync_zendesk" }]);
  });

  it.each([false, true])("resolved → conflict (force %s)", (force) => {
    const e = refuse(resolved(), { type: "take_over", agent: ana, force });
    expect(e.code).toBe("conflict");
  });
});

describe("release", () => {
  it("by the owner: in_progress → open, mirrored, and the AI drafts including what was held", () => {
    const before = heldBy(ana);
    const t = accept(before, { type: "release", agent: ana, force: false });
    // releasedAt: a reply Ana wrote before this moment is still her time (no snap back).
    expectChanged(before, t, { state: "open", owner: null, heldSince: null, releasedAt: T0 });
    expect(t.audit).toEqual([
      {
        type: "release",
        actor: { kind: "agent", id: 11, name: "Ana" },
        from: "in_progress",
        to: "open",
        reason: null,
        detail: null,
      },
    ]);
    expect(t.effects).toEqual([{ type: "sync_zendesk" }, { type: "draft", includeHeld: true }]);
    expect(t.ack).toBe("now");
  });

  it("by another agent without force: conflict naming the owner", () => {
    const e = refuse(heldBy(bo), { type: "release", agent: ana, force: false });
    expect(e.code).toBe("conflict");
    expect(e).toMatchObject({ owner: bo });
  });

  it("by another agent with force: released, and the audit says for whom", () => {
    const before = heldBy(bo);
    const t = accept(before, { type: "release", agent: ana, force: true });
    expectChanged(before, t, { state: "open", owner: null, heldSince: null, releasedAt: T0 });
    expect(t.audit[0]).toMatchObject({ actor: { kind: "agent", id: 11 }, from: "in_progress", to: "open" });
    expect(t.audit[0]?.reason).toContain("Bo");
    expect(t.effects).toContainEqual({ type: "draft", includeHeld: true });
  });

  it.each([
    ["open", ticket()],
    ["resolved", resolved()],
  ])("%s → conflict, even with force", (_state, before) => {
    expect(refuse(before, { type: "release", agent: ana, force: false }).code).toBe("conflict");
    expect(refuse(before, { type: "release", agent: ana, force: true }).code).toBe("conflict");
  });
});

describe("resolve", () => {
  it.each([
    ["open", ticket()],
    ["in_progress", heldBy(bo)],
  ])("from %s by an agent: resolved, Zendesk set to solved, learning runs", (from, before) => {
    const t = accept(before, { type: "resolve", agent: ana, source: "agent" });
    expectChanged(before, t, { state: "resolved", owner: null, heldSince: null });
    expect(t.audit).toEqual([
      {
        type: "resolve",
        actor: { kind: "agent", id: 11, name: "Ana" },
        from,
        to: "resolved",
        reason: null,
        detail: null,
      },
    ]);
    // A person ends it: nothing the AI prepared is sent, and its flags close.
    expect(t.writes).toEqual([{ type: "withdraw_drafts" }, { type: "close_attention", by: ana }]);
    expect(t.effects).toEqual([{ type: "sync_zendesk", status: "solved" }, { type: "learn" }]);
  });

  it("from Zendesk (solved there): resolved by the system, mirrored without re-setting the status", () => {
    const before = heldBy(bo);
    const t = accept(before, { type: "resolve", agent: null, source: "zendesk" });
    expectChanged(before, t, { state: "resolved", owner: null, heldSince: null });
    expect(t.audit).toEqual([
      {
        type: "resolve",
        actor: { kind: "system" },
        from: "in_progress",
        to: "resolved",
        reason: "solved in Zendesk",
        detail: { code: "solved_in_zendesk", params: {} },
      },
    ]);
    expect(t.effects).toEqual([{ type: "sync_zendesk" }, { type: "learn" }]);
    expect(t.effects.some((e) => e.type === "sync_zendesk" && e.status === "solved")).toBe(false);
  });

  it("already resolved, from an agent: conflict", () => {
    expect(refuse(resolved(), { type: "resolve", agent: ana, source: "agent" }).code).toBe("conflict");
  });

  it("already resolved, from Zendesk (a redelivery, or solved → closed): a no-op", () => {
    const before = resolved();
    expectUnchanged(before, accept(before, { type: "resolve", agent: null, source: "zendesk" }));
  });
});

describe("agent_public_reply", () => {
  it("on an open ticket: an implicit take over by that agent, with the reason in the audit", () => {
    const before = ticket();
    const t = accept(before, { type: "agent_public_reply", agent: bo });
    expectChanged(before, t, { state: "in_progress", owner: bo, heldSince: T0, lastHumanAt: T0 });
    expect(t.audit).toHaveLength(1);
    expect(t.audit[0]).toMatchObject({
      type: "take_over",
      actor: { kind: "agent", id: 22, name: "Bo" },
      from: "open",
      to: "in_progress",
    });
    expect(t.audit[0]?.reason).toMatch(/implicit/);
    expect(t.effects).toEqual([{ type: "sync_zendesk" }]);
    expect(t.ack).toBe("now");
  });

  it("written before the last release (its webhook read after it): part of the human's time, no take over", () => {
    const released = ticket({ releasedAt: T0 - 1_000 });
    const late = transition(released, { type: "agent_public_reply", agent: bo, at: T0 - 5_000 }, T0);
    expect(late.ok && late.value.next).toBe(released);
    const after = accept(released, { type: "agent_public_reply", agent: bo, at: T0 - 500 });
    expect(after.next.state).toBe("in_progress");
  });

  it("on an open ticket with a reply in flight: waits for it like an explicit take over", () => {
    expect(accept(ticket({ sendLease: liveLease() }), { type: "agent_public_reply", agent: bo }).ack).toBe(
      "after_send",
    );
  });

  it("on a ticket in progress: only lastHumanAt moves (owner kept, even if another agent replied)", () => {
    const before = heldBy(ana, T0 - 3 * HOUR);
    const t = accept(before, { type: "agent_public_reply", agent: bo });
    expectChanged(before, t, { lastHumanAt: T0 });
    expect(t.next.owner).toEqual(ana);
    expect(t.next.heldSince).toBe(T0 - 3 * HOUR);
    expect(t.audit).toEqual([]);
    expect(t.effects).toEqual([]);
  });

  it("on a resolved ticket: nothing", () => {
    const before = resolved();
    expectUnchanged(before, accept(before, { type: "agent_public_reply", agent: bo }));
  });
});

describe("customer_message", () => {
  it("on a resolved ticket: reopens it, audited as the customer, and the AI drafts (without held)", () => {
    const before = resolved();
    const t = accept(before, { type: "customer_message" });
    expectChanged(before, t, { state: "open", owner: null, heldSince: null });
    expect(t.audit).toHaveLength(1);
    expect(t.audit[0]).toMatchObject({
      type: "reopen",
      actor: { kind: "customer" },
      from: "resolved",
      to: "open",
    });
    expect(t.audit[0]?.reason).toBeTruthy();
    expect(t.effects).toEqual([{ type: "sync_zendesk" }, { type: "draft", includeHeld: false }]);
  });

  it("on an open ticket: a version bump (stale drafts lose their claim) and a draft effect", () => {
    const before = ticket();
    const t = accept(before, { type: "customer_message" });
    expectChanged(before, t, {});
    expect(t.audit).toEqual([]);
    expect(t.effects).toEqual([{ type: "draft", includeHeld: false }]);
  });

  it("on a ticket in progress: a version bump, no draft", () => {
    const before = heldBy(ana);
    const t = accept(before, { type: "customer_message" });
    expectChanged(before, t, {});
    expect(t.effects).toEqual([]);
    expect(t.audit).toEqual([]);
  });
});

describe("auto_release", () => {
  const lastHuman = T0 - 4 * HOUR;
  const held = heldBy(ana, T0 - 10 * HOUR, { lastHumanAt: lastHuman });

  it("releases once `hours` have passed since the last human action, and drafts with held messages", () => {
    const t = accept(held, { type: "auto_release", hours: 3 });
    expectChanged(held, t, { state: "open", owner: null, heldSince: null, releasedAt: T0 });
    expect(t.audit).toHaveLength(1);
    expect(t.audit[0]).toMatchObject({
      type: "release",
      actor: { kind: "system" },
      from: "in_progress",
      to: "open",
    });
    expect(t.audit[0]?.reason).toContain("3 h");
    expect(t.effects).toEqual([{ type: "sync_zendesk" }, { type: "draft", includeHeld: true }]);
  });

  it("counts from the last human reply, not from the take over", () => {
    // Held for 10 h, but the human replied 4 h ago: a 5 h limit is not reached.
    expectUnchanged(held, accept(held, { type: "auto_release", hours: 5 }));
  });

  it("exactly at the boundary it releases; one millisecond before it does not", () => {
    const at = lastHuman + 4 * HOUR;
    expect(accept(held, { type: "auto_release", hours: 4 }, at).next.state).toBe("open");
    expectUnchanged(held, accept(held, { type: "auto_release", hours: 4 }, at - 1));
    // Fractional hours count too.
    expect(accept(held, { type: "auto_release", hours: 3.5 }, lastHuman + 3.5 * HOUR).next.state).toBe(
      "open",
    );
  });

  it("falls back to heldSince when no human action was recorded", () => {
    const rec = heldBy(ana, T0 - 2 * HOUR, { lastHumanAt: null });
    expect(accept(rec, { type: "auto_release", hours: 2 }).next.state).toBe("open");
    expectUnchanged(rec, accept(rec, { type: "auto_release", hours: 2 }, T0 - 1));
  });

  it.each([
    ["open", ticket({ lastHumanAt: T0 - 100 * HOUR })],
    ["resolved", resolved({ lastHumanAt: T0 - 100 * HOUR })],
  ])("does nothing on a ticket that is %s", (_s, rec) => {
    expectUnchanged(rec, accept(rec, { type: "auto_release", hours: 1 }));
  });
});

describe("send_claim", () => {
  it("on an open ticket with no lease: grants a lease for ttl", () => {
    const before = ticket();
    const t = accept(before, { type: "send_claim", leaseId: "L1", ttlMs: 25_000, purpose: REPLY });
    expectChanged(before, t, { sendLease: { id: "L1", until: T0 + 25_000 } });
    expect(t.audit).toEqual([]);
    expect(t.effects).toEqual([]);
  });

  it.each([
    ["in_progress", heldBy(ana)],
    ["resolved", resolved()],
  ])("refused on a ticket that is %s", (_s, rec) => {
    expect(refuse(rec, { type: "send_claim", leaseId: "L1", ttlMs: 25_000, purpose: REPLY }).code).toBe(
      "send_refused",
    );
  });

  it("refused while another lease is live", () => {
    const rec = ticket({ sendLease: liveLease() });
    expect(refuse(rec, { type: "send_claim", leaseId: "L2", ttlMs: 25_000, purpose: REPLY }).code).toBe(
      "send_refused",
    );
  });

  it("an expired lease that never settled is in doubt: no claim until it is reconciled", () => {
    // Its Worker may have posted and died: a second send could repeat the reply.
    for (const until of [T0 - 1, T0]) {
      const before = ticket({ sendLease: { id: "crashed", until } });
      const r = transition(before, { type: "send_claim", leaseId: "L2", ttlMs: 25_000, purpose: REPLY }, T0);
      expect(r.ok ? null : r.error.code).toBe("in_doubt");
    }
    // Reconciled (settled under its own lease id), the ticket takes a new send.
    const crashed = ticket({ sendLease: { id: "crashed", until: T0 - 1 } });
    const settled = accept(crashed, { type: "send_settled", leaseId: "crashed", result: IN_DOUBT });
    expect(settled.next.sendLease).toBeNull();
    const t = accept(settled.next, { type: "send_claim", leaseId: "L2", ttlMs: 25_000, purpose: REPLY });
    expect(t.next.sendLease).toEqual({ id: "L2", until: T0 + 25_000 });
  });
});

describe("send_settled", () => {
  it("clears the matching lease", () => {
    const before = ticket({ sendLease: liveLease() });
    const t = accept(before, { type: "send_settled", leaseId: "lease-live", result: IN_DOUBT });
    expectChanged(before, t, { sendLease: null });
  });

  it("clears a matching lease even after the ticket was taken over (the take over is waiting for it)", () => {
    const before = heldBy(ana, T0, { sendLease: liveLease() });
    expectChanged(before, accept(before, { type: "send_settled", leaseId: "lease-live", result: IN_DOUBT }), {
      sendLease: null,
    });
  });

  it("ignores a lease that is not the current one (a late settle must not free someone else's)", () => {
    const before = ticket({ sendLease: liveLease() });
    expectUnchanged(before, accept(before, { type: "send_settled", leaseId: "other", result: IN_DOUBT }));
    const none = ticket();
    expectUnchanged(none, accept(none, { type: "send_settled", leaseId: "other", result: IN_DOUBT }));
  });
});

// Over arbitrary records and events: a change is exactly one version step; no change is the same object.
describe("every transition", () => {
  const agentArb = fc.constantFrom(ana, bo, { id: 33, name: "Cy" });
  const timeArb = fc.option(fc.integer({ min: T0 - 48 * HOUR, max: T0 }), { nil: null });
  const recordArb: fc.Arbitrary<TicketRecord> = fc
    .record({
      state: fc.constantFrom("open" as const, "in_progress" as const, "resolved" as const),
      owner: agentArb,
      version: fc.nat(1000),
      lease: fc.option(
        fc.record({
          id: fc.constantFrom("a", "b"),
          until: fc.integer({ min: T0 - 60_000, max: T0 + 60_000 }),
        }),
        { nil: null },
      ),
      heldSince: timeArb,
      lastHumanAt: timeArb,
      releasedAt: timeArb,
      heldDraftId: fc.option(fc.constantFrom(5, 6), { nil: null }),
      waiting: fc.boolean(),
    })
    .map((r) => ({
      ticketId: 1,
      state: r.state,
      owner: r.state === "in_progress" ? r.owner : null,
      version: r.version,
      sendLease: r.lease,
      heldSince: r.state === "in_progress" ? r.heldSince : null,
      lastHumanAt: r.lastHumanAt,
      releasedAt: r.releasedAt,
      heldDraftId: r.state === "open" ? r.heldDraftId : null,
      waiting: r.state === "open" && r.waiting,
    }));
  const eventArb: fc.Arbitrary<MachineEvent> = fc.oneof(
    fc.record({ type: fc.constant("take_over" as const), agent: agentArb, force: fc.boolean() }),
    fc.record({ type: fc.constant("release" as const), agent: agentArb, force: fc.boolean() }),
    fc.record({
      type: fc.constant("resolve" as const),
      agent: fc.option(agentArb, { nil: null }),
      source: fc.constantFrom("agent" as const, "zendesk" as const),
    }),
    fc.record({ type: fc.constant("agent_public_reply" as const), agent: agentArb }),
    fc.constant({ type: "customer_message" as const }),
    fc.record({ type: fc.constant("auto_release" as const), hours: fc.integer({ min: 0, max: 72 }) }),
    fc.record({
      type: fc.constant("send_claim" as const),
      leaseId: fc.constantFrom("a", "c"),
      ttlMs: fc.integer({ min: 1, max: 60_000 }),
      purpose: fc.oneof(
        fc.constant(REPLY),
        fc.record({ kind: fc.constant("ack" as const), draftId: fc.constant(7) }),
        fc.record({
          kind: fc.constant("approve" as const),
          draftId: fc.constantFrom(5, 6),
          body: fc.constant(null),
          agent: agentArb,
        }),
      ),
    }),
    fc.record({
      type: fc.constant("send_settled" as const),
      leaseId: fc.constantFrom("a", "b", "c"),
      result: fc.oneof(
        fc.constant(IN_DOUBT),
        fc.record({ kind: fc.constant("stale" as const), draftId: fc.constantFrom(5, 6) }),
        fc.record({
          kind: fc.constant("sent" as const),
          draftId: fc.constantFrom(5, 6),
          commentId: fc.constant(null),
          replyTo: fc.constant<number[]>([1]),
          citations: fc.constant<number[]>([]),
          approvedBy: fc.option(agentArb, { nil: null }),
          edited: fc.boolean(),
          ack: fc.boolean(),
        }),
      ),
    }),
    fc.record({ type: fc.constant("discard" as const), draftId: fc.constantFrom(5, 6), agent: agentArb }),
    fc.record({ type: fc.constant("wait_ended" as const), agent: fc.option(agentArb, { nil: null }) }),
    fc.record({
      type: fc.constant("flag" as const),
      attention: fc.constantFrom(
        "validation_failed" as const,
        "human_requested" as const,
        "escalation" as const,
      ),
      reason: fc.constant({ code: "c", params: {}, text: "t" }),
      messageIds: fc.constant<number[]>([1]),
      waits: fc.boolean(),
      ack: fc.option(fc.constant("ack"), { nil: null }),
    }),
  );

  it("bumps the version by exactly 1 when anything changed, and returns the same object otherwise", () => {
    fc.assert(
      fc.property(recordArb, eventArb, (rec, ev) => {
        const snapshot = structuredClone(rec);
        const r = transition(rec, ev, T0);
        expect(rec).toEqual(snapshot); // never mutates its input
        if (!r.ok) return;
        const { next } = r.value;
        if (next === rec) {
          // An unchanged record carries no ownership audit; only a settled send's outcome may be written.
          if (ev.type !== "send_settled") expect(r.value.audit).toEqual([]);
        } else {
          expect(next.version).toBe(rec.version + 1);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("never grants a send lease unless the ticket is open, and never hands a live lease to a second sender", () => {
    fc.assert(
      fc.property(recordArb, eventArb, (rec, ev) => {
        const r = transition(rec, ev, T0);
        if (!r.ok || r.value.next === rec) return;
        const granted = r.value.next.sendLease && r.value.next.sendLease !== rec.sendLease;
        if (granted) {
          expect(ev.type).toBe("send_claim");
          expect(rec.state).toBe("open");
          expect(leaseActive(rec, T0)).toBe(false);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("acknowledges a take over only after the send while a lease is live, and at once otherwise", () => {
    fc.assert(
      fc.property(recordArb, agentArb, fc.boolean(), (rec, agent, force) => {
        const r = transition(rec, { type: "take_over", agent, force }, T0);
        if (!r.ok) return;
        expect(r.value.ack).toBe(leaseActive(rec, T0) ? "after_send" : "now");
        expect(r.value.next.state).toBe("in_progress");
      }),
      { numRuns: 1_000 },
    );
  });
});
