// Words that mean a support concept only in context, applied after the concept terms are found
// (features.ts): money after a return is the refund, what follows "instead of" is not asked, stopping a
// newsletter is unsubscribing, "when ... open" asks the hours, paying asked with a cost is the cost,
// fixing an address is changing it, a payment method or a carrier named speaks of paying or delivery.
// Pure; it changes the state it is given (a text's concepts, and which words carry them).
import { IDIOM } from "./concepts";
import { LANGUAGES, type Language } from "./language";
import { foldDiacritics } from "./normalize";
import { stem } from "./stems";
import type { ThingKind } from "./things";

/** A text's concepts as features.ts found them, for the rules below to adjust. */
export interface ConceptState {
  /** The text's words (normalised), and their stems at the same positions. */
  raw: readonly string[];
  words: readonly string[];
  /** Positions already taken by a concept term or a name. */
  taken: ReadonlySet<number>;
  concepts: Set<string>;
  conceptsOf: Map<string, string[]>;
  /** Stems of the words that said a shipping cost (both a delivery and a cost). */
  shippingCostWords: readonly string[];
  things: ReadonlyMap<ThingKind, ReadonlySet<string>>;
}

// Verbs that stop or cancel something, in the six languages (diacritics folded).
const STOP_VERBS: ReadonlySet<string> = new Set(
  `stop stopping stopped cancel stoppen stoppe kundigen beenden opzeggen stopzetten arreter arrete annuler
    dejar parar cancelar stopper stoppe melde melder annullere opsige slippe slipper`
    .split(/\s+/)
    .filter(Boolean)
    .map(foldDiacritics),
);

// "Instead of" in the six languages (words folded), and how many words after it it reaches.
const ALTERNATIVES: readonly (readonly string[])[] = [
  "instead of",
  "rather than",
  "statt",
  "anstatt",
  "anstelle",
  "in plaats van",
  "au lieu de",
  "plutot que",
  "en lugar de",
  "en vez de",
  "i stedet for",
  "slippe for",
  "slipper for",
  "to avoid",
  "pour eviter",
  "para evitar",
  "om te vermijden",
  "um zu vermeiden",
].map((a) => a.split(" "));
const ALTERNATIVE_REACH = 4;

/** Positions of the words right after an "instead of". */
function alternativeWindows(raw: readonly string[]): number[] {
  const folded = raw.map(foldDiacritics);
  const out: number[] = [];
  folded.forEach((_, i) => {
    for (const a of ALTERNATIVES) {
      if (!a.every((w, k) => folded[i + k] === w)) continue;
      const end = i + a.length;
      for (let k = end; k < Math.min(folded.length, end + ALTERNATIVE_REACH); k++) out.push(k);
    }
  });
  return out;
}

/** The stems of each language's words (space-separated), in one set. */
const stemsIn = (words: Readonly<Record<Language, string>>): ReadonlySet<string> =>
  new Set(LANGUAGES.flatMap((language) => words[language].split(" ").map((w) => stem(w, language))));

// "Pay" as a bare verb, and "fix" or "correct", in the six languages.
const PAY_VERBS = stemsIn({
  en: "pay paying paid",
  de: "zahlen zahle bezahlen bezahle",
  nl: "betalen betaal",
  fr: "payer paie paye",
  es: "pagar pago pague",
  da: "betale betaler",
});
const FIX_VERBS = stemsIn({
  en: "fix fixed correct",
  de: "korrigieren korrigiert beheben",
  nl: "corrigeren verbeteren",
  fr: "corriger",
  es: "corregir arreglar",
  da: "rette",
});

// "When" and "open", in the six languages (diacritics folded).
const WHEN: ReadonlySet<string> = new Set(
  "when wann wanneer quand cuando hvornar".split(" ").map(foldDiacritics),
);
const OPEN: ReadonlySet<string> = new Set(
  "open offen geoffnet ouvert ouverte ouverts abierto abierta abiertos aben abent"
    .split(" ")
    .map(foldDiacritics),
);

// Money, in the six languages (diacritics folded).
const MONEY: ReadonlySet<string> = new Set(
  "money amount geld betrag bedrag argent montant dinero importe penge pengene beløb beløbet"
    .split(" ")
    .map(foldDiacritics),
);

/** Applies the rules to `state` (its concepts and the words that carry them); returns the things. */
export function inContext(state: ConceptState): ReadonlyMap<ThingKind, ReadonlySet<string>> {
  const { raw, words, taken, concepts, conceptsOf, shippingCostWords, things } = state;
  // What comes right after "instead of" is not asked for: "Can I collect it instead of having it
  // delivered?" asks about collecting, not delivery.
  for (const k of alternativeWindows(raw)) {
    const w = words[k] ?? "";
    const cs = conceptsOf.get(w);
    if (cs === undefined || cs.includes(IDIOM)) continue;
    conceptsOf.set(w, [IDIOM]);
    for (const c of cs) if (![...conceptsOf.values()].some((other) => other.includes(c))) concepts.delete(c);
  }
  /** The first free word of `set` (folded) now carries `concept`. */
  const sayAt = (set: ReadonlySet<string>, concept: string) => {
    const k = raw.findIndex((w, i) => set.has(foldDiacritics(w)) && !taken.has(i));
    if (k < 0) return;
    concepts.add(concept);
    conceptsOf.set(words[k] ?? "", [concept]);
  };
  /** When every word carrying `from` is one of `stems`, they carry `to` instead. */
  const recast = (from: string, to: string, stems: ReadonlySet<string>) => {
    const carriers = [...conceptsOf].filter(([, cs]) => cs.includes(from)).map(([w]) => w);
    if (!carriers.every((w) => stems.has(w))) return;
    concepts.delete(from);
    concepts.add(to);
    for (const w of carriers) conceptsOf.set(w, [to]);
  };
  // Money after a return is the refund: "I sent it back. When do I see the money?"
  if (concepts.has("return") && !concepts.has("refund")) sayAt(MONEY, "refund");
  // Stopping a newsletter is unsubscribing: "Hvordan stopper jeg nyhedsbrevet?", "melder mig af".
  if (concepts.has("newsletter") && !concepts.has("unsubscribe")) sayAt(STOP_VERBS, "unsubscribe");
  // "When is the showroom open?": open, asked when, is about opening hours (not "I opened the box").
  if (!concepts.has("hours") && raw.some((w) => WHEN.has(foldDiacritics(w)))) sayAt(OPEN, "hours");
  // "Ab welchem Bestellwert muss ich keine Versandkosten zahlen?": paying, asked with a cost, is the
  // cost; a way to pay ("Can I pay with PayPal?") is named by a word that is not only "pay".
  if (concepts.has("cost") && concepts.has("payment")) recast("payment", "cost", PAY_VERBS);
  // Fixing an address or an order is changing it ("I typed my old address, can I still fix that?"),
  // not a repair.
  if (concepts.has("repair") && (concepts.has("address") || concepts.has("change")))
    recast("repair", "change", FIX_VERBS);
  // Naming a payment method is speaking of payment ("Can I use MobilePay?" asks how to pay), naming a
  // carrier of delivery ("with DHL Express").
  if (things.has("payment")) concepts.add("payment");
  // (A carrier or postage beside a return is the return's shipping, not a delivery.)
  if (things.has("carrier") && !concepts.has("return")) concepts.add("delivery");
  if (concepts.has("return") && shippingCostWords.length > 0) {
    for (const w of shippingCostWords) conceptsOf.set(w, ["cost"]);
    if (![...conceptsOf.values()].some((cs) => cs.includes("delivery"))) concepts.delete("delivery");
  }
  // Drinking glasses are glass: "Vos verres passent-ils au lave-vaisselle ?" is not about stoneware.
  if (things.get("product")?.has("glassware") && !things.has("material"))
    return new Map([...things, ["material", new Set(["glass"])]]);
  return things;
}
