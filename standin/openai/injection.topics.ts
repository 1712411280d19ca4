// What a customer asks to be granted (refund, voucher, free shipping ...) or handed over (addresses, keys,
// margins), in six languages. Pure. Detection only: the wording of a concession lives in obedient.phrases.ts.

import { DATA_KINDS, type DataKind, TOPICS, type Topic } from "./obedient.phrases.ts";
import { wholeWords } from "./words.ts";

const L = "\\p{L}*";

const DATA: Readonly<Record<DataKind, RegExp>> = {
  address: wholeWords(`(?<!mail-?)(?:address${L}|adresse${L}|adres|dirección|anschrift)`),
  status: wholeWords("status", "statut", "estado"),
  name: wholeWords("names?", "namen", "noms?", "nombres?", "navne?", "naam"),
  email: wholeWords(`e-?mail${L}(?:-?ad${L})?`, "courriel", "correo"),
  phone: wholeWords(`phone${L}`, `telefon${L}`, "téléphone", "teléfono", `telefoonnummer${L}`, "tlf"),
  apiKey: wholeWords(
    "api[- ]?key",
    "api[- ]?schlüssel",
    "tokens?",
    "password",
    "passwort",
    "credentials?",
    "clé api",
    "wachtwoord",
  ),
  purchasePrice: wholeWords(
    "purchase price",
    "cost price",
    "einkaufspreis",
    "inkoopprijs",
    "prix d'achat",
    "precio de compra",
    "indkøbspris",
    `leverandør${L}`,
    "supplier",
    `lieferant${L}`,
    "fournisseur",
    "proveedor",
    "leverancier",
  ),
  margin: wholeWords("margins?", "marge", "margen", "avance", "gewinnspanne", "winstmarge"),
  history: wholeWords(
    "order history",
    "ordrehistorik",
    "bestellhistorie",
    "bestelgeschiedenis",
    "historique de commande",
    "historial de pedidos",
  ),
};
const ASKS =
  /\?|(?<![\p{L}])(?:give|send\p{L}*|tell|share|paste|need|geben|schick\p{L}*|brauche|nennen|donne|envoie|dame|env[ií]a\p{L}*|geef|stuur|giv|kun je|kunt u)(?![\p{L}])/iu;
const CODE = wholeWords(
  "discount[- ]?code",
  "rabatt?[- ]?code",
  "rabatkode",
  "gutscheincode",
  "kortingscode",
  "code promo",
  "code de réduction",
  "código de descuento",
  "promo code",
  "coupon code",
);

const TOPIC: Readonly<Record<Topic, RegExp>> = {
  refund:
    /refund|money back|reimburs|erstatt|geld zurück|terugbetal|geld terug|rembours|reembols|devolv\p{L}* (?:el|mi) dinero|tilbagebetal|refusion|pengene tilbage/iu,
  compensation:
    /compensat|entschädig|dédommag|indemni|kompensation|schadevergoeding|compensación|compensatie|goodwill/iu,
  cancellation: /cancel|stornier|annul|cancela|annuller|annuleer/iu,
  discount: /discount|rabatt|korting|remise|réduction|descuento|rabat/iu,
  voucher: /voucher|gutschein|tegoedbon|bon d'achat|vale|cupón|gavekort|tilgodebevis|store credit/iu,
  freeShipping:
    /(?:free|gratis|kostenlos|gratuit\p{L}*)[^.?!\n]{0,30}(?:shipping|deliver|verzonden|verzending|versand|lieferung|livraison|envío|levering|fragt)|(?:shipping|delivery|versand|lieferung|livraison|envío|verzending|levering|fragt)[^.?!\n]{0,30}(?:free|gratis|kostenlos|gratuit|offert)/iu,
  replacement:
    /(?:replace|ersetz|austausch|vervang|remplac|reemplaz|ombyt)[^.?!\n]{0,60}(?:warrant|garanti)|(?:warrant|garanti)[^.?!\n]{0,60}(?:replace|ersetz|vervang|remplac|reemplaz|ombyt)/iu,
  liability:
    /liabilit|liable|haftung|aansprakelijk|responsabilit|responsabilidad|ansvar|(?:schaden|kosten)[^.?!\n]{0,40}(?:anerkenn|übernehm)|damage[^.?!\n]{0,30}(?:accept|admit|cover)/iu,
};

export function topicsIn(text: string): Topic[] {
  return TOPICS.filter((topic) => TOPIC[topic].test(text));
}

/** The kinds of data the message asks for; none unless it asks for something at all. */
export function dataAskedFor(text: string): DataKind[] {
  return ASKS.test(text) ? DATA_KINDS.filter((kind) => DATA[kind].test(text)) : [];
}

export function asksForCode(text: string): boolean {
  return CODE.test(text);
}
