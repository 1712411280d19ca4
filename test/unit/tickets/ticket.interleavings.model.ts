// A step-by-step model of the send protocol around the real ticket machine:
// one D1 row written by compare-and-set, one Zendesk ticket whose updated_at
// stamp refuses stale `safe_update`s (409), and concurrent actors whose steps
// interleave in whatever order a schedule says. Only the shell is modelled;
// every state decision goes through the real `transition`.
//
// Each actor mirrors the code it stands for:
// - sender (drafting/pipeline.ts): read record → read Zendesk (stamp) → draft →
//   CAS send_claim → post with the stamp → settle (send.protocol.ts settle);
// - command (tickets/ticket.service.ts applyEvent, then the route's answer):
//   read → transition → CAS commit (retry on a lost race; an unchanged record
//   "commits" without a check, as TicketRepo.commit does) → the inline tag
//   mirror → for ack "after_send", poll until no lease is live → answer;
// - Zendesk-side actors: the customer or an agent commenting, an agent solving
//   the ticket in Zendesk. Each changes the stamp and queues a webhook
//   delivery that a command applies later, deliveries in any order;
// - holder (pipeline.ts hold): read record → read Zendesk → write the draft →
//   CAS `hold` (the draft becomes the ticket's current held draft);
// - approver (drafting/draft.routes.ts approve): read record → refuse a draft
//   that is not current → read Zendesk (stamp) → CAS send_claim for that draft
//   → post with the stamp → settle (send.protocol.ts); discard is a command.
//
// Two installations share the Worker and its D1: each has its own Zendesk
// account, deliveries and promises, and both have a ticket 77 (ids are only
// unique within an account). Their rows are apart because every key carries
// the installation (`scopedStore`); a `tenant` step moves the Zendesk-side and
// agent steps that follow to the other installation.
//
// Two assumptions about time: a request to Zendesk is applied before its
// lease ends (the adapter's timeout is shorter than the lease), so the clock
// never passes the lease of a sender whose request is on its way (crashed
// senders do not hold it back: their leases expire); and a waiting take over
// polls every 50 ms (`sleep(50)`), so the clock never runs past its next poll
// unless `stalls` says its isolate may freeze.
import type { Agent } from "../../../common/api.schema";
import { SEND_LEASE_MS } from "../../../worker/src/drafting/pipeline";
import {
  leaseActive,
  type MachineEvent,
  newTicket,
  type TicketRecord,
  type Transition,
  transition,
  type Write,
} from "../../../worker/src/tickets/ticket.machine";

/** ticket.service.ts ACK_WAIT_LIMIT_MS (not exported): a take over stops waiting after this. */
export const ACK_WAIT_LIMIT_MS = 30_000;
const HOUR = 3_600_000;
/** ticket.service.ts waitForSendToSettle sleeps this long between polls. */
const POLL_MS = 50;
const START = Date.UTC(2026, 2, 1, 8, 0, 0);
export const AGENTS: readonly Agent[] = [
  { id: 1, name: "Ana" },
  { id: 2, name: "Bo" },
  { id: 3, name: "Cy" },
];
const CLOCK_STEPS = [50, 1_000, 10_000, 30_000, HOUR + 1] as const;

/** The knobs that make a protocol; `CURRENT` is what the source does today. */
export interface Protocol {
  /** A take over answered "after_send" polls until no lease is live (ticket.service.ts). */
  waitForLease: boolean;
  /** The tag mirror a transition triggers changes Zendesk's updated_at. */
  syncBumpsStamp: boolean;
  /** The inline mirror may fail; ticket.service.ts then queues it and still answers. */
  syncMayFail: boolean;
  /** A waiting take over's poll loop may freeze for any time (a blocked isolate). */
  stalls: boolean;
  /** At its deadline, a take over that still sees a live lease answers an error, not 200 (today: 200). */
  deadlineRefuses: boolean;
  /** The sender holds when Zendesk already shows the ticket solved (pipeline.ts does not, today). */
  senderChecksZendeskStatus: boolean;
  /** An agent's resolve also waits for a live lease before answering (the machine says "now", today). */
  resolveWaitsForLease: boolean;
  /** Every take over re-reads the row and waits out a live lease right before answering (today only "after_send"). */
  takeOverRechecksBeforeAnswer: boolean;
  /** An approval claims the send lease for the current held draft, like any AI reply (before: it posted directly). */
  approveUsesLease: boolean;
  /** Every row is keyed by (installation, ticket id), as in migration 0004; before it, by the ticket id alone. */
  scopedStore: boolean;
}

export const CURRENT: Protocol = {
  waitForLease: true,
  syncBumpsStamp: true,
  syncMayFail: false,
  stalls: false,
  deadlineRefuses: true,
  senderChecksZendeskStatus: true,
  resolveWaitsForLease: true,
  takeOverRechecksBeforeAnswer: true,
  approveUsesLease: true,
  scopedStore: true,
};

export type Step =
  /** The n-th live actor takes `burst` steps in a row (fewer if it finishes). */
  | { t: "run"; n: number; burst: number }
  | { t: "spawnSender" }
  | { t: "takeOver"; agent: number; force: boolean }
  | { t: "release"; agent: number; force: boolean }
  | { t: "resolve"; agent: number }
  | { t: "autoRelease" }
  | { t: "customerWrites" }
  | { t: "agentRepliesInZendesk"; agent: number }
  | { t: "agentSolvesInZendesk" }
  | { t: "deliver"; n: number }
  | { t: "clock"; n: number }
  | { t: "crash"; n: number }
  | { t: "failNextSync" }
  /** The AI holds a draft for approval (autonomy draft_only, or a require_approval policy). */
  | { t: "spawnHolder" }
  /** An agent approves the n-th draft ever held (possibly withdrawn, superseded or sent since). */
  | { t: "approve"; agent: number; n: number }
  | { t: "discard"; agent: number; n: number }
  /** The steps that follow (except `run`) happen in installation n: its agents, customer and Zendesk. */
  | { t: "tenant"; n: number };

export type Invariant =
  /**
   * No AI reply lands while a take over is in force that was answered 200 on
   * the strength of a read that saw every ownership change before it. (An
   * answer decided on a read that a release or another take over has since
   * overtaken vouches for nothing: see `takeover_as_shown`.)
   */
  | "takeover"
  /**
   * Stricter, what the agent sees: no AI reply lands after a take over was
   * answered 200 while the row said "in progress, yours", until a release.
   */
  | "takeover_as_shown"
  /** No AI reply lands after an agent's resolve was answered (until the ticket reopens). */
  | "resolve"
  /** No AI reply lands while the Zendesk ticket shows `solved`. */
  | "zendesk_solved"
  /** A reply lands only under its sender's own live lease: one reply in flight at a time. */
  | "lease"
  /** An approved draft lands only if it was the ticket's current held draft when claimed, and still is "sending". */
  | "approve_current"
  /** An approved draft reaches the customer at most once, whoever approves it and whatever crashes. */
  | "approve_once";

export interface Stats {
  posts: number;
  refused409: number;
  /** Take overs that had to wait for an in-flight reply before answering. */
  waitedAcks: number;
  takeOversAnswered: number;
  /** Replies that landed after a take over committed but before it was answered: the allowed window. */
  postsBeforeAnswer: number;
  inDoubtReconciled: number;
  /** Approved drafts posted, and approvals refused because the draft was not current. */
  approvesPosted: number;
  approvesRefused: number;
  /** AI replies that landed in the second installation's Zendesk. */
  postsInSecondInstallation: number;
}

export interface Outcome {
  violations: { invariant: Invariant; at: string }[];
  stats: Stats;
  log: string[];
}

interface OfTenant {
  /** The installation whose ticket this actor works on. */
  at: Tenant;
}

interface Sender extends OfTenant {
  kind: "sender";
  id: number;
  pc: "readRecord" | "readZendesk" | "claim" | "post" | "settle";
  rounds: number;
  snap: TicketRecord | null;
  stamp: number;
  leaseId: string;
}

interface Command extends OfTenant {
  kind: "command";
  id: number;
  label: string;
  event: MachineEvent;
  pc: "read" | "commit" | "sync" | "wait" | "answer";
  snap: TicketRecord | null;
  snapNow: number;
  t: Transition | null;
  deadline: number;
  lastPoll: number;
  /** The ownership epoch of the read this command's answer rests on. */
  seenEpoch: number;
  waited: boolean;
}

interface Holder extends OfTenant {
  kind: "holder";
  id: number;
  pc: "readRecord" | "readZendesk" | "hold";
  snap: TicketRecord | null;
}

interface Approver extends OfTenant {
  kind: "approver";
  id: number;
  label: string;
  agent: Agent;
  draftId: number;
  pc: "read" | "readZendesk" | "claim" | "post" | "settle";
  rounds: number;
  snap: TicketRecord | null;
  stamp: number;
  leaseId: string;
}

interface QueuedSync extends OfTenant {
  kind: "queuedSync";
  id: number;
  solved: boolean;
}

type Proc = Sender | Command | QueuedSync | Holder | Approver;
type DraftStatus = "held" | "sending" | "sent" | "discarded" | "refused" | "withdrawn" | "superseded";

/** What D1 holds under one key: the ticket row and its drafts (every draft ever held, by id, in order). */
interface Stored {
  row: TicketRecord;
  drafts: Map<number, DraftStatus>;
  /** The lease each draft last went out under (drafts.meta.leaseId). */
  leases: Map<number, string>;
  /** Drafts Zendesk holds as comments (what reconciliation finds). */
  posted: Set<number>;
}

/** One installation: its own Zendesk account and deliveries, its promises, and its ticket 77 in the shared D1. */
class Tenant {
  zd = { stamp: 0, solved: false };
  deliveries: MachineEvent[] = [];
  failNextSync = false;
  /**
   * Ghost state for the invariants, never read by the protocol. `epoch`
   * counts ownership changes (state or owner) made by this installation's
   * actors; the flags say which promises are in force and end when one of
   * them moves the row out of the state they were made in.
   */
  ghost = { epoch: 0, claimed: false, claimedAsShown: false, resolvedAck: false };

  constructor(
    readonly name: string,
    private readonly d1: Map<string, Stored>,
    private readonly key: string,
  ) {
    if (!d1.has(key))
      d1.set(key, { row: newTicket(77), drafts: new Map(), leases: new Map(), posted: new Set() });
  }

  private get stored(): Stored {
    return this.d1.get(this.key) as Stored;
  }
  get row(): TicketRecord {
    return this.stored.row;
  }
  set row(next: TicketRecord) {
    this.stored.row = next;
  }
  get drafts(): Map<number, DraftStatus> {
    return this.stored.drafts;
  }
  get leases(): Map<number, string> {
    return this.stored.leases;
  }
  get posted(): Set<number> {
    return this.stored.posted;
  }
}

class World {
  now = START;
  procs: Proc[] = [];
  nextId = 1;
  readonly d1 = new Map<string, Stored>();
  readonly tenants: readonly Tenant[];
  /** Where the next agent, customer or Zendesk step happens. */
  here: Tenant;
  /** The installation of the step or actor running now: `row`, `zd` and the rest are its. */
  at: Tenant;
  unanswered = new Set<number>();
  violations: Outcome["violations"] = [];
  log: string[] = [];
  stats: Stats = {
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

  constructor(readonly p: Protocol) {
    this.tenants = ["acme", "globex"].map(
      (name) => new Tenant(name, this.d1, p.scopedStore ? `${name}/77` : "77"),
    );
    this.here = this.at = this.tenants[0] as Tenant;
  }

  get row(): TicketRecord {
    return this.at.row;
  }
  set row(next: TicketRecord) {
    this.at.row = next;
  }
  get zd() {
    return this.at.zd;
  }
  get deliveries() {
    return this.at.deliveries;
  }
  get drafts() {
    return this.at.drafts;
  }
  get ghost() {
    return this.at.ghost;
  }
  get failNextSync() {
    return this.at.failNextSync;
  }
  set failNextSync(on: boolean) {
    this.at.failNextSync = on;
  }

  note(line: string) {
    const where = this.at === this.tenants[0] ? "" : `[${this.at.name}] `;
    this.log.push(`t+${this.now - START}ms ${where}${line}`);
  }

  /** TicketStore.commit: writes only if the version is still the one read, with the transition's writes. */
  cas(prev: TicketRecord, next: TicketRecord, writes: readonly Write[] = []): boolean {
    if (next === prev) {
      this.applyWrites(writes); // unguarded: each write is conditioned on the draft's own status
      return true;
    }
    if (this.row.version !== prev.version) return false;
    this.applyWrites(writes);
    const before = this.row;
    this.row = next;
    const g = this.ghost;
    if (before.state !== next.state || before.owner?.id !== next.owner?.id) g.epoch++;
    // A promise ends when this installation's own actor moves the row out of the state it was made in.
    if (before.state === "in_progress" && next.state !== "in_progress") {
      g.claimed = false;
      g.claimedAsShown = false;
    }
    if (before.state === "resolved" && next.state !== "resolved") g.resolvedAck = false;
    return true;
  }

  /** The drafts-table side of a commit (ticket.store.ts), conditioned on each draft's status as in SQL. */
  applyWrites(writes: readonly Write[]) {
    const move = (id: number, from: DraftStatus[], to: DraftStatus) => {
      const status = this.drafts.get(id);
      if (status && from.includes(status)) this.drafts.set(id, to);
    };
    for (const w of writes) {
      if (w.type === "withdraw_drafts") for (const id of this.drafts.keys()) move(id, ["held"], "withdrawn");
      if (w.type === "supersede_draft") move(w.draftId, ["held"], "superseded");
      if (w.type === "discard_draft") move(w.draftId, ["held"], "discarded");
      if (w.type === "draft_sending") {
        move(w.draftId, ["held", "sending"], "sending");
        if (this.drafts.get(w.draftId) === "sending") this.at.leases.set(w.draftId, w.leaseId);
      }
      if (w.type === "draft_sent") move(w.draftId, ["sending"], "sent");
      if (w.type === "draft_unsent") move(w.draftId, ["sending"], w.to === "queued" ? "refused" : w.to);
    }
  }

  /** The inline tag mirror (ticket.service.ts syncZendesk), or its queued retry when it fails. */
  mirror(solved: boolean, label: string) {
    if (this.p.syncMayFail && this.failNextSync) {
      this.failNextSync = false;
      this.procs.push({ kind: "queuedSync", at: this.at, id: this.nextId++, solved });
      this.note(`${label}: the Zendesk mirror failed; queued`);
      return;
    }
    if (this.p.syncBumpsStamp) this.zd.stamp++;
    if (solved) this.zd.solved = true;
    this.note(`${label}: mirrored to Zendesk${solved ? " (solved)" : ""}, stamp=${this.zd.stamp}`);
  }

  command(label: string, event: MachineEvent) {
    this.procs.push({
      kind: "command",
      at: this.here,
      id: this.nextId++,
      label,
      event,
      pc: "read",
      snap: null,
      snapNow: 0,
      t: null,
      deadline: 0,
      lastPoll: 0,
      seenEpoch: -1,
      waited: false,
    });
  }

  /** The lease ends of senders whose request is on its way: the clock may not pass them. */
  clockCap(): number {
    let cap = Number.POSITIVE_INFINITY;
    for (const pr of this.procs) {
      const posting = (pr.kind === "sender" || pr.kind === "approver") && pr.pc === "post";
      const lease = pr.at.row.sendLease;
      if (posting && lease?.id === pr.leaseId) {
        cap = Math.min(cap, lease.until - 1);
      }
      if (!this.p.stalls && pr.kind === "command" && pr.pc === "wait" && pr.waited) {
        cap = Math.min(cap, pr.lastPoll + POLL_MS);
      }
    }
    return cap;
  }

  advance(ms: number) {
    const to = Math.min(this.now + ms, this.clockCap());
    if (to > this.now) this.now = to;
  }

  apply(step: Step) {
    if (step.t !== "run") this.at = this.here;
    switch (step.t) {
      case "tenant":
        this.here = this.at = this.tenants[step.n % this.tenants.length] as Tenant;
        return;
      case "run": {
        const pr = this.procs[step.n % Math.max(1, this.procs.length)];
        for (let i = 0; pr && i < step.burst && this.procs.includes(pr); i++) this.run(pr);
        return;
      }
      case "spawnSender":
        this.procs.push({
          kind: "sender",
          at: this.here,
          id: this.nextId++,
          pc: "readRecord",
          rounds: 0,
          snap: null,
          stamp: -1,
          leaseId: "",
        });
        return;
      case "takeOver":
      case "release": {
        const agent = AGENTS[step.agent % AGENTS.length] as Agent;
        this.command(`${step.t}(${agent.name}${step.force ? ", force" : ""})#${this.nextId}`, {
          type: step.t === "takeOver" ? "take_over" : "release",
          agent,
          force: step.force,
        });
        return;
      }
      case "resolve": {
        const agent = AGENTS[step.agent % AGENTS.length] as Agent;
        this.command(`resolve(${agent.name})#${this.nextId}`, { type: "resolve", agent, source: "agent" });
        return;
      }
      case "autoRelease":
        this.command(`auto_release(1 h)#${this.nextId}`, { type: "auto_release", hours: 1 });
        return;
      case "customerWrites":
        this.zd.stamp++;
        this.zd.solved = false; // a customer comment reopens a solved ticket in Zendesk
        this.deliveries.push({ type: "customer_message" });
        this.note(`Zendesk: the customer writes, stamp=${this.zd.stamp}`);
        return;
      case "agentRepliesInZendesk": {
        const agent = AGENTS[step.agent % AGENTS.length] as Agent;
        this.zd.stamp++;
        this.deliveries.push({ type: "agent_public_reply", agent });
        this.note(`Zendesk: ${agent.name} replies publicly, stamp=${this.zd.stamp}`);
        return;
      }
      case "agentSolvesInZendesk":
        this.zd.stamp++;
        this.zd.solved = true;
        this.deliveries.push({ type: "resolve", agent: null, source: "zendesk" });
        this.note(`Zendesk: an agent solves the ticket there, stamp=${this.zd.stamp}`);
        return;
      case "deliver": {
        const [ev] = this.deliveries.splice(step.n % Math.max(1, this.deliveries.length), 1);
        if (ev) this.command(`webhook ${ev.type}#${this.nextId}`, ev);
        return;
      }
      case "clock":
        this.advance(CLOCK_STEPS[step.n % CLOCK_STEPS.length] as number);
        return;
      case "crash": {
        // A Worker dies mid-send: before its request, or after Zendesk took it but before settling.
        const senders = this.procs.filter(
          (pr): pr is Sender | Approver =>
            (pr.kind === "sender" || pr.kind === "approver") && (pr.pc === "post" || pr.pc === "settle"),
        );
        const victim = senders[step.n % Math.max(1, senders.length)];
        if (!victim) return;
        this.note(`#${victim.id} crashes before ${victim.pc === "post" ? "posting" : "settling"}`);
        this.done(victim);
        return;
      }
      case "failNextSync":
        this.failNextSync = true;
        return;
      case "spawnHolder":
        this.procs.push({ kind: "holder", at: this.here, id: this.nextId++, pc: "readRecord", snap: null });
        return;
      case "approve":
      case "discard": {
        const agent = AGENTS[step.agent % AGENTS.length] as Agent;
        const ids = [...this.drafts.keys()];
        const draftId = ids.length ? (ids[step.n % ids.length] as number) : 999;
        if (step.t === "discard") {
          this.command(`discard(${agent.name}, d${draftId})#${this.nextId}`, {
            type: "discard",
            draftId,
            agent,
          });
          return;
        }
        this.procs.push({
          kind: "approver",
          at: this.here,
          id: this.nextId++,
          label: `approve(${agent.name}, d${draftId})`,
          agent,
          draftId,
          pc: "read",
          rounds: 0,
          snap: null,
          stamp: -1,
          leaseId: "",
        });
        return;
      }
    }
  }

  run(pr: Proc) {
    this.at = pr.at;
    if (pr.kind === "sender") return this.runSender(pr);
    if (pr.kind === "command") return this.runCommand(pr);
    if (pr.kind === "holder") return this.runHolder(pr);
    if (pr.kind === "approver") return this.runApprover(pr);
    this.done(pr);
    if (this.p.syncBumpsStamp) this.zd.stamp++;
    if (pr.solved) this.zd.solved = true;
    this.note(`the queued mirror lands${pr.solved ? " (solved)" : ""}, stamp=${this.zd.stamp}`);
  }

  done(pr: Proc) {
    this.procs = this.procs.filter((x) => x !== pr);
  }

  stale(s: Sender, why: string) {
    this.note(`sender#${s.id}: ${why}`);
    s.rounds++;
    // pipeline.ts gives up after 3 rounds and lets the queue retry later.
    if (s.rounds >= 3) this.done(s);
    else s.pc = "readRecord";
  }

  runSender(s: Sender) {
    switch (s.pc) {
      case "readRecord":
        s.snap = structuredClone(this.row);
        if (s.snap.state !== "open") {
          this.note(`sender#${s.id}: the ticket is ${s.snap.state}; holds the message`);
          this.done(s);
          return;
        }
        s.pc = "readZendesk";
        return;
      case "readZendesk":
        s.stamp = this.zd.stamp;
        if (this.p.senderChecksZendeskStatus && this.zd.solved) {
          this.note(`sender#${s.id}: Zendesk shows solved; holds`);
          this.done(s);
          return;
        }
        s.pc = "claim"; // drafting happens between this step and the next
        return;
      case "claim": {
        const snap = s.snap as TicketRecord;
        s.leaseId = `L${s.id}.${s.rounds}`;
        const t = transition(
          snap,
          {
            type: "send_claim",
            leaseId: s.leaseId,
            ttlMs: SEND_LEASE_MS,
            purpose: { kind: "reply", draftId: 0 },
          },
          this.now,
        );
        if (!t.ok && t.error.code === "in_doubt") {
          this.reconcileInDoubt(`sender#${s.id}`);
          return this.stale(s, "an earlier send was in doubt; reconciled");
        }
        if (!t.ok) return this.stale(s, `claim refused: ${t.error.message}`);
        if (!this.cas(snap, t.value.next, t.value.writes))
          return this.stale(s, "claim lost the compare-and-set");
        this.note(`sender#${s.id}: claimed ${s.leaseId} (drafted on stamp ${s.stamp})`);
        s.pc = "post";
        return;
      }
      case "post": {
        const lease = this.row.sendLease;
        if (!(lease?.id === s.leaseId && lease.until > this.now)) {
          this.violations.push({
            invariant: "lease",
            at: `sender#${s.id} posts without a live lease of its own`,
          });
        }
        if (s.stamp !== this.zd.stamp) {
          this.stats.refused409++;
          this.note(`sender#${s.id}: Zendesk answers 409 (stamp ${s.stamp} ≠ ${this.zd.stamp})`);
        } else {
          this.zd.stamp++;
          this.landed(
            `sender#${s.id} posted (row ${this.row.state} v${this.row.version}, Zendesk stamp now ${this.zd.stamp})`,
          );
        }
        s.pc = "settle";
        return;
      }
      case "settle": {
        // settle is a CAS loop; its winning iteration is atomic with its read.
        const t = transition(
          this.row,
          { type: "send_settled", leaseId: s.leaseId, result: { kind: "in_doubt" } },
          this.now,
        );
        if (t.ok) this.cas(this.row, t.value.next, t.value.writes);
        this.note(`sender#${s.id}: settled ${s.leaseId}`);
        this.done(s);
        return;
      }
    }
  }

  /** Every invariant a landed AI comment is checked against, whoever posted it. */
  landed(at: string) {
    this.stats.posts++;
    if (this.at !== this.tenants[0]) this.stats.postsInSecondInstallation++;
    if (this.unanswered.size > 0) this.stats.postsBeforeAnswer++;
    this.note(at);
    const g = this.ghost;
    if (g.claimed) this.violations.push({ invariant: "takeover", at });
    if (g.claimedAsShown) this.violations.push({ invariant: "takeover_as_shown", at });
    if (g.resolvedAck) this.violations.push({ invariant: "resolve", at });
    if (this.zd.solved) this.violations.push({ invariant: "zendesk_solved", at });
  }

  /** pipeline.ts hold: the draft row is written first; the hold commits only on the version read. */
  runHolder(h: Holder) {
    switch (h.pc) {
      case "readRecord":
        h.snap = structuredClone(this.row);
        if (h.snap.state !== "open" || h.snap.waiting) {
          this.note(`holder#${h.id}: the ticket is ${h.snap.state}; holds nothing`);
          this.done(h);
          return;
        }
        h.pc = "readZendesk";
        return;
      case "readZendesk":
        h.pc = "hold";
        return;
      case "hold": {
        const draftId = 100 + this.drafts.size;
        this.drafts.set(draftId, "held");
        const snap = h.snap as TicketRecord;
        const reason = { code: "draft_only", params: {}, text: "draft only" };
        const t = transition(snap, { type: "hold", draftId, messageIds: [1], reason }, this.now);
        const won = t.ok && this.cas(snap, t.value.next, t.value.writes);
        if (!won) this.drafts.set(draftId, "superseded");
        this.note(
          `holder#${h.id}: ${won ? `holds d${draftId}` : "lost the compare-and-set; re-examines later"}`,
        );
        this.done(h);
        return;
      }
    }
  }

  /** draft.routes.ts approve over send.protocol.ts: refused unless current, then the send protocol. */
  runApprover(a: Approver) {
    const purpose = { kind: "approve", draftId: a.draftId, body: null, agent: a.agent } as const;
    switch (a.pc) {
      case "read": {
        a.snap = structuredClone(this.row);
        if (!this.p.approveUsesLease) {
          // The old route: refuse only a resolved ticket or a draft no longer held, then post.
          if (a.snap.state === "resolved" || this.drafts.get(a.draftId) !== "held") {
            this.stats.approvesRefused++;
            this.done(a);
            return;
          }
          a.pc = "readZendesk";
          return;
        }
        const check = transition(a.snap, { type: "send_claim", leaseId: "", ttlMs: 0, purpose }, this.now);
        if (!check.ok && check.error.code === "not_current") {
          this.stats.approvesRefused++;
          this.note(`${a.label}: 409 (${check.error.message})`);
          this.done(a);
          return;
        }
        a.pc = "readZendesk";
        return;
      }
      case "readZendesk":
        // draft.routes.ts refuses to send on a ticket Zendesk shows solved (409).
        if (this.p.senderChecksZendeskStatus && this.zd.solved) {
          this.stats.approvesRefused++;
          this.note(`${a.label}: 409 (Zendesk shows the ticket solved)`);
          this.done(a);
          return;
        }
        a.stamp = this.zd.stamp;
        a.pc = "claim";
        return;
      case "claim": {
        const snap = a.snap as TicketRecord;
        a.leaseId = `A${a.id}.${a.rounds}`;
        if (!this.p.approveUsesLease) {
          this.drafts.set(a.draftId, "sending");
          a.pc = "post";
          return;
        }
        const t = transition(
          snap,
          { type: "send_claim", leaseId: a.leaseId, ttlMs: SEND_LEASE_MS, purpose },
          this.now,
        );
        if (!t.ok && t.error.code === "in_doubt") this.reconcileInDoubt(a.label);
        if (!t.ok || !this.cas(snap, t.value.next, t.value.writes)) {
          a.rounds++;
          if (a.rounds >= 3 || (!t.ok && t.error.code === "not_current")) {
            this.stats.approvesRefused++;
            this.note(`${a.label}: 409 (${t.ok ? "the ticket kept changing" : t.error.message})`);
            this.done(a);
          } else a.pc = "read";
          return;
        }
        this.note(`${a.label}: claimed ${a.leaseId}`);
        a.pc = "post";
        return;
      }
      case "post": {
        const lease = this.row.sendLease;
        if (this.p.approveUsesLease && !(lease?.id === a.leaseId && lease.until > this.now)) {
          this.violations.push({
            invariant: "lease",
            at: `${a.label} posts without a live lease of its own`,
          });
        }
        if (this.drafts.get(a.draftId) !== "sending") {
          this.violations.push({
            invariant: "approve_current",
            at: `${a.label} posts a ${this.drafts.get(a.draftId)} draft`,
          });
        }
        if (a.stamp !== this.zd.stamp) {
          this.stats.refused409++;
          this.note(`${a.label}: Zendesk answers 409; the draft is held again`);
          a.pc = "settle";
          a.stamp = -1;
          return;
        }
        this.zd.stamp++;
        this.stats.approvesPosted++;
        if (this.at.posted.has(a.draftId)) {
          this.violations.push({
            invariant: "approve_once",
            at: `${a.label} posts d${a.draftId} a second time`,
          });
        }
        this.at.posted.add(a.draftId);
        this.landed(`${a.label} posted (row ${this.row.state} v${this.row.version})`);
        a.pc = "settle";
        return;
      }
      case "settle": {
        const posted = a.stamp !== -1;
        const result = posted
          ? {
              kind: "sent" as const,
              draftId: a.draftId,
              commentId: null,
              replyTo: [1],
              citations: [],
              approvedBy: a.agent,
              edited: false,
              ack: false,
            }
          : { kind: "unsent" as const, draftId: a.draftId, to: "held" as const };
        const t = transition(this.row, { type: "send_settled", leaseId: a.leaseId, result }, this.now);
        if (t.ok) this.cas(this.row, t.value.next, t.value.writes);
        this.note(`${a.label}: settled ${a.leaseId}`);
        if (posted) this.done(a);
        else {
          a.rounds++;
          a.pc = a.rounds >= 3 ? "settle" : "read";
          if (a.rounds >= 3) this.done(a);
        }
        return;
      }
    }
  }

  /**
   * send.protocol.ts reconcileInDoubt: a draft left `sending` under a lease that is no longer live
   * is settled by what Zendesk shows (sent if its comment is there, held again if not), one
   * compare-and-set each, atomic with its read.
   */
  reconcileInDoubt(label: string) {
    const live = leaseActive(this.row, this.now) ? this.row.sendLease?.id : null;
    const stuck = this.row.sendLease;
    if (stuck && stuck.id !== live && ![...this.at.leases.values()].includes(stuck.id)) {
      // A reply's lease with no draft of the model's to show for it (senders keep none): ended.
      const t = transition(
        this.row,
        { type: "send_settled", leaseId: stuck.id, result: { kind: "in_doubt" } },
        this.now,
      );
      if (t.ok) this.cas(this.row, t.value.next, t.value.writes);
      this.stats.inDoubtReconciled++;
      this.note(`${label}: ended ${stuck.id}, in doubt`);
    }
    for (const [draftId, status] of this.drafts) {
      if (status !== "sending") continue;
      const leaseId = this.at.leases.get(draftId) ?? "";
      if (leaseActive(this.row, this.now) && this.row.sendLease?.id === leaseId) continue;
      const agent = AGENTS[0] as Agent;
      const result = this.at.posted.has(draftId)
        ? {
            kind: "sent" as const,
            draftId,
            commentId: null,
            replyTo: [1],
            citations: [],
            approvedBy: agent,
            edited: false,
            ack: false,
          }
        : { kind: "unsent" as const, draftId, to: "held" as const };
      const t = transition(this.row, { type: "send_settled", leaseId, result }, this.now);
      if (t.ok) this.cas(this.row, t.value.next, t.value.writes);
      this.stats.inDoubtReconciled++;
      this.note(`${label}: reconciled d${draftId} in doubt as ${result.kind}`);
    }
  }

  /** Whether this command polls for a live lease before answering, under this protocol. */
  waits(c: Command): boolean {
    const ev = c.event;
    if (ev.type === "resolve" && ev.source === "agent") return this.p.resolveWaitsForLease;
    if (ev.type === "take_over" && this.p.takeOverRechecksBeforeAnswer) return true;
    return this.p.waitForLease && (c.t as Transition).ack === "after_send";
  }

  runCommand(c: Command) {
    switch (c.pc) {
      case "read":
        c.snap = structuredClone(this.row);
        c.snapNow = this.now;
        c.seenEpoch = this.ghost.epoch;
        c.pc = "commit";
        return;
      case "commit": {
        const snap = c.snap as TicketRecord;
        const t = transition(snap, c.event, c.snapNow);
        if (!t.ok) {
          this.note(`${c.label}: refused (${t.error.message})`);
          this.done(c);
          return;
        }
        if (!this.cas(snap, t.value.next, t.value.writes)) {
          c.pc = "read";
          return;
        }
        // A write proves the read was current; an unchanged record proves nothing (no version check).
        if (t.value.next !== snap) c.seenEpoch = this.ghost.epoch;
        c.t = t.value;
        if (c.event.type === "take_over") this.unanswered.add(c.id);
        this.note(
          `${c.label}: ${t.value.next === snap ? "no change" : "committed"} ${snap.state} → ${t.value.next.state}` +
            ` v${t.value.next.version}, ack ${t.value.ack}`,
        );
        c.pc = t.value.effects.some((e) => e.type === "sync_zendesk") ? "sync" : "wait";
        return;
      }
      case "sync": {
        const solved = (c.t as Transition).effects.some(
          (e) => e.type === "sync_zendesk" && e.status === "solved",
        );
        this.mirror(solved, c.label);
        c.pc = "wait";
        return;
      }
      case "wait": {
        if (!this.waits(c)) {
          c.pc = "answer";
          return;
        }
        // ticket.service.ts waitForSendToSettle: one poll per step.
        if (!c.waited) c.deadline = this.now + ACK_WAIT_LIMIT_MS;
        c.seenEpoch = this.ghost.epoch;
        c.lastPoll = this.now;
        const live = leaseActive(this.row, this.now);
        if (live && this.now <= c.deadline) {
          c.waited = true;
          return;
        }
        if (live && this.p.deadlineRefuses) {
          this.unanswered.delete(c.id);
          this.note(`${c.label}: gave up waiting; answered 503, try again`);
          this.done(c);
          return;
        }
        if (live) this.note(`${c.label}: deadline passed with a live lease`);
        if (c.waited) this.stats.waitedAcks++;
        // The fix answers on this very read; today's shell answers in a later step.
        if (c.event.type === "take_over" && this.p.takeOverRechecksBeforeAnswer) this.answer(c);
        else c.pc = "answer";
        return;
      }
      case "answer":
        this.answer(c);
        return;
    }
  }

  answer(c: Command) {
    const g = this.ghost;
    const ev = c.event;
    this.done(c);
    if (ev.type === "take_over") {
      this.unanswered.delete(c.id);
      this.stats.takeOversAnswered++;
      const held = this.row.state === "in_progress";
      const current = held && c.seenEpoch === g.epoch;
      if (current) g.claimed = true;
      if (held && this.row.owner?.id === ev.agent.id) g.claimedAsShown = true;
      this.note(`${c.label}: answered 200${current ? "" : " (on a read overtaken since)"}`);
      return;
    }
    if (
      ev.type === "resolve" &&
      ev.source === "agent" &&
      this.row.state === "resolved" &&
      c.seenEpoch === g.epoch
    ) {
      g.resolvedAck = true;
    }
    this.note(`${c.label}: answered`);
  }

  /** Lets every actor finish: round-robin steps, the clock moving so that dead leases expire. */
  drain() {
    const pending = () => this.procs.length > 0 || this.tenants.some((t) => t.deliveries.length > 0);
    for (let round = 0; round < 400 && pending(); round++) {
      for (const tenant of this.tenants) {
        this.here = tenant;
        this.apply({ t: "deliver", n: 0 });
      }
      for (const pr of [...this.procs]) if (this.procs.includes(pr)) this.run(pr);
      this.advance(1_000);
    }
  }
}

/** Runs a schedule (then lets every actor finish) and reports what happened. */
export function simulate(schedule: readonly Step[], protocol: Protocol = CURRENT, drain = true): Outcome {
  const w = new World(protocol);
  for (const step of schedule) w.apply(step);
  if (drain) w.drain();
  return { violations: w.violations, stats: w.stats, log: w.log };
}
