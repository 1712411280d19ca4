// Named things of a kind a shop's customers name (countries, payment methods, carriers, gift cards, kinds
// of goods, materials, groups of people, sale ranges, channels), in the six languages: which ones a text
// names. A matcher over the word lists of things.lexicon.ts: no ranking, no decision (kb.rank.ts).
import type { Language } from "./language";
import { foldDiacritics, normalizeText, tokenize } from "./normalize";
import { THING_SOURCE } from "./things.lexicon";

export const THING_KINDS = [
  "country",
  "payment",
  "carrier",
  "voucher",
  "product",
  "material",
  "group",
  "range",
  "channel",
] as const;
export type ThingKind = (typeof THING_KINDS)[number];
const isKind = (s: string): s is ThingKind => (THING_KINDS as readonly string[]).includes(s);

export interface Thing {
  kind: ThingKind;
  id: string;
  name: string;
  /** A wider thing that covers this one ("card" for Visa, "furniture" for a sofa). */
  parent?: string;
}

interface Alias {
  thing: Thing;
  words: readonly string[];
  /** The last word may take up to MAX_ENDING more letters. */
  open: boolean;
  only?: ReadonlySet<string>;
  except?: ReadonlySet<string>;
}

const MAX_ENDING = 3;
const words = (s: string) => tokenize(normalizeText(s)).map(foldDiacritics);

const LEXICON = (() => {
  const things = new Map<string, Thing>();
  const byFirst = new Map<string, Alias[]>();
  let kind: ThingKind = "country";
  for (const line of THING_SOURCE.split("\n")) {
    const head = line.trim();
    if (isKind(head)) {
      kind = head;
      continue;
    }
    const m = /^\s+([\w-]+)(?:\^([\w-]+))?\s+([^:]+):\s*(.+)$/u.exec(line);
    if (!m) continue;
    const [, id = "", parent, name = "", list = ""] = m;
    const thing: Thing = { kind, id, name: name.trim(), ...(parent ? { parent } : {}) };
    things.set(`${kind}:${id}`, thing);
    for (const raw of list.split(",")) {
      const spec = /^\s*([^{*]+?)(\*)?\s*(?:\{([^}]*)\})?\s*$/u.exec(raw);
      if (!spec) continue;
      const [, text = "", star, langs] = spec;
      const ws = words(text);
      if (ws.length === 0) continue;
      const tags = (langs ?? "").split(/\s+/).filter(Boolean);
      const except = tags.filter((t) => t.startsWith("-")).map((t) => t.slice(1));
      const only = tags.filter((t) => !t.startsWith("-"));
      const alias: Alias = {
        thing,
        words: ws,
        open: star === "*",
        ...(only.length > 0 ? { only: new Set(only) } : {}),
        ...(except.length > 0 ? { except: new Set(except) } : {}),
      };
      const first = ws[0] ?? "";
      byFirst.set(first, [...(byFirst.get(first) ?? []), alias]);
    }
  }
  return { things, byFirst };
})();

const allowed = (a: Alias, language: Language) =>
  !(a.only && !a.only.has(language)) && !a.except?.has(language);

function wordMatches(alias: Alias, k: number, word: string): boolean {
  const want = alias.words[k] ?? "";
  if (word === want) return true;
  const last = k === alias.words.length - 1;
  return last && alias.open && word.startsWith(want) && word.length - want.length <= MAX_ENDING;
}

/** Aliases that may start at `word`: by the word itself, or by it less an adjective ending. */
function aliasesAt(word: string): Alias[] {
  const out: Alias[] = [];
  for (let cut = 0; cut <= MAX_ENDING && cut < word.length; cut++) {
    const hits = LEXICON.byFirst.get(cut === 0 ? word : word.slice(0, -cut));
    if (hits) out.push(...hits.filter((a) => cut === 0 || (a.open && a.words.length === 1)));
  }
  return out;
}

// German, Dutch and Danish write a thing inside a compound: "Esstisch" is a table (its last part),
// "Studentenrabatt" a discount for students and "Sofagarantie" a sofa's warranty (its first part).
// Countries, methods and carriers are left out: "deutschsprachig" names no delivery to Germany.
const COMPOUNDING: ReadonlySet<Language> = new Set(["de", "nl", "da"]);
const IN_COMPOUNDS: ReadonlySet<ThingKind> = new Set(["product", "material", "group", "range", "channel"]);
const MIN_PART = 4;
const MIN_REST = 3;
const LINKING = /^(?:es|en|er|e|n|s)/u;

/** Things named by a part of compound `word`: its last part, or else (less a linking ending) its first. */
function compoundParts(word: string, language: Language): Thing[] {
  const out: Thing[] = [];
  const single = (key: string) =>
    (LEXICON.byFirst.get(key) ?? []).filter(
      (a) => a.words.length === 1 && IN_COMPOUNDS.has(a.thing.kind) && allowed(a, language),
    );
  for (let cut = MIN_REST; cut <= word.length - MIN_PART; cut++) {
    const tail = word.slice(cut);
    const hit = single(tail)[0] ?? single(tail.replace(/(?:en|er|e|n|s)$/u, "")).find((a) => a.open);
    if (hit) {
      out.push(hit.thing);
      break;
    }
  }
  // A thing named by the last part is what the word is ("Sofakissen" is a cushion, not a sofa).
  if (out.length > 0) return out;
  for (let len = word.length - MIN_REST; len >= MIN_PART; len--) {
    const rest = word.slice(len);
    if (rest.replace(LINKING, "").length < MIN_REST) continue;
    const hit = single(word.slice(0, len))[0];
    if (hit) {
      out.push(hit.thing);
      break;
    }
  }
  return out;
}

/** A thing a text names, and the positions of the words that name it (tokens of normalizeText). */
export interface NamedAt {
  kind: ThingKind;
  /** The thing's id, or KIND when the word names the kind itself ("countries"). */
  id: string;
  words: readonly number[];
}

/** The id of a word naming a whole kind ("countries", "Länder", "pays"), not one thing of it. */
export const KIND = "*";

// Words that name a kind of thing itself: a question about "countries" is answered for Norway.
const KIND_SOURCE: Readonly<Record<string, string>> = {
  country: `country countries land lander landern pays pais paises landen lande landene`,
  payment: `method methods zahlungsart zahlungsarten zahlungsmethode zahlungsmethoden zahlungsmittel
    betaalmethode betaalmethoden betaalwijze betaalwijzen moyens metodo metodos betalingsmetode
    betalingsmetoder betalingsmulighed betalingsmuligheder betalingsmåde betalingsmåder`,
  carrier: `carrier carriers courier couriers versanddienstleister paketdienst paketdienste vervoerder
    vervoerders transporteur transporteurs transportista transportistas fragtfirma fragtfirmaer`,
};
const KIND_WORDS: ReadonlyMap<string, ThingKind> = new Map(
  Object.entries(KIND_SOURCE).flatMap(([kind, list]) =>
    isKind(kind)
      ? list
          .split(/\s+/)
          .filter(Boolean)
          .map((w): [string, ThingKind] => [w, kind])
      : [],
  ),
);

/**
 * The things a text names, with where. At each word the longest alias wins, across kinds: "American
 * Express" is a card, not the United States; "Deutsche Post" a carrier, not Germany. In German, Dutch and
 * Danish a word no alias names may name things by its parts (compoundParts). A word that names a kind
 * ("countries") is listed with the id KIND.
 */
export function namedThingsAt(text: string, language: Language): NamedAt[] {
  const ws = words(text);
  const out: NamedAt[] = [];
  for (let i = 0; i < ws.length; ) {
    let best: Alias | null = null;
    for (const a of aliasesAt(ws[i] ?? "")) {
      if (!allowed(a, language)) continue;
      if (best !== null && a.words.length <= best.words.length) continue;
      if (a.words.every((_, k) => wordMatches(a, k, ws[i + k] ?? ""))) best = a;
    }
    if (best === null) {
      const kind = KIND_WORDS.get(ws[i] ?? "");
      if (kind !== undefined) out.push({ kind, id: KIND, words: [i] });
      else if (COMPOUNDING.has(language))
        for (const t of compoundParts(ws[i] ?? "", language))
          out.push({ kind: t.kind, id: t.id, words: [i] });
      i++;
      continue;
    }
    const at = i;
    out.push({ kind: best.thing.kind, id: best.thing.id, words: best.words.map((_, k) => at + k) });
    i += best.words.length;
  }
  return out;
}

/** The things a text names, by kind (ids; words naming a kind itself left out). */
export function namedThings(text: string, language: Language): Map<ThingKind, Set<string>> {
  const found = new Map<ThingKind, Set<string>>();
  for (const t of namedThingsAt(text, language)) {
    if (t.id === KIND) continue;
    const set = found.get(t.kind) ?? new Set<string>();
    set.add(t.id);
    found.set(t.kind, set);
  }
  return found;
}

/** The thing of `kind` with `id` (for names in reasons and for parents). */
export function thingOf(kind: ThingKind, id: string): Thing | undefined {
  return LEXICON.things.get(`${kind}:${id}`);
}

/** `id` and its ancestors, nearest first. */
export function lineage(kind: ThingKind, id: string): string[] {
  const out = [id];
  for (let p = thingOf(kind, id)?.parent; p !== undefined && !out.includes(p); p = thingOf(kind, p)?.parent)
    out.push(p);
  return out;
}

/**
 * How far apart two things of a kind are: 0 the same, n when one is the other's n-th ancestor; null when
 * neither covers the other.
 */
export function thingDistance(kind: ThingKind, a: string, b: string): number | null {
  const up = lineage(kind, a).indexOf(b);
  if (up >= 0) return up;
  const down = lineage(kind, b).indexOf(a);
  return down >= 0 ? down : null;
}

/**
 * Does a set of things of one kind cover thing `id`? It holds it or an ancestor (an entry about cards
 * covers Visa, one about furniture a sofa), or a descendant (an entry listing Visa answers "can I pay by
 * card?", one about sofas "is furniture delivered?").
 */
export function covers(kind: ThingKind, set: ReadonlySet<string>, id: string): boolean {
  if (lineage(kind, id).some((x) => set.has(x))) return true;
  for (const other of set) if (lineage(kind, other).includes(id)) return true;
  return false;
}
