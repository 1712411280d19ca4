// The learning loop on a resolved ticket: the learner (offline rules or a
// model) proposes; each proposal is cleaned and grounded, dropped if something
// approved covers it, something like it waits for review or was rejected, then
// stored for review with its evidence and replayed with itself approved. A
// suggested policy from the offline learner waits until the same topic shows
// on another ticket. Nothing here changes what the AI uses: only an admin's
// approval does.
import type { Evidence, KbEntry, PolicyEntry } from "../../../common/api.schema";
import { pickConfidentMatch } from "../kb/kb.gate";
import type { Services } from "../services";
import { detectLanguage } from "../text/language";
import { learningContext } from "./learning.context";
import { blockedByReason, sharedKeywords, similarText } from "./learning.noise";
import type { KbProposal, LearningInput, PolicyProposal } from "./learning.port";
import { evidenceFor, shapeProposal } from "./learning.proposals";
import { replayKb, replayPolicy } from "./learning.replay";

/** A suggested policy needs its topic on this many tickets, within this window. */
export const RECURRENCE = { tickets: 2, days: 60 } as const;
const DAY = 86_400_000;

type Outcome = { stored: true; kind: "kb" | "policy" } | { stored: false; why: string };

export async function learnFromTicket(s: Services, ticketId: number): Promise<number> {
  const settings = await s.settings.get();
  if (!settings.learning.enabled) return 0;
  const input = await learningContext(s, ticketId);
  if (settings.learning.humanManagedOnly && !input.steps.some((st) => st.kind === "take_over")) return 0;
  const proposals = await s.learner.propose(input);
  const outcomes: Outcome[] = [];
  let policyEntries: { pending: PolicyEntry[]; rejected: PolicyEntry[] } | null = null;
  for (const raw of proposals) {
    const shaped = shapeProposal(raw, input);
    if (!shaped.ok) {
      outcomes.push({ stored: false, why: shaped.why });
      continue;
    }
    const p = shaped.proposal;
    if (p.kind === "kb") {
      outcomes.push(await proposeKb(s, input, p));
      continue;
    }
    policyEntries ??= await (async () => {
      const [pending, rejected] = await s.reads.all([
        s.policies.statusQuery("pending_review", 500),
        s.policies.statusQuery("rejected", 500),
      ]);
      return { pending, rejected };
    })();
    outcomes.push(await proposePolicy(s, input, p, policyEntries));
  }
  const kb = outcomes.filter((o) => o.stored && o.kind === "kb").length;
  const policies = outcomes.filter((o) => o.stored && o.kind === "policy").length;
  if (kb + policies > 0) {
    const parts = [kb ? `${kb} KB proposal(s)` : "", policies ? `${policies} policy proposal(s)` : ""];
    await s.tickets.log(
      ticketId,
      {
        type: "learning_proposed",
        actor: { kind: "ai" },
        from: null,
        to: null,
        reason: `${parts.filter(Boolean).join(" and ")} for review`,
      },
      s.now(),
    );
  }
  return kb + policies;
}

async function proposeKb(s: Services, input: LearningInput, p: KbProposal): Promise<Outcome> {
  const conflict = await kbConflict(s, input, p);
  if (conflict) {
    // A proposal from this very ticket stored before a crash, never replayed: finish it.
    if (conflict.entry?.sourceTicketId === input.ticketId && conflict.entry.evidence?.replay == null) {
      await s.kb.setEvidence(conflict.entry.id, await kbEvidence(s, input, p, conflict.entry.id));
    }
    return { stored: false, why: conflict.why };
  }
  const entry = await s.kb.create(
    {
      question: p.question,
      answer: p.answer,
      topics: p.topics,
      status: "pending_review",
      sourceType: "learning_loop",
      confidence: p.confidence,
      motivation: p.motivation,
      sourceTicketId: input.ticketId,
      evidence: evidenceFor(p, input),
      replacesId: p.replacesId,
    },
    s.now(),
  );
  await s.kb.setEvidence(entry.id, await kbEvidence(s, input, p, entry.id));
  return { stored: true, kind: "kb" };
}

async function kbEvidence(s: Services, input: LearningInput, p: KbProposal, id: number): Promise<Evidence> {
  return evidenceFor(p, input, await replayKb(s, input, p, id));
}

/** Why a KB proposal must not reach review, or null: covered, already proposed, or rejected before. */
async function kbConflict(
  s: Services,
  input: LearningInput,
  p: KbProposal,
): Promise<{ why: string; entry?: KbEntry } | null> {
  const language = detectLanguage(p.question);
  const found = await s.kbIndex.search(p.question, {
    language,
    limit: 12,
    statuses: ["approved", "pending_review", "rejected"],
  });
  for (const status of ["approved", "pending_review", "rejected"] as const) {
    const group = found.filter((c) => c.status === status);
    const match =
      pickConfidentMatch(p.question, language, group)?.entry ??
      group.find((c) => similarText(c.question, p.question));
    // A correction is meant to cover what its entry covers.
    if (!match || match.id === p.replacesId) continue;
    const why = {
      approved: "covered by",
      pending_review: "already proposed as",
      rejected: "rejected before as",
    }[status];
    const entry = status === "pending_review" ? await s.kb.get(match.id) : null;
    return { why: `${why} entry #${match.id}`, ...(entry ? { entry } : {}) };
  }
  const text = `${p.question}\n${p.answer}`;
  const reason = input.rejected.find((r) => r.kind === "kb" && blockedByReason(text, r.reason));
  return reason ? { why: `a rejection said: ${reason.reason}` } : null;
}

async function proposePolicy(
  s: Services,
  input: LearningInput,
  p: PolicyProposal,
  known: { pending: PolicyEntry[]; rejected: PolicyEntry[] },
): Promise<Outcome> {
  const text = `${p.topic}\n${p.ruleText}`;
  const like = (e: PolicyEntry) =>
    sharedKeywords(p.keywords, e.conditions.keywords ?? []).length > 0 ||
    similarText(`${e.topic}\n${e.ruleText}`, text);
  const covering = input.policies.find((e) => e.action !== "guideline" && like(e));
  if (covering) return { stored: false, why: `covered by policy #${covering.id}` };
  const pending = known.pending.find(like);
  if (pending) return { stored: false, why: `already proposed as policy #${pending.id}` };
  const rejected = known.rejected.find((e) => like(e) || blockedByReason(text, e.rejectReason));
  if (rejected) return { stored: false, why: `rejected before as policy #${rejected.id}` };

  let proposal = p;
  let tickets: number[] | undefined;
  if (p.recurrence) {
    const now = s.now();
    const signals = await s.signals.record(
      p.recurrence.topic,
      { ticketId: input.ticketId, keywords: p.keywords },
      now,
      now - RECURRENCE.days * DAY,
    );
    tickets = [...new Set(signals.map((x) => x.ticketId))];
    if (tickets.length < RECURRENCE.tickets) return { stored: false, why: "evidence, not yet a rule" };
    const others = tickets.filter((t) => t !== input.ticketId).map((t) => `#${t}`);
    proposal = {
      ...p,
      keywords: [...new Set(signals.flatMap((x) => x.keywords))].slice(0, 20),
      confidence: Math.min(0.9, 0.3 + 0.15 * tickets.length),
      rationale: `${p.rationale} The same happened on ${others.join(", ")}.`,
    };
  }
  const evidence = {
    ...evidenceFor(proposal, input, replayPolicy(input, proposal)),
    ...(tickets ? { tickets } : {}),
  };
  await s.policies.create(
    {
      topic: proposal.topic,
      ruleText: proposal.ruleText,
      conditions: { keywords: proposal.keywords },
      action: proposal.action,
      status: "pending_review",
      sourceType: "learning_loop",
      confidence: proposal.confidence,
      rationale: proposal.rationale,
      sourceTicketId: input.ticketId,
      evidence,
    },
    s.now(),
  );
  return { stored: true, kind: "policy" };
}
