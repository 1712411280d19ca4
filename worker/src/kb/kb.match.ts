// Word-level matching between a message and one KB entry: which stems name the same thing, and which of
// the message's words and concepts a field of the entry shares. Pure; the scoring is kb.rank.ts's.
import type { TextFeatures } from "../text/features";
import type { Language } from "../text/language";
import { covers, THING_KINDS, type ThingKind } from "../text/things";

// Marks a concept among a candidate's matched features (no stem contains it).
export const CONCEPT = "§";

const COMPOUNDING: ReadonlySet<Language> = new Set(["de", "nl", "da"]);

/**
 * Do two stems name the same thing? Equal; or the shorter (5+ letters) a prefix of the other that
 * stemming left a little longer ("deliv" and "deliveri", at most 3 letters more); in German, Dutch and
 * Danish also the first or last part of a compound ("liefer" in "lieferzeit", "konto" in "kundenkonto",
 * after a 4+ letter modifier; "bestell" does not hold "stell"). "pass" is not "password".
 */
export function stemsMatch(a: string, b: string, language: Language): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 5) return false;
  const compounds = COMPOUNDING.has(language);
  if (long.startsWith(short) && (compounds || long.length - short.length <= 3)) return true;
  return compounds && long.length - short.length >= 4 && long.endsWith(short);
}

// Linking letters between the parts of a German, Dutch or Danish compound ("Studenten|rabatt").
const LINKING = /(?:es|en|er|e|n|s)$/u;

/** Does the entry say the first part of a compound (`modifier`, of message word `m`)? */
function modifierKnown(modifier: string, m: string, entryStems: ReadonlySet<string>): boolean {
  const base = modifier.length > 4 ? modifier.replace(LINKING, "") : modifier;
  for (const x of entryStems) {
    if (x === m || x.length < 4) continue;
    if (modifier.startsWith(x) || x.startsWith(base)) return true;
  }
  return false;
}

/**
 * When message stem `m` is a compound whose last part is entry stem `e` ("studentenrabatt" and
 * "rabatt"), does the entry also say the first part? A "student discount" is a discount the entry may
 * not give; an "Expresslieferung" is a delivery an entry mentioning "Express" does cover.
 */
function modifierExplained(m: string, e: string, entryStems: ReadonlySet<string>): boolean {
  if (m.length - e.length < 4 || !m.endsWith(e) || m.startsWith(e)) return true;
  return modifierKnown(m.slice(0, m.length - e.length), m, entryStems);
}

/**
 * When message stem `m` is a compound whose first part is entry stem `e` ("lieferadress" and "liefer"),
 * does the entry also say the last part? A "Lieferadresse" is an address, not a delivery.
 */
function headExplained(m: string, e: string, entryStems: ReadonlySet<string>): boolean {
  if (m.length - e.length < 4 || !m.startsWith(e)) return true;
  const head = m.slice(e.length);
  const bare = head.replace(/^(?:es|en|er|e|n|s)(?=.{4})/u, "");
  for (const x of entryStems) {
    if (x === e || x.length < 4) continue;
    if (x === m || head.startsWith(x) || bare.startsWith(x) || x.startsWith(bare) || x.endsWith(bare))
      return true;
  }
  return false;
}

/**
 * The message's concepts an entry may share: a concept said only by compounds whose first part the
 * entry never mentions ("Studentenrabatt" for "discount") is left out.
 */
export function sharableConcepts(msg: TextFeatures, entryStems: ReadonlySet<string>): string[] {
  if (msg.conceptHeads.size === 0) return msg.concepts;
  const carried = new Set([...msg.conceptsOf.values()].flat());
  return msg.concepts.filter(
    (c) =>
      !carried.has(c) ||
      [...msg.conceptsOf].some(([w, cs]) => {
        if (!cs.includes(c)) return false;
        const modifier = msg.conceptHeads.get(w);
        return modifier === undefined || modifierKnown(modifier, w, entryStems);
      }),
  );
}

/**
 * A literal match between two stems, unless either word sits in a support phrase the other does not
 * share ("back" in "send it back" is not "back" in "money back"; "money" alone is not "money back"), one
 * is only the modifier of a hyphenated word ("first" in "first-time" is not "my first flat"), the entry
 * question's is the head of a hyphenated word whose modifier the message never says ("time" in "first-time" is not
 * "many times"), or the
 * message's word is a compound whose other part the entry never mentions ("Studentenrabatt" is not
 * "Rabatt", "Lieferadresse" is not "Lieferung").
 */
export function literalMatch(
  msg: TextFeatures,
  m: string,
  entry: TextFeatures,
  e: string,
  entryStems: ReadonlySet<string>,
  /** `entry` is the entry's question, where a hyphenated word says what the entry is for. */
  question = false,
): boolean {
  if (!stemsMatch(m, e, msg.language)) return false;
  if (msg.modifiers.has(m) !== entry.modifiers.has(e)) return false;
  // "home" of "home goods" is not the "home" of "home address"; "card" of "gift card" not a credit card.
  const mNames = msg.nameWords.get(m);
  const eNames = entry.nameWords.get(e);
  if ((mNames !== undefined || eNames !== undefined) && !mNames?.some((n) => eNames?.includes(n)))
    return false;
  // The question's word is the head of a hyphenated word whose modifier the message never says (in an
  // answer, "3rd floor" may still be evidence for "ground-floor entrance").
  const qualifiers = question ? entry.hyphenHeads.get(e) : undefined;
  if (qualifiers && !qualifiers.some((q) => msg.stems.some((x) => stemsMatch(x, q, msg.language))))
    return false;
  if (
    COMPOUNDING.has(msg.language) &&
    !(modifierExplained(m, e, entryStems) && headExplained(m, e, entryStems))
  )
    return false;
  const mc = msg.conceptsOf.get(m);
  const ec = entry.conceptsOf.get(e);
  if (mc === undefined && ec === undefined) return true;
  return mc !== undefined && ec !== undefined && mc.some((c) => ec.includes(c));
}

// Marks a named thing among a candidate's matched features ("¤country:NO").
const THING = "¤";
/**
 * Kinds of thing whose mention is evidence for an entry that covers it: a country for the entry listing
 * where the shop delivers, Klarna for the one listing payment methods. Kinds of product are not: a lamp
 * named in passing is no evidence that the entry about electronics' warranty is meant.
 */
const EVIDENT_KINDS: ReadonlySet<ThingKind> = new Set(["country", "payment", "carrier", "voucher"]);

/** The feature of a thing the message names (things.ts), when an entry's field covers it. */
export const thingFeature = (kind: ThingKind, id: string) => `${THING}${kind}:${id}`;

/** The kind of a matched feature that is a named thing, or null for a word or a concept. */
export function thingFeatureKind(feature: string): ThingKind | null {
  if (!feature.startsWith(THING)) return null;
  const kind = feature.slice(THING.length, feature.indexOf(":"));
  return (THING_KINDS as readonly string[]).includes(kind) ? (kind as ThingKind) : null;
}

/** Does message stem `m` name a thing whose feature is in `features`? */
export function namesMatchedThing(
  msg: TextFeatures,
  m: string,
  features: { has(feature: string): boolean },
): boolean {
  return (msg.thingWords.get(m) ?? []).some((t) => features.has(thingFeature(t.kind, t.id)));
}

/**
 * The message's features one field of an entry shares: its concepts, the things it names that the field
 * covers (Portugal for "EU countries", Visa for "cards"), then stems neither explains. `entryStems`: the
 * stems of all the entry's fields.
 */
export function fieldMatches(
  msg: TextFeatures,
  field: TextFeatures,
  entryStems: ReadonlySet<string>,
  question = false,
): string[] {
  const concepts = sharableConcepts(msg, entryStems).filter((c) => field.concepts.includes(c));
  const things: string[] = [];
  for (const [kind, ids] of msg.things) {
    if (!EVIDENT_KINDS.has(kind)) continue;
    const said = field.things.get(kind);
    if (said === undefined || said.size === 0) continue;
    for (const id of ids) if (covers(kind, said, id)) things.push(thingFeature(kind, id));
  }
  const thingSet = new Set(things);
  const stems = msg.stems.filter(
    (m) =>
      !(msg.conceptsOf.get(m) ?? []).some((c) => concepts.includes(c)) &&
      !namesMatchedThing(msg, m, thingSet) &&
      field.stems.some((e) => literalMatch(msg, m, field, e, entryStems, question)),
  );
  return [...concepts.map((c) => CONCEPT + c), ...things, ...stems];
}

/**
 * The message names things of a kind the entry's question names others of (`other`, see otherThing), or
 * asks about things the entry never says (`unsaid`, see unsaidThing).
 */
export interface OtherThing {
  how: "other" | "unsaid";
  kind: ThingKind;
  /** What the message names (ids, things.ts). */
  named: readonly string[];
  /** What the entry's question names instead. */
  entry: readonly string[];
}

/** The things of `kind` an entry says in any of its fields. */
const saidIn = (fields: readonly TextFeatures[], kind: ThingKind) =>
  new Set(fields.flatMap((f) => [...(f.things.get(kind) ?? [])]));

/**
 * Is the entry about another thing of a kind the message names? When the entry's question names a
 * country, payment method, carrier, kind of product, material or group of customers, it is what the
 * entry is for ("delivery to Germany", "pay with MobilePay", "plates in stoneware", "first-time
 * customers"): if none of the message's things of that kind is in the entry (question, topics or
 * answer), the entry does not answer it, however well the other words fit ("delivery to Austria",
 * "pay with Klarna", "crystal glasses", "students", a sofa for "Can I extend the warranty on
 * electronics?"). An entry whose question names none ("Which
 * countries do you ship to?", "How do I return an item?") is never caught here, and one whose answer
 * lists the customer's thing (a list of payment methods) still answers.
 */
export function otherThing(
  msg: TextFeatures,
  question: TextFeatures,
  fields: readonly TextFeatures[],
): OtherThing | null {
  for (const [kind, named] of msg.things) {
    const about = question.things.get(kind);
    if (about === undefined || about.size === 0 || named.size === 0) continue;
    const said = saidIn(fields, kind);
    if (![...named].some((id) => covers(kind, said, id)))
      return { how: "other", kind, named: [...named], entry: [...about] };
  }
  return null;
}

/**
 * A thing named in what the message asks that the entry never says (question, topics or answer): its
 * answer cannot be known to hold for it ("are the plates made in Denmark?" for the entry about plates
 * in the dishwasher, "how long does delivery take for a gift card?" for the delivery times of parcels,
 * "a discount for students", "Outlet items", "can I order by phone?"). Also when the entry lists others
 * of the kind: "3-6 days to other EU countries" says nothing about Switzerland, and no word list here
 * knows which of them the entry's list covers (an entry saying "EU countries" covers each member state).
 * A kind of product counts only in a question sentence and only for an entry whose question names kinds
 * of product itself (a rug asked about for "How are large furniture items delivered?"); a general entry
 * is left to the gate's preference for a more specific one (kb.gate.ts), and one that mentions a kind
 * of product in passing ("furniture comes in 5-10 days") still answers about a blanket. A material
 * counts only against an entry whose question names one (otherThing). `entry`: the things of that kind
 * the entry does name.
 */
export function unsaidThing(
  asked: TextFeatures,
  question: TextFeatures,
  fields: readonly TextFeatures[],
  askedIsQuestion: boolean,
): OtherThing | null {
  for (const [kind, named] of asked.things) {
    if (kind === "material") continue;
    // The card a refund goes back to, or one charged twice, is where the money goes, not what is asked.
    if (kind === "payment" && (asked.concepts.includes("refund") || asked.concepts.includes("doublecharge")))
      continue;
    const said = saidIn(fields, kind);
    if (kind === "product" && (!askedIsQuestion || !question.things.has(kind))) continue;
    const missing = [...named].filter((id) => !covers(kind, said, id));
    if (missing.length > 0) return { how: "unsaid", kind, named: missing, entry: [...said] };
  }
  return null;
}

/**
 * The customer is somewhere the entry does not speak of: the message names countries (in any sentence,
 * "Ich wohne in Graz."), the entry names countries too ("in Deutschland können Sie Klarna wählen"), and
 * none of the message's is among them. An entry that names no country holds everywhere.
 */
export function placedElsewhere(msg: TextFeatures, fields: readonly TextFeatures[]): OtherThing | null {
  const named = msg.things.get("country");
  if (named === undefined || named.size === 0) return null;
  const said = saidIn(fields, "country");
  if (said.size === 0 || [...named].some((id) => covers("country", said, id))) return null;
  return { how: "unsaid", kind: "country", named: [...named], entry: [...said] };
}

/** The kinds of product the message names that the entry covers (for the preference of the specific). */
export function coveredProducts(msg: TextFeatures, fields: readonly TextFeatures[]): string[] {
  const said = saidIn(fields, "product");
  return [...(msg.things.get("product") ?? [])].filter((id) => covers("product", said, id));
}
