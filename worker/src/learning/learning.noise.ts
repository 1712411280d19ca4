// No noise: a proposal reaches review only if nothing approved already covers
// it, nothing like it waits for review, and nothing like it was rejected (by
// its text, or by what the rejection's reason names). The similarity is over
// content words (stemmed, stop words out) in the text's own language. Pure.
import { contentStems } from "../text/features";
import { detectLanguage, LANGUAGES } from "../text/language";
import { stem } from "../text/stems";

/** Words a rejection reason uses about the proposal, not about its subject ("wrong", "duplicate"), as stems. */
const REVIEW_WORDS = new Set(
  `wrong incorrect false untrue duplicate duplicat outdated old specific general vague answer question entry
  proposal propos rule policy customer ticket please never again already exist cover only case one person
  falsch doppelt veraltet antwort frage eintrag vorschlag regel kunde bitte nie wieder schon
  faux doublon obsolete reponse question entree proposition regle client jamais encore deja
  incorrecto duplicado obsoleto respuesta pregunta entrada propuesta regla cliente nunca otra vez ya
  fout dubbel verouderd antwoord vraag voorstel regel klant nooit weer al
  forkert dublet foraeldet svar sporgsmal forslag regel kunde aldrig igen allerede`
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((w) => [w, ...LANGUAGES.map((l) => stem(w, l))]),
);

function stemsOf(text: string): Set<string> {
  return new Set(contentStems(text, detectLanguage(text)));
}

/**
 * Two texts say the same thing: most of the shorter one's content words are in the other (at least
 * two shared), or both are one-word texts with that word in common.
 */
export function similarText(a: string, b: string): boolean {
  const A = stemsOf(a);
  const B = stemsOf(b);
  const smaller = Math.min(A.size, B.size);
  if (smaller === 0) return false;
  let shared = 0;
  for (const w of A) if (B.has(w)) shared++;
  if (smaller === 1) return shared === 1 && Math.max(A.size, B.size) <= 2;
  return shared >= 2 && shared / smaller >= 0.75;
}

/**
 * A rejection reason that names a subject ("never about competitors' prices") keeps every proposal
 * on that subject away: at least two of its own content words, beyond the words of reviewing, are in
 * the proposal. A reason that only judges ("wrong answer") blocks nothing beyond its proposal.
 */
export function blockedByReason(text: string, reason: string | null): boolean {
  if (!reason) return false;
  const subject = [...stemsOf(reason)].filter((w) => !REVIEW_WORDS.has(w) && w.length > 2);
  if (subject.length < 2) return false;
  const said = stemsOf(text);
  return subject.filter((w) => said.has(w)).length >= 2;
}

/** Keywords two policies share (case and diacritics aside). */
export function sharedKeywords(a: readonly string[], b: readonly string[]): string[] {
  const norm = (k: string) => k.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().trim();
  const other = new Set(b.map(norm));
  return a.filter((k) => other.has(norm(k)));
}
