// The bench's knowledge base: 10,000 approved entries, an equal share in each of the six languages,
// built from the demo shop's entries and messages, and the adversarial messages searched over it.
// Deterministic. Each entry is a demo entry of its language with a run of words from other demo texts
// of that language mixed in, so terms have every document frequency from a handful to thousands.
import conversations from "../../demo/conversations.json";
import kb from "../../demo/kb.json";
import { detectLanguage, type Language } from "../../worker/src/text/language";

export const KB_ENTRIES = 10_000;
export const BENCH_LANGUAGES: readonly Language[] = ["en", "de", "fr", "es", "nl", "da"];

interface Entry {
  question: string;
  answer: string;
  topics: string[];
}

const langOf = (e: Entry) => detectLanguage(`${e.question} ${e.answer}`);
const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** Every word of the demo texts (KB answers, customer messages) in one language, in order. */
function donorWords(lang: Language): string[] {
  return [
    ...kb.filter((e) => langOf(e) === lang).flatMap((e) => words(e.answer)),
    ...conversations.filter((c) => c.language === lang).flatMap((c) => words(c.message)),
  ];
}

export function syntheticKb(): Entry[] {
  const out: Entry[] = [];
  BENCH_LANGUAGES.forEach((lang, l) => {
    const bases = kb.filter((e) => langOf(e) === lang);
    const donor = donorWords(lang);
    const share = Math.floor(KB_ENTRIES / BENCH_LANGUAGES.length) + (l < KB_ENTRIES % 6 ? 1 : 0);
    for (let i = 0; i < share; i++) {
      const base = bases[i % bases.length] ?? { question: "", answer: "", topics: [] };
      const start = (i * 13 + l * 7) % Math.max(1, donor.length - 6);
      const extra = donor.slice(start, start + 6).join(" ");
      out.push({
        question: `${base.question} ${extra} v${l}x${i}`,
        answer: `${base.answer} ${extra}`,
        topics: base.topics,
      });
    }
  });
  return out;
}

/** The most frequent words (three letters or more) of a language's demo texts. */
function commonWords(lang: Language, n: number): string[] {
  const counts = new Map<string, number>();
  for (const w of donorWords(lang)) {
    const word = w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
    if (word.length >= 3) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([w]) => w);
}

/**
 * Messages made to cost the most: two-letter words, 20 KB of a few common support words (English,
 * German), and in each language its 60 most common words.
 */
export function adversarialMessages(): string[] {
  return [
    "ab cd ef gh ij kl mn op qr st uv wx yz ".repeat(40),
    "order delivery return warranty payment invoice ".repeat(400),
    "Bestellung Lieferung Rücksendung Garantie Rechnung Zahlung ".repeat(300),
    ...BENCH_LANGUAGES.map((lang) => commonWords(lang, 60).join(" ")),
  ];
}
