// Named things of a kind a shop's customers name (countries, payment methods, carriers, gift cards), in the six
// languages: which ones a text names. Word lists and a matcher only: no ranking, no decision (kb.rank.ts).
import type { Language } from "./language";
import { foldDiacritics, normalizeText, tokenize } from "./normalize";

export type ThingKind = "country" | "payment" | "carrier" | "voucher";

// One kind per block, one thing a line: `id[^parent] Display name: alias, alias, ...`. An alias is
// one or more words (consecutive in the text); a trailing `*` lets its last word take up to three more
// letters (adjective endings: "deutsch*" is deutsche, deutschen, deutscher). `{de nl}` keeps an alias
// to those languages, `{-en}` keeps it out of them: English "island" and "suede", German "sofort",
// "ups" and "Malte" are everyday words. A parent is a wider thing that covers its children ("card" and
// Visa). Names only, no shop's products; which countries or methods a shop serves is the KB's business.
// A gift card is the one kind of goods listed: every shop may sell one, and it is delivered, returned
// and paid for unlike the goods an entry about delivery or returns has in mind.
const THING_SOURCE = `
country
  AT Austria: austria, austrian, österreich, österreichisch*, autriche, autrichien*, austriaco*, austríaco*, oostenrijk, oostenrijks*, østrig, østrigsk*
  BE Belgium: belgium, belgian, belgien, belgisch*, belgique, belge*, bélgica, belga*, belgië, belgisk*
  BG Bulgaria: bulgaria, bulgarian, bulgarien, bulgarie, bulgarije
  HR Croatia: croatia, croatian, kroatien, croatie, croacia, kroatië
  CY Cyprus: cyprus, zypern, chypre, chipre, cypern
  CZ Czechia: czechia, czech republic, czech, tschechien, tschechisch*, tchéquie, république tchèque, chequia, república checa, tsjechië, tjekkiet
  DK Denmark: denmark, danish, dänemark, dänisch*, danemark, danois*, dinamarca, danés*, denemarken, deens*, danmark, dansk*
  EE Estonia: estonia, estland, estonie
  FI Finland: finland, finnish, finnland, finlande, finlandia
  FR France: france, french, frankreich, französisch*, français*, francia, francés*, frankrijk, frans*, frankrig, fransk*
  DE Germany: germany, german, deutschland, deutsch*, allemagne, allemand*, alemania, alemán*, duitsland, duits*, tyskland, tysk*
  GR Greece: greece, greek, griechenland, griechisch*, grèce, grec*, grecia, griego*, griekenland, grieks*, grækenland, græsk*
  HU Hungary: hungary, hungarian, ungarn, hongrie, hungría, hongarije
  IE Ireland: ireland, irish, irland, irlande, irlanda, ierland
  IT Italy: italy, italian, italien, italienisch*, italie, italia, italiano*, italië, italiaans*, italiensk*
  LV Latvia: latvia, lettland, lettonie, letonia, letland
  LT Lithuania: lithuania, litauen, lituanie, lituania, litouwen
  LU Luxembourg: luxembourg, luxemburg, luxemburgo
  MT Malta: malta, malte{fr}
  NL Netherlands: netherlands, holland, dutch, niederlande, niederländisch*, holländisch*, pays bas, néerlandais*, hollandais*, hollande, países bajos, holanda, holandés*, neerlandés*, nederland, nederlands*, hollands*, nederlandene, nederlandsk*, hollandsk*
  PL Poland: poland, polen, pologne, polonia, polnisch*, polonais*, polaco*, pools{nl}, polsk*
  PT Portugal: portugal, portuguese, portugiesisch*, portugais*, portugués*, portugees*, portugisisk*
  RO Romania: romania, rumänien, roumanie, rumanía, roemenië, rumænien
  SK Slovakia: slovakia, slowakei, slovaquie, eslovaquia, slowakije, slovakiet
  SI Slovenia: slovenia, slowenien, slovénie, eslovenia, slovenië, slovenien
  ES Spain: spain, spanish, spanien, spanisch*, espagne, espagnol*, españa, español*, spanje, spaans*, spansk*
  SE Sweden: sweden, swedish, schweden, schwedisch*, suède{-en}, suédois*, suecia, sueco*, zweden, zweeds*, sverige, svensk*
  IS Iceland: iceland, icelandic, island{de nl da}, islande, islandia, ijsland
  LI Liechtenstein: liechtenstein
  NO Norway: norway, norwegian, norwegen, norwegisch*, norvège, norvégien*, noruega, noruego*, noorwegen, noors*, norge, norsk*
  CH Switzerland: switzerland, swiss, schweiz, schweizer*, schweizerisch*, suisse*, suiza, suizo*, zwitserland, zwitsers*, schweizisk*
  GB United Kingdom: united kingdom, uk, great britain, britain, british, england, scotland, wales, northern ireland, vereinigtes königreich, großbritannien, britisch*, royaume uni, angleterre, grande bretagne, britannique*, reino unido, inglaterra, gran bretaña, británico*, verenigd koninkrijk, groot brittannië, engeland, brits*, storbritannien, britisk*
  US United States: usa, united states, america, american, vereinigte staaten, amerika, états unis, estados unidos, verenigde staten, amerikanisch*, américain*, americano*, amerikaans*, amerikansk*
  CA Canada: canada, kanada, canadian, kanadisch*, canadien*, canadiense*, canadees*, canadisk*
payment
  card Card: credit card, debit card, bank card, by card, kreditkarte, debitkarte, ec karte, girocard, bankkarte, per karte, mit karte, carte bancaire, carte de crédit, carte de débit, carte bleue, par carte, tarjeta de crédito, tarjeta de débito, tarjeta bancaria, con tarjeta, creditcard, debitcard, betaalpas, pinpas, bankpas, kreditkort, betalingskort, debetkort
  visa^card Visa: visa
  mastercard^card Mastercard: mastercard, master card
  amex^card American Express: american express, amex
  maestro^card Maestro: maestro{-es}
  dankort^card Dankort: dankort
  paypal PayPal: paypal, pay pal
  klarna Klarna: klarna
  mobilepay MobilePay: mobilepay, mobile pay
  ideal iDEAL: ideal{nl}, with ideal, via ideal, by ideal, mit ideal, per ideal, über ideal, avec ideal, par ideal, con ideal, met ideal, med ideal
  bancontact Bancontact: bancontact, mister cash, mistercash
  applepay Apple Pay: apple pay, applepay
  googlepay Google Pay: google pay, googlepay, gpay
  sepa SEPA: sepa
  debit Direct debit: direct debit, lastschrift, sepa lastschrift, bankeinzug, prélèvement, domiciliation, domiciliación, adeudo directo, incasso, automatische incasso, betalingsservice
  transfer Bank transfer: bank transfer, wire transfer, überweisung, banküberweisung, vorkasse, virement, virement bancaire, transferencia, transferencia bancaria, overschrijving, bankoverschrijving, bankoverførsel
  sofort Sofort: sofort{-de}, sofortüberweisung, sofort überweisung, sofort banking
  giropay giropay: giropay
  swish Swish: swish
  vipps Vipps: vipps
  twint TWINT: twint
  trustly Trustly: trustly
  paysafecard paysafecard: paysafecard
  cod Cash on delivery: cash on delivery, pay on delivery, nachnahme, contre remboursement, paiement à la livraison, contra reembolso, contrareembolso, rembours, onder rembours, efterkrav
  cash Cash: cash{en}, bargeld, barzahlung, espèces, en liquide, efectivo, en metálico, contant, contanten, kontant, kontanter
  crypto Cryptocurrency: crypto, cryptocurrency, bitcoin, kryptowährung, krypto, cryptomonnaie, criptomoneda, cryptovaluta, kryptovaluta
  invoice Pay by invoice: by invoice, on invoice, pay later, auf rechnung, per rechnung, rechnungskauf, op factuur, achteraf betalen, sur facture, par facture, på faktura
carrier
  dhl DHL: dhl
  ups UPS: ups{-de -nl -da}
  gls GLS: gls
  dpd DPD: dpd
  postnord PostNord: postnord, post nord
  fedex FedEx: fedex, fed ex
  tnt TNT: tnt
  bpost bpost: bpost
  postnl PostNL: postnl, post nl
  hermes Hermes: hermes, evri
  deutschepost Deutsche Post: deutsche post, deutschen post
  austrianpost Austrian Post: österreichische post
  swisspost Swiss Post: swiss post
  laposte La Poste: la poste, colissimo
  chronopost Chronopost: chronopost
  mondialrelay Mondial Relay: mondial relay
  seur SEUR: seur
  royalmail Royal Mail: royal mail
  budbee Budbee: budbee
  instabox Instabox: instabox
voucher
  giftcard Gift card: gift card*, giftcard*, e gift card*, gift voucher*, gift certificate*, geschenkkarte*, geschenkgutschein*, geschenkkarten, cadeaukaart*, cadeaubon*, carte cadeau*, cartes cadeau*, bon cadeau*, bons cadeau*, chèque cadeau*, chèques cadeau*, tarjeta regalo, tarjetas regalo, tarjeta de regalo, tarjetas de regalo, cheque regalo, gavekort*
`;

export interface Thing {
  kind: ThingKind;
  id: string;
  name: string;
  /** A wider thing that covers this one ("card" for Visa). */
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
    const head = /^(country|payment|carrier|voucher)$/.exec(line.trim());
    if (head) {
      kind = head[1] as ThingKind;
      continue;
    }
    const m = /^\s+([\w-]+)(?:\^([\w-]+))?\s+([^:]+):\s*(.+)$/u.exec(line);
    if (!m) continue;
    const [, id = "", parent, name = "", list = ""] = m;
    const thing: Thing = { kind, id, name: name.trim(), ...(parent ? { parent } : {}) };
    things.set(`${kind}:${id}`, thing);
    for (const raw of list.split(",")) {
      const spec = /^\s*([^{]+?)(\*)?\s*(?:\{([^}]*)\})?\s*$/u.exec(raw);
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

/**
 * The things a text names, by kind (ids). At each word the longest alias wins, across kinds: "American
 * Express" is a card, not the United States; "Deutsche Post" a carrier, not Germany.
 */
export function namedThings(text: string, language: Language): Map<ThingKind, Set<string>> {
  const ws = words(text);
  const found = new Map<ThingKind, Set<string>>();
  for (let i = 0; i < ws.length; ) {
    let best: Alias | null = null;
    for (const a of aliasesAt(ws[i] ?? "")) {
      if (a.only && !a.only.has(language)) continue;
      if (a.except?.has(language)) continue;
      if (best !== null && a.words.length <= best.words.length) continue;
      if (a.words.every((_, k) => wordMatches(a, k, ws[i + k] ?? ""))) best = a;
    }
    if (best === null) {
      i++;
      continue;
    }
    const set = found.get(best.thing.kind) ?? new Set<string>();
    set.add(best.thing.id);
    found.set(best.thing.kind, set);
    i += best.words.length;
  }
  return found;
}

/** The thing of `kind` with `id` (for names in reasons and for parents). */
export function thingOf(kind: ThingKind, id: string): Thing | undefined {
  return LEXICON.things.get(`${kind}:${id}`);
}

/**
 * Does a set of things of one kind cover thing `id`? It holds it, its parent (an entry about cards
 * covers Visa), or one of its children (an entry listing Visa answers "can I pay by card?").
 */
export function covers(kind: ThingKind, set: ReadonlySet<string>, id: string): boolean {
  if (set.has(id)) return true;
  const parent = thingOf(kind, id)?.parent;
  if (parent !== undefined && set.has(parent)) return true;
  for (const other of set) if (thingOf(kind, other)?.parent === id) return true;
  return false;
}
