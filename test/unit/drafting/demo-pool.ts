// The demo KB given to the pure half of KB retrieval as candidates (every entry, in the order of
// demo/kb.json, ids from 1), and the question of the entry the gate would send for a message.
import kb from "../../../demo/kb.json";
import { pickConfidentMatch } from "../../../worker/src/kb/kb.gate";
import type { KbCandidate } from "../../../worker/src/kb/kb.search";
import { detectLanguage } from "../../../worker/src/text/language";

export const demoPool: KbCandidate[] = kb.map((e, i) => ({
  id: i + 1,
  question: e.question,
  answer: e.answer,
  topics: e.topics,
  language: detectLanguage(`${e.question} ${e.answer}`),
  score: 1,
  questionScore: 1,
}));

/** The question of the entry the gate sends for `text` (its language detected), or null. */
export const pickQuestion = (text: string) =>
  pickConfidentMatch(text, detectLanguage(text), demoPool)?.entry.question ?? null;
