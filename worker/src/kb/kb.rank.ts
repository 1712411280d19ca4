// Ranking of one search's candidates: how much of a message each approved entry explains, and with which words.
// Pure, over plain candidates: never queries D1, never decides whether to answer (that is kb.gate.ts).
import { askedPart } from "../text/asked";
import { type TextFeatures, textFeatures } from "../text/features";
import { LANGUAGES, type Language } from "../text/language";
import { normalizeText, tokenize } from "../text/normalize";
import { stem } from "../text/stems";
import { KIND, thingDistance } from "../text/things";
import {
  CONCEPT,
  fieldMatches,
  literalMatch,
  namesMatchedThing,
  thingFeatureKind,
  coveredProducts,
  type OtherThing,
  otherThing,
  placedElsewhere,
  sharableConcepts,
  unsaidThing,
} from "./kb.match";
import type { KbCandidate } from "./kb.search";

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
const WEAK_WEIGHT = 0.25;

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

// Concepts that say what kind of answer is wanted ("how long", "how much"), not what it is about.
// "Pay for" says that something is paid, not what it costs ("when I pay for my order").
const FRAME_CONCEPTS: ReadonlySet<string> = new Set(["duration", "cost", "payfor"]);

// What an answer to "how much" or "how long" states: an amount ("EUR 4.95", "49 kr", "€5", "free") or a
// time span ("3-5 working days", "within 48 hours", "2 Wochen"), in the six languages.
const AMOUNT =
  /(?:\d(?:[\d.,]*\d)?\s*(?:€|eur|euro|euros|kr|dkk|sek|nok|chf|\$|£|usd|gbp)(?![\p{L}]))|(?:(?:€|\$|£|eur|dkk|chf)\s*\d)|(?<![\p{L}])(?:free|gratis|kostenlos|kostenfrei|gratuit|gratuite|gratuito|gratuita|omkostningsfri|no charge)(?![\p{L}])/u;
const SPAN =
  /\d+\s*(?:[-–]|to|bis|tot|à|a|til)?\s*\d*\s*(?:working |business |werk|arbeits|hver|jours? ouvr\p{L}* |días? háb\p{L}* )?(?:days?|weeks?|hours?|months?|years?|tage?n?|wochen?|stunden?|monate?n?|jahre?n?|dag(?:en|e)?|weken|week|uur|uren|maand(?:en)?|jaar|jours?|semaines?|heures?|mois|ans?|días?|semanas?|horas?|meses|mes|años?|uger?|timer?|måneder?|år)(?![\p{L}])|(?<![\p{L}])(?:same day|next day|immediately|within|innerhalb|binnen|sofort|dans les|dentro de|inden for|straks|umgehend|direct)(?![\p{L}])/u;

/** Does an entry's text state what frame `c` asks for ("cost": an amount; "duration": a time span)? */
function statesFrame(c: string, text: string): boolean {
  const t = normalizeText(text);
  return c === "cost" ? AMOUNT.test(t) : c === "duration" ? SPAN.test(t) : true;
}

/** Concepts an entry explains by speaking of another: an address and an e-mail are personal data. */
const EXPLAINED_BY: Readonly<Record<string, readonly string[]>> = {
  address: ["privacy"],
  email: ["privacy"],
  // "At the showroom" is explained by an entry about showrooms or shops.
  instore: ["store"],
  // How it was paid is context to a refund ("I paid with PayPal - when is the money back?").
  payment: ["refund"],
  // A defect is what a warranty claim is about.
  damaged: ["claim"],
};

/** A concept of an entry's question, and the wider one a message says instead of it. */
const CONTRASTS: Readonly<Record<string, string>> = { outofwarranty: "warranty", unsubscribe: "newsletter" };

/** Concepts that are something the customer wants done (send back, change, collect), not a thing. */
const ACTION_CONCEPTS: ReadonlySet<string> = new Set([
  "return",
  "refund",
  "exchange",
  "change",
  "pickup",
  "repair",
  "claim",
  "assembly",
  "disposal",
  "unsubscribe",
  "tracking",
]);

/**
 * Concepts that say where a question happens rather than what it is about: every delivery is a
 * parcel, and "your shop charged me twice" names the company, not its stores. A topic of the message
 * that the entry never says must not be one of these to refuse it (kb.gate.ts).
 */
export const CONTEXT_CONCEPTS: ReadonlySet<string> = new Set(["parcel", "store"]);

/** A word of an entry's question, as the message covers it. */
export interface QuestionWord {
  stem: string;
  concepts: readonly string[];
  covered: boolean;
  /** Not only part of a frame ("how long", "what does it cost") and not a weak word ("order"). */
  subject: boolean;
  /** Part of a thing's name ("textiles", "Deutschland") or a word for a kind of them ("countries"). */
  thing: boolean;
}

/**
 * The entry question's content words, each with whether the message covers it: literally, by concept, or
 * by naming a thing the word names (a wider or a narrower one: a couch for "sofas", Oslo for
 * "countries"). A thing the message names covers one name in the question, the nearest ("textiles"
 * before "home goods" for a duvet cover), and only when the message also covers a word of the question
 * that names no thing: a lamp is not "What is the return window for small electronics?" unless the
 * message speaks of returning.
 */
function questionWords(
  msg: TextFeatures,
  q: TextFeatures,
  weak: ReadonlySet<string>,
  entryStems: ReadonlySet<string>,
): QuestionWord[] {
  const msgConcepts = sharableConcepts(msg, entryStems);
  const words = q.stems.map((e): QuestionWord => {
    const concepts = q.conceptsOf.get(e) ?? [];
    return {
      stem: e,
      concepts,
      covered:
        msg.stems.some((m) => literalMatch(msg, m, q, e, entryStems, true)) ||
        concepts.some((c) => msgConcepts.includes(c)),
      subject: !weak.has(e) && !(concepts.length > 0 && concepts.every((c) => FRAME_CONCEPTS.has(c))),
      thing: q.thingWords.has(e),
    };
  });
  if (q.thingWords.size === 0 || msg.things.size === 0) return words;
  if (!words.some((w) => w.covered && w.subject && !q.thingWords.has(w.stem))) return words;
  const names = [...q.thingWords.values()].flat();
  const coveredAt = new Set<number>();
  for (const [kind, ids] of msg.things)
    for (const id of ids) {
      let nearest: { at: number; d: number } | null = null;
      for (const n of names) {
        if (n.kind !== kind) continue;
        const d = n.id === KIND ? 1_000 : thingDistance(kind, id, n.id);
        if (d !== null && (nearest === null || d < nearest.d)) nearest = { at: n.at, d };
      }
      if (nearest !== null) coveredAt.add(nearest.at);
    }
  return words.map((w) =>
    !w.covered && (q.thingWords.get(w.stem) ?? []).some((n) => coveredAt.has(n.at))
      ? { ...w, covered: true }
      : w,
  );
}

/**
 * Does the message cover what the entry's question is about? A word of context ("parcel" in "Where can
 * I track my parcel?") is not enough beside a word that is not ("track"): "Can the courier leave my
 * parcel at the door?" is not that question. A question made only of context words ("Where are your
 * showrooms and when are they open?") is covered by them.
 */
function subjectCovered(words: readonly QuestionWord[]): boolean {
  if (words.length === 0) return true;
  const context = (w: QuestionWord) =>
    w.concepts.length > 0 && w.concepts.every((c) => CONTEXT_CONCEPTS.has(c));
  const own = words.filter((w) => !context(w));
  return (own.length > 0 ? own : words).some((w) => w.covered);
}

/** Share of the question covered, weak words ("order", "item") counting a quarter. */
function coverage(words: readonly QuestionWord[], weak: ReadonlySet<string>): number {
  let covered = 0;
  let total = 0;
  for (const w of words) {
    const weight = weak.has(w.stem) ? WEAK_WEIGHT : 1;
    total += weight;
    if (w.covered) covered += weight;
  }
  return total === 0 ? 0 : covered / total;
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
