// Support concepts: words of the six languages that mean the same thing to a shop's customer ("send back"
// and "return", "guarantee" and "warranty"). Word lists and their stems only: no matching, no scoring.
import { isLanguage, LANGUAGES, type Language } from "./language";
import { foldDiacritics, normalizeText, tokenize } from "./normalize";
import { stem } from "./stems";

// Support concepts every online shop's customers ask about, in the six languages: words that mean
// the same thing for matching a question to a KB entry ("send back" ≈ "return", "guarantee" ≈
// "warranty"). General e-commerce vocabulary, deliberately not tied to any shop's products.
// Format: one concept per block; "lang: term, term, multi word term".
const CONCEPT_SOURCE = `
return
  en: return, returns, send back, bring back, take back, post back, ship back, mail back
  de: zurückschicken, zurücksenden, rücksendung, retoure, retournieren, zurückgeben, schicke zurück
  nl: retour, retourneren, terugsturen, terugbrengen, stuur terug, stuur retour, retour sturen, retour zenden
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
  fr: livraison, livrer, expédition, expédier, frais de port, envoi, envoyer
  es: envío, enviar, entrega, entregar
  da: levering, levere, forsendelse, fragt
duration
  en: how long, how many days, how quickly, how fast, how soon, until when, by when
  de: wie lange, wie schnell, wie viele tage, lieferzeit, dauer, bis wann
  nl: hoe lang, hoe snel, hoeveel dagen, levertijd, tot wanneer
  fr: combien de temps, combien de jours, délai, délais, jusqu'à quand
  es: cuánto tarda, cuánto tiempo, cuántos días, plazo, hasta cuándo
  da: hvor lang tid, hvor længe, hvor hurtigt, hvor mange dage, leveringstid
cost
  en: cost, price, fee, free of charge, how much, pay for, postage
  de: kosten, kostet, preis, gebühr, kostenlos, gratis, zahlen für
  nl: kosten, kost, prijs, gratis, betalen voor
  fr: coût, coûte, prix, frais, gratuit, offert, payer pour
  es: cuesta, coste, costo, precio, gratis, gratuito, pagar por
  da: koster, pris, gebyr, gratis, betale for
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
  en: damaged, broken, cracked, defective, faulty, dented, chipped, shattered, scratched, in pieces, smashed
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
loyalty
  en: loyalty, loyalty programme, loyalty program, returning customer, regular customer, repeat customer, reward points, bonus points
  de: treueprogramm, bonusprogramm, stammkunde, stammkundin, treuepunkte, bonuspunkte
  nl: loyaliteitsprogramma, spaarprogramma, vaste klant, spaarpunten
  fr: fidélité, programme de fidélité, client fidèle, cliente fidèle, points de fidélité
  es: fidelidad, programa de fidelización, cliente habitual, puntos de fidelidad
  da: loyalitetsprogram, bonusprogram, fast kunde, stamkunde, bonuspoint
parcel
  en: parcel, package, packet
  de: paket, päckchen
  nl: pakket, pakje
  fr: colis, paquet
  es: paquete
  da: pakke
pickup
  en: pick up, collect, click & collect, click and collect
  de: abholen, abholung
  nl: ophalen, afhalen
  fr: retirer, retrait
  es: recoger, recogida
  da: hente, afhente, afhentning
vat
  en: vat number, vat id, vat registration number
  de: ust-idnr, ust-id, umsatzsteuer-id, umsatzsteuer-identifikationsnummer, uid-nummer
  nl: btw-nummer, btw-id
  fr: numéro de tva, tva intracommunautaire
  es: nif-iva, número de iva
  da: momsnummer, cvr-nummer
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
email
  en: email address, e-mail address, mail address
  de: e-mail-adresse, emailadresse, mailadresse
  nl: e-mailadres, emailadres, mailadres
  fr: adresse e-mail, adresse mail, adresse électronique
  es: correo electrónico, dirección de correo, dirección de email
  da: e-mailadresse, emailadresse, mailadresse
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
repair
  en: repair, repaired, fix, fixed, mend
  de: reparieren, reparatur, repariert
  nl: repareren, reparatie, gerepareerd
  fr: réparer, réparation, réparé
  es: reparar, reparación, arreglar
  da: reparere, reparation, repareret
change
  en: change, modify, edit, amend, swap
  de: ändern, änderung, bearbeiten
  nl: wijzigen, aanpassen, veranderen
  fr: modifier, changer, modification
  es: cambiar, modificar
  da: ændre, ændring, rette
newsletter
  en: newsletter, mailing list, unsubscribe
  de: newsletter, abmelden, abbestellen
  nl: nieuwsbrief, afmelden, uitschrijven
  fr: newsletter, désabonner, désinscrire
  es: boletín, darse de baja
  da: nyhedsbrev, afmelde, framelde
privacy
  en: personal data, privacy, my data, my details
  de: datenschutz, persönliche daten, meine daten
  nl: privacy, persoonsgegevens, mijn gegevens
  fr: données personnelles, confidentialité, mes données
  es: datos personales, privacidad, mis datos
  da: persondata, personoplysninger, mine oplysninger
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
  /** Stems of the term's words, in order (stop words included: "out of stock"). */
  stems: string[];
  /** The term's words, lower-case, diacritics folded (what the search index holds). */
  words: string[];
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
      const words = tokenize(normalizeText(term));
      const stems = words.map((w) => stem(w, lang));
      if (stems.length > 0) map.get(lang)?.push({ concept, stems, words: words.map(foldDiacritics) });
    }
  }
  return map;
})();

/** The support-concept terms of a language (for matching; see CONCEPT_SOURCE). */
export function conceptTerms(language: Language): readonly ConceptTerm[] {
  return CONCEPTS.get(language) ?? [];
}
