// The matching vocabulary of the six languages: stop words, a light stemmer and the support concepts
// ("send back" ≈ "return"). Pure word lists and string functions: no I/O, no language detection.
import { FUNCTION_WORDS, isLanguage, LANGUAGES, type Language, listWords } from "./language";
import { foldDiacritics } from "./normalize";

const STOP_WORDS: ReadonlySet<string> = new Set(LANGUAGES.flatMap((lang) => listWords(FUNCTION_WORDS[lang])));

/** A function word or greeting of any of the six languages (diacritic-folded, lower-case input). */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

// Light stemming: strip one common inflectional or derivational suffix, longest first, keeping at
// least four letters. Crude on purpose: stems feed prefix searches ("deliver*" finds "delivery"
// and "delivered"), not a dictionary.
const SUFFIX_SOURCE: Readonly<Record<Language, string>> = {
  en: "ations ation ments ment ings ing ies ied ers ed es er ly s e y",
  de: "ungen ung heiten heit keiten keit lichen lich ern em en er es e n s",
  fr: "issements issement aisons aison ements ement ations ation euses euse eurs eur ées ée és é es er ez e s x",
  es: "aciones ación amientos amiento mente idades idad ados adas idos idas ado ada ido ida ar er ir es os as a o e s",
  nl: "heden heid ingen ing tjes tje lijk en er e s",
  da: "erne ende else ene hed er en et e s",
};
// Longest first within each language, as written; folded like the words they are stripped from.
const SUFFIXES: ReadonlyMap<Language, readonly string[]> = new Map(
  LANGUAGES.map((l) => [l, SUFFIX_SOURCE[l].split(" ").map(foldDiacritics)]),
);
const MIN_STEM = 4;

/** Stem of a lower-case, diacritic-folded word in the given language (the word itself if short). */
export function stem(word: string, language: Language): string {
  if (word.length <= MIN_STEM || /\d/.test(word)) return word;
  let out = word;
  for (const folded of SUFFIXES.get(language) ?? []) {
    const rest = word.length - folded.length;
    // Three letters may stay when a long suffix goes ("payment" → "pay"), never for "-s" ("news").
    if (word.endsWith(folded) && (rest >= MIN_STEM || (rest >= 3 && folded.length >= 3))) {
      out = undouble(word.slice(0, -folded.length));
      break;
    }
  }
  // Dutch writes a long vowel twice only in a closed syllable: "stuur" and "sturen" share "stur".
  return language === "nl"
    ? out.replace(/(aa|ee|oo|uu)([^aeiou])$/, (_m, v: string, c: string) => v[0] + c)
    : out;
}

// "shipp" → "ship", "butikk" → "butik": a doubled final consonant left by the suffix.
function undouble(s: string): string {
  return /([bdgkmnprt])\1$/.test(s) && s.length > MIN_STEM ? s.slice(0, -1) : s;
}

// Support concepts every online shop's customers ask about, in the six languages: words that mean
// the same thing for matching a question to a KB entry ("send back" ≈ "return", "guarantee" ≈
// "warranty"). General e-commerce vocabulary, deliberately not tied to any shop's products.
// Format: one concept per block; "lang: term, term, multi word term".
const CONCEPT_SOURCE = `
return
  en: return, returns, send back, bring back, take back
  de: zurückschicken, zurücksenden, rücksendung, retoure, retournieren, zurückgeben, schicke zurück
  nl: retour, retourneren, terugsturen, terugbrengen, stuur terug
  fr: retour, retourner, renvoyer, rapporter
  es: devolver, devolución, devolverlo
  da: returnere, returnering, retur, sende tilbage
refund
  en: refund, money back, reimburse, pay back
  de: erstattung, rückerstattung, erstatten, geld zurück
  nl: terugbetaling, terugbetalen, geld terug
  fr: remboursement, rembourser
  es: reembolso, reembolsar, devolución del dinero
  da: refusion, tilbagebetaling, penge tilbage
delivery
  en: delivery, deliver, shipping, ship, shipment, postage
  de: lieferung, liefern, versand, versenden, zustellung
  nl: bezorging, bezorgen, levering, leveren, verzending, verzenden
  fr: livraison, livrer, expédition, expédier, frais de port
  es: envío, enviar, entrega, entregar
  da: levering, levere, forsendelse, fragt
duration
  en: how long, how many days, how quickly, how fast, how soon
  de: wie lange, wie schnell, wie viele tage, lieferzeit, dauer
  nl: hoe lang, hoe snel, hoeveel dagen, levertijd
  fr: combien de temps, combien de jours, délai, délais
  es: cuánto tarda, cuánto tiempo, cuántos días, plazo
  da: hvor lang tid, hvor hurtigt, hvor mange dage, leveringstid
cost
  en: cost, price, fee, free of charge, how much, pay for
  de: kosten, kostet, preis, gebühr, kostenlos, gratis
  nl: kosten, kost, prijs, gratis
  fr: coût, coûte, prix, frais, gratuit, offert
  es: cuesta, coste, costo, precio, gratis, gratuito
  da: koster, pris, gebyr, gratis
warranty
  en: warranty, guarantee
  de: garantie, gewährleistung
  nl: garantie
  fr: garantie
  es: garantía
  da: garanti, reklamation
tracking
  en: track, tracking, trace
  de: sendungsverfolgung, verfolgen, sendungsnummer
  nl: track, volgen, volgcode
  fr: suivi, suivre
  es: seguimiento, rastrear, rastreo
  da: spore, sporing, track
lost
  en: lost, missing, gone missing, stuck, not arrived
  de: verloren, verschwunden, nicht angekommen, vermisst
  nl: kwijt, verloren, vermist, niet aangekomen
  fr: perdu, disparu, pas arrivé, bloqué
  es: perdido, extraviado, no ha llegado
  da: forsvundet, mistet, tabt, ikke ankommet
damaged
  en: damaged, broken, cracked, defective, faulty, dented, chipped, shattered, scratched
  de: beschädigt, kaputt, defekt, zerbrochen, gebrochen, zerkratzt
  nl: beschadigd, kapot, gebroken, defect
  fr: endommagé, cassé, abîmé, fissuré, défectueux
  es: dañado, roto, rota, defectuoso
  da: beskadiget, ødelagt, itu, defekt, revnet
stock
  en: out of stock, sold out, in stock, restock, available again, back in stock, backorder, pre-order
  de: ausverkauft, nicht vorrätig, wieder verfügbar, nicht lieferbar, auf lager
  nl: uitverkocht, niet op voorraad, weer op voorraad, weer leverbaar
  fr: rupture de stock, épuisé, de nouveau disponible, en stock
  es: agotado, sin stock, disponible de nuevo, en stock
  da: udsolgt, ikke på lager, på lager igen
discount
  en: discount, coupon, voucher, promo code
  de: rabatt, gutschein, rabattcode
  nl: korting, kortingscode
  fr: réduction, remise, code promo
  es: descuento, cupón
  da: rabat, rabatkode
password
  en: password, log in, login, sign in
  de: passwort, kennwort, anmelden, einloggen
  nl: wachtwoord, inloggen
  fr: mot de passe, connecter, connexion
  es: contraseña, iniciar sesión
  da: adgangskode, kodeord, logge ind
invoice
  en: invoice, receipt
  de: rechnung, quittung, beleg
  nl: factuur
  fr: facture, reçu
  es: factura, recibo
  da: faktura, kvittering
address
  en: address, delivery address, shipping address
  de: adresse, lieferadresse, anschrift
  nl: adres, bezorgadres, afleveradres
  fr: adresse, adresse de livraison
  es: dirección, dirección de envío, dirección de entrega
  da: adresse, leveringsadresse
payment
  en: payment, paying, credit card
  de: bezahlen, zahlen, zahlung, kreditkarte
  nl: betalen, betaling, afrekenen, creditcard
  fr: payer, paiement, carte bancaire
  es: pagar, pago, tarjeta
  da: betale, betaling, kreditkort
opening
  en: opening hours, showroom, store, shop
  de: geöffnet, öffnungszeiten, offen, filiale, laden, geschäft
  nl: geopend, openingstijden, winkel
  fr: ouvert, horaires, magasin, boutique
  es: abierto, horario, tienda
  da: åben, åbent, åbningstider, butik
`;

export interface ConceptTerm {
  concept: string;
  /** Stems of the term's words, in order. */
  stems: string[];
}

const CONCEPTS: ReadonlyMap<Language, readonly ConceptTerm[]> = (() => {
  const map = new Map<Language, ConceptTerm[]>(LANGUAGES.map((l) => [l, []]));
  let concept = "";
  for (const line of CONCEPT_SOURCE.split("\n")) {
    const entry = /^\s+([a-z]{2}):\s*(.+)$/.exec(line);
    if (!entry) {
      if (line.trim()) concept = line.trim();
      continue;
    }
    const [, lang = "", terms = ""] = entry;
    if (!isLanguage(lang)) continue;
    for (const term of terms.split(",")) {
      const stems = listWords(term).map((w) => stem(w, lang));
      if (stems.length > 0) map.get(lang)?.push({ concept, stems });
    }
  }
  return map;
})();

/** The support-concept terms of a language (for matching; see CONCEPT_SOURCE). */
export function conceptTerms(language: Language): readonly ConceptTerm[] {
  return CONCEPTS.get(language) ?? [];
}
