// Which exchanges of a resolved ticket could teach the KB something: the
// customer asked, the AI did not answer (it flagged, or a human held the
// ticket), and a human answered publicly. Pure; no I/O.
import type { StoredMessage } from "../tickets/message.repo";

export interface LearningCandidate {
  question: string;
  answer: string;
  agentName: string | null;
  commentIds: number[];
}

const MIN_ANSWER_CHARS = 20;

export function learningCandidates(messages: readonly StoredMessage[]): LearningCandidate[] {
  const out: LearningCandidate[] = [];
  let asked: StoredMessage[] = [];
  for (const m of messages) {
    if (!m.isPublic) continue;
    if (m.authorKind === "customer") {
      if (m.disposition === "attention" || m.disposition === "held") asked.push(m);
      continue;
    }
    // A public reply closes the exchange; only a human's answer teaches.
    if (m.authorKind === "agent" && asked.length && m.body.trim().length >= MIN_ANSWER_CHARS) {
      out.push({
        question: asked.map((a) => a.body.trim()).join("\n\n"),
        answer: m.body.trim(),
        agentName: m.authorName,
        commentIds: asked.map((a) => a.commentId),
      });
    }
    asked = [];
  }
  return out;
}
