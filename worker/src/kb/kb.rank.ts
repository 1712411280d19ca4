// Ranking of one search's candidates: how much of a message each approved entry explains, and with which words.
// Pure, over plain candidates: never queries D1, never decides whether to answer (that is kb.gate.ts).
import { askedPart } from "../text/asked";
import { type TextFeatures, textFeatures } from "../text/features";
import { LANGUAGES, type Language } from "../text/language";
import { normalizeText, tokenize } from "../text/normalize";
import { stem } from "../text/stems";
import {
  CONCEPT,
  fieldMatches,
  namesMatchedThing,
  thingFeatureKind,
  coveredProducts,
  type OtherThing,
  otherThing,
  placedElsewhere,
  unsaidThing,
} from "./kb.match";
import { coverage, type QuestionWord, questionWords, subjectCovered } from "./kb.coverage";
import type { KbCandidate } from "./kb.search";
import { ACTION_CONCEPTS, CONTRASTS, EXPLAINED_BY, FRAME_CONCEPTS, statesFrame } from "./kb.topics";

export type { QuestionWord } from "./kb.coverage";
export { CONCEPT, stemsMatch } from "./kb.match";

// Commerce words in almost every question ("order", "item"): they count little towards covering one.
// "Place" is how an order is made ("after placing it"), not what a question is about.
const WEAK_SOURCE = `order orders ordered item items product products buy bought purchase place placed placing
  bestellung bestellen bestellt artikel produkt kaufen gekauft aufgeben aufgegeben
  bestelling bestellen besteld artikel product kopen gekocht plaatsen geplaatst
  ordre bestilling bestille bestilt vare varer produkt købe købt afgive afgivet
  commande commander commandé article produit acheter acheté
  pedido pedir artículo producto comprar comprado realizar realizado`;
const WEAK: ReadonlyMap<Language, ReadonlySet<string>> = new Map(
  LANGUAGES.map((l) => [l, new Set(tokenize(normalizeText(WEAK_SOURCE)).map((w) => stem(w, l)))]),
);

// Question sentences with fewer content words than this refer to the rest of the message.
const MIN_ASKED_STEMS = 2;

const FIELD_WEIGHT = { question: 3, topics: 1.5, answer: 1 } as const;
type Field = keyof typeof FIELD_WEIGHT;
const FIELDS: readonly Field[] = ["question", "topics", "answer"];

export interface RankedCandidate {
  entry: KbCandidate;
  /** Rarity-weighted evidence (question > topics > answer), scaled by question coverage. */
  score: number;
  /** Each matched message feature's share of the evidence: field weight × rarity. */
  evidence: ReadonlyMap<string, number>;
  /** Share of the entry question's content stems the message covers (literally or by concept). */
  questionCoverage: number;
  /** Does the message cover a word of the entry question's subject (not only "how long", "order")? */
  subjectCovered: boolean;
  /** The words of the entry's question, as what the message asks covers them. */
  questionWords: readonly QuestionWord[];
  /** Every stem of the entry's question, topics and answer, and its concepts (marked with CONCEPT). */
  vocabulary: ReadonlySet<string>;
  /** Share of the message's content stems the entry explains (any field). */
  messageCoverage: number;
  /** The evidence of one word found in one entry's question only: the unit of "a distinguishing word". */
  unit: number;
  /**
   * Support concepts of what the message asks that the entry never says (any field), frames such as
   * "how long" left out: "invoice" and "address" in "can my invoice go to another address?" for "Where
   * do I find my invoice?" leave "address" unexplained.
   */
  unexplainedConcepts: readonly string[];
  /**
   * The message names a country, payment method, carrier or gift card the entry is not about, or asks
   * about one the entry never says (kb.match.ts).
   */
  otherThing: OtherThing | null;
  /**
   * The entry's question says a narrower case that the message contradicts: "out of warranty" for a
   * message that speaks of the warranty without it ("still under warranty").
   */
  contrasted: boolean;

  /**
   * Things to be done that a question sentence of the message asks and the entry speaks of only in its
   * answer, in passing (a story around a short question, "...hasn't changed for a week. Is it lost?", does
   * not count):
   * "return" for "Kann ich auch ohne Kundenkonto bestellen?", whose answer mentions returns.
   */
  answerOnlyConcepts: readonly string[];
  /**
   * "How long" or "how much" asked, and the entry states no time span or amount and never speaks of
   * one: "Which countries do you ship to?" does not say what the postage is.
   */
  unansweredFrames: readonly string[];
  /**
   * What the message asks is the entry's question, in other words or the same: it covers the whole
   * question and the question explains every content word it asks ("Where can I track my parcel?").
   */
  echoesQuestion: boolean;
  /** The matched features that say what the message is about: its evidence less weak words ("order"). */
  subjectEvidence: ReadonlySet<string>;
  /**
   * Matched features that say what the message is about: words (not weak ones such as "order") and
   * concepts, and named things of a kind the entry's question names (Klarna for "Can I pay with MobilePay?", not Aarhus for "Where are your
   * showrooms?").
   */
  aboutFeatures: number;
  /** The kinds of product the message names (anywhere) that the entry covers. */
  products: readonly string[];
  /** The kinds of product the message names, covered or not. */
  namedProducts: number;
}

// KB texts come back search after search: their features are remembered (a pure function's cache,
// bounded; it never changes a result).
const ENTRY_CACHE = new Map<string, TextFeatures>();
const ENTRY_CACHE_SIZE = 2_000;
function entryFeatures(text: string, language: Language): TextFeatures {
  const key = `${language}\u0000${text}`;
  const hit = ENTRY_CACHE.get(key);
  if (hit) return hit;
  if (ENTRY_CACHE.size >= ENTRY_CACHE_SIZE) ENTRY_CACHE.clear();
  const features = textFeatures(text, language);
  ENTRY_CACHE.set(key, features);
  return features;
}

/** Scores the candidates in the customer's language, best first; other languages are left out. */
export function rankCandidates(
  text: string,
  language: Language,
  candidates: readonly KbCandidate[],
): RankedCandidate[] {
  const msg = textFeatures(text, language);
  const pool = candidates.filter((c) => c.language === language);
  const fields = pool.map(
    (c): Record<Field, TextFeatures> => ({
      question: entryFeatures(c.question, c.language),
      topics: entryFeatures(c.topics.join(" "), c.language),
      answer: entryFeatures(c.answer, c.language),
    }),
  );
  const entryStems = fields.map((f) => new Set(FIELDS.flatMap((name) => f[name].stems)));
  const matches = fields.map((f, i) =>
    FIELDS.map(
      (name) => new Set(fieldMatches(msg, f[name], entryStems[i] ?? new Set(), name === "question")),
    ),
  );
  // The entry's subject must be in what the message asks, unless its questions are too short to name
  // one ("Where can I download it?"): then the whole message asks.
  const askedText = askedPart(text);
  const askedOnly = askedText === null ? msg : textFeatures(askedText, language);
  const askedIsQuestion = askedText !== null && askedOnly.stems.length >= MIN_ASKED_STEMS;
  const asked = askedIsQuestion ? askedOnly : msg;
  // A question that only asks how, how long or how much about what the sentences before it say ("I want
  // to send a teapot back. How does that work, and does it cost anything?"): its subject is theirs.
  const followUp =
    askedIsQuestion && asked.concepts.every((c) => FRAME_CONCEPTS.has(c)) && asked.things.size === 0;
  // Rarity over the pool: every entry holding a query term is in it, up to the search limit.
  const n = Math.max(pool.length, 10);
  const df = new Map<string, number>();
  for (const perField of matches) {
    for (const f of new Set(perField.flatMap((set) => [...set]))) df.set(f, (df.get(f) ?? 0) + 1);
  }
  const idf = (f: string) => Math.log(1 + (n - (df.get(f) ?? 0) + 0.5) / ((df.get(f) ?? 0) + 0.5));
  const weak = WEAK.get(language) ?? new Set<string>();
  const unit = FIELD_WEIGHT.question * Math.log(1 + (n - 1 + 0.5) / 1.5);
  return pool
    .map((entry, i): RankedCandidate => {
      const perField = matches[i] ?? [];
      const evidence = new Map<string, number>();
      for (const f of new Set(perField.flatMap((set) => [...set]))) {
        const weight = Math.max(...FIELDS.map((name, k) => (perField[k]?.has(f) ? FIELD_WEIGHT[name] : 0)));
        evidence.set(f, weight * idf(f));
      }
      const fi = fields[i] as Record<Field, TextFeatures>;
      const qf = fi.question;
      const own = entryStems[i] ?? new Set<string>();
      const qcWords = questionWords(msg, qf, weak, own);
      const qc = coverage(qcWords, weak);
      const askedWords = questionWords(asked, qf, weak, own);
      const subjectWords = askedWords.filter((w) => w.subject);
      const explained = msg.stems.filter(
        (m) =>
          evidence.has(m) ||
          (msg.conceptsOf.get(m) ?? []).some((c) => evidence.has(CONCEPT + c)) ||
          namesMatchedThing(msg, m, evidence),
      ).length;
      const total = [...evidence.values()].reduce((a, b) => a + b, 0);
      const inQuestion = perField[0] ?? new Set<string>();
      const echoesQuestion =
        qc > 1 - 1e-9 &&
        asked.stems.length > 0 &&
        asked.stems.every(
          (m) =>
            inQuestion.has(m) ||
            (asked.conceptsOf.get(m) ?? []).some((c) => inQuestion.has(CONCEPT + c)) ||
            namesMatchedThing(asked, m, inQuestion),
        );
      const vocabulary = new Set([
        ...own,
        ...FIELDS.flatMap((name) => fi[name].concepts).map((c) => CONCEPT + c),
      ]);
      // Covering the entry's question matters more than sharing words with its answer.
      return {
        entry,
        score: total * (0.5 + qc),
        evidence,
        questionCoverage: qc,
        subjectCovered:
          subjectCovered(subjectWords) || (followUp && subjectCovered(qcWords.filter((w) => w.subject))),
        questionWords: askedWords,
        vocabulary,
        unexplainedConcepts: asked.concepts.filter(
          (c) =>
            !FRAME_CONCEPTS.has(c) &&
            !vocabulary.has(CONCEPT + c) &&
            !(EXPLAINED_BY[c] ?? []).some((x) => vocabulary.has(CONCEPT + x)),
        ),
        contrasted: qcWords.some(
          (w) => !w.covered && w.concepts.some((c) => msg.concepts.includes(CONTRASTS[c] ?? "")),
        ),

        answerOnlyConcepts: asked.concepts.filter(
          (c) =>
            askedIsQuestion &&
            ACTION_CONCEPTS.has(c) &&
            !qf.concepts.includes(c) &&
            !fi.topics.concepts.includes(c) &&
            fi.answer.concepts.includes(c),
        ),
        unansweredFrames: asked.concepts.filter(
          (c) =>
            FRAME_CONCEPTS.has(c) &&
            !vocabulary.has(CONCEPT + c) &&
            !statesFrame(c, `${entry.question} ${entry.answer}`),
        ),
        messageCoverage: msg.stems.length === 0 ? 0 : explained / msg.stems.length,
        unit,
        otherThing:
          otherThing(
            msg,
            qf,
            FIELDS.map((name) => fi[name]),
          ) ??
          unsaidThing(
            asked,
            qf,
            FIELDS.map((name) => fi[name]),
            askedIsQuestion,
          ) ??
          placedElsewhere(
            msg,
            FIELDS.map((name) => fi[name]),
          ),
        echoesQuestion,
        subjectEvidence: new Set([...evidence.keys()].filter((f) => !weak.has(f))),
        aboutFeatures: [...evidence.keys()].filter((f) => {
          if (weak.has(f)) return false;
          const kind = thingFeatureKind(f);
          return kind === null || [...qf.thingWords.values()].flat().some((t) => t.kind === kind);
        }).length,
        products: coveredProducts(
          msg,
          FIELDS.map((name) => fi[name]),
        ),
        namedProducts: msg.things.get("product")?.size ?? 0,
      };
    })
    .sort((a, b) => b.score - a.score || a.entry.id - b.entry.id);
}
