// Commits one transition of the ticket machine in ONE D1 batch: the record's
// compare-and-set first, then its audit entries and writes (messages, attention
// items, drafts, KB usage), each guarded so that a lost race leaves no trace.
// The only place a machine outcome turns into SQL statements.
import type { AttentionRepo } from "../attention/attention.repo";
import type { DraftRepo } from "../drafting/draft.repo";
import type { KbRepo } from "../kb/kb.repo";
import type { WriteGuard } from "../lib/guard";
import type { Scope } from "../lib/scope";
import type { MessageRepo } from "./message.repo";
import type { TicketRecord, Transition, Write } from "./ticket.record";
import type { TicketRepo } from "./ticket.repo";
import { mirrorKey } from "./mirror";

export interface StoreRepos {
  tickets: TicketRepo;
  messages: MessageRepo;
  attention: AttentionRepo;
  drafts: DraftRepo;
  kb: KbRepo;
}

export class TicketStore {
  constructor(
    private readonly scope: Scope,
    private readonly r: StoreRepos,
  ) {}

  /**
   * Writes `t.next` if the stored version is still `prev.version`, with its audit
   * and writes; returns whether it won. A transition that leaves the record as it
   * was but still has writes (a send settled after its lease was replaced)
   * commits them unguarded: each is conditioned on the rows' own status.
   */
  async commit(prev: TicketRecord, t: Pick<Transition, "next" | "audit" | "writes">, now: number) {
    return (await this.commitReturning(prev, t, now)).won;
  }

  /** The same, with the rows the writes returned (a draft born by a claim), in write order. */
  async commitReturning(
    prev: TicketRecord,
    t: Pick<Transition, "next" | "audit" | "writes">,
    now: number,
  ): Promise<{ won: boolean; returned: unknown[] }> {
    const ticketId = prev.ticketId;
    if (t.next === prev) {
      const statements = this.statements(ticketId, t, now, null);
      const results = statements.length ? await this.scope.db.batch(statements) : [];
      return { won: true, returned: results.flatMap((r) => r.results ?? []) };
    }
    // A fresh token per write: the guard must recognise *this* write, not
    // another one that happened to reach the same version number.
    const g: WriteGuard = { installationId: this.scope.installationId, ticketId, token: crypto.randomUUID() };
    const results = await this.scope.db.batch([
      this.r.tickets.updateStatement(prev, t.next, now, g),
      ...this.statements(ticketId, t, now, g),
    ]);
    return {
      won: (results[0]?.meta.changes ?? 0) === 1,
      returned: results.slice(1).flatMap((r) => r.results ?? []),
    };
  }

  private statements(
    ticketId: number,
    t: Pick<Transition, "audit" | "writes">,
    now: number,
    g: WriteGuard | null,
  ): D1PreparedStatement[] {
    return [
      ...t.writes.flatMap((w) => this.write(ticketId, w, now, g)),
      ...t.audit.map((a) => this.r.tickets.auditStatement(ticketId, a, now, g)),
    ];
  }

  private write(ticketId: number, w: Write, now: number, g: WriteGuard | null): D1PreparedStatement[] {
    const { messages, attention, drafts, kb } = this.r;
    switch (w.type) {
      case "settle_messages":
        if (w.ids.length === 0) return [];
        return [
          messages.settleStatement(
            w.ids,
            w.to,
            w.ref,
            now,
            w.fromHeld ? ["pending", "held"] : ["pending"],
            g,
          ),
        ];
      case "raise_attention":
        return [attention.raiseStatement(ticketId, w.attention, w.reason, now, g)];
      case "close_attention":
        return [attention.closeStatement(ticketId, w.by, now, g, w.types)];
      case "withdraw_drafts":
        return [drafts.withdrawStatement(ticketId, now, g)];
      case "supersede_draft":
        return [
          drafts.reopenMessagesStatement(w.draftId, g),
          attention.closeForDraftStatement(w.draftId, null, now, g),
          drafts.moveStatement(w.draftId, ["held"], "superseded", now, g),
        ];
      case "hold_draft":
        return [drafts.holdStatement(w.draftId, ticketId, w.replyTo, g)];
      case "discard_draft":
        return [
          attention.closeForDraftStatement(w.draftId, w.by, now, g),
          drafts.moveStatement(w.draftId, ["held"], "discarded", now, g),
        ];
      case "close_draft_attention":
        return [attention.closeForDraftStatement(w.draftId, w.by, now, g)];
      case "queue_ack":
        return [drafts.queueAckStatement(ticketId, w.body, now, g)];
      case "draft_sent": {
        const out = [
          drafts.sentStatement(w.draftId, w.commentId, now, g),
          messages.settleStatement(w.replyTo, "replied", `draft:${w.draftId}`, now, ["pending", "held"], g),
        ];
        if (w.citations.length) out.push(kb.usageStatement(w.citations, now, g));
        return out;
      }
      case "draft_born":
        return [drafts.bornStatement(ticketId, w, now, g)];
      case "draft_sending":
        return [drafts.sendingStatement(w.draftId, w.leaseId, w.body, w.approvedBy, now, g)];
      case "mirrored":
        return [this.r.tickets.mirroredStatement(ticketId, mirrorKey(w.mirror))];
      case "draft_unsent":
        return [drafts.moveStatement(w.draftId, ["sending"], w.to, now, g)];
    }
  }
}
