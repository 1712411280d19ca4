// Which exchanges of a resolved ticket could teach the KB something: the
// customer asked, the AI did not answer (it flagged, or a human held the
// ticket), and a human answered publicly. One candidate per customer
// question, cleaned of courtesies and names. Pure; no I/O.
import type { LearningTurn } from "./learning.port";
import { foldedWords } from "../text/normalize";
import { cleanForKb, stripCourtesies } from "./learning.clean";

export interface LearningCandidate {
  question: string;
  answer: string;
  commentIds: number[];
}

const MIN_ANSWER_CHARS = 20;
const MIN_QUESTION_CHARS = 8;

/** The paragraphs of `answer` that speak to `question` (by shared words); all of it when none clearly does. */
export function answerFor(question: string, answer: string): string {
  const paragraphs = answer
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (paragraphs.length < 2) return answer;
  const asked = new Set(foldedWords(question).filter((w) => w.length > 3));
  const overlap = (p: string) => foldedWords(p).filter((w) => asked.has(w)).length;
  const scores = paragraphs.map(overlap);
  const best = Math.max(...scores);
  if (best === 0) return answer;
  return paragraphs.filter((_, i) => (scores[i] ?? 0) > 0).join("\n\n");
}

export type CandidateTurn = Pick<
  LearningTurn,
  "commentId" | "role" | "name" | "isPublic" | "body" | "disposition"
>;

export function learningCandidates(
  turns: readonly CandidateTurn[],
  people: readonly string[] = [],
): LearningCandidate[] {
  const names = [...people, ...turns.map((m) => m.name ?? "")].filter(Boolean);
  const out: LearningCandidate[] = [];
  let asked: CandidateTurn[] = [];
  for (const m of turns) {
    // The AI's own comments close nothing: a question it flagged got at most its acknowledgement
    // that a person will answer, and one it answered is not among the questions asked.
    if (!m.isPublic || m.role === "ai") continue;
    if (m.role === "customer") {
      if (m.disposition === "attention" || m.disposition === "held") asked.push(m);
      continue;
    }
    // A public reply closes the exchange; only a human's answer teaches.
    const reply = m.role === "agent" ? cleanForKb(m.body, names) : "";
    if (reply.length >= MIN_ANSWER_CHARS) {
      const questions = asked
        .map((a) => ({ id: a.commentId, text: cleanForKb(a.body, names) }))
        .filter((q) => q.text.length >= MIN_QUESTION_CHARS && stripCourtesies(q.text) !== "");
      // Each question on its own: two questions answered in one reply are two entries, not one.
      for (const q of questions) {
        out.push({ question: q.text, answer: answerFor(q.text, reply), commentIds: [q.id] });
      }
    }
    asked = [];
  }
  return out;
}
