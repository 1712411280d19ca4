// Word lists of the support concepts (concepts.ts reads them): data only.

// Support concepts every online shop's customers ask about, in the six languages: words that mean
// the same thing for matching a question to a KB entry ("send back" ≈ "return", "guarantee" ≈
// "warranty"). General e-commerce vocabulary, deliberately not tied to any shop's products.
// Format: one concept per block, its name alone on a line (or "name = concept concept" for a term that
// says several: postage is a delivery and a cost); then "lang: term, term, multi word term".
export const CONCEPT_SOURCE = `
return
  en: return, returns, send back, bring back, take back, post back, ship back, mail back, sent back, shipped back, posted back, mailed back, brought back, go back, goes back
  de: zurückschicken, zurücksenden, rücksendung, retoure, retournieren, zurückgeben, schicke zurück
  nl: retour, retourneren, terugsturen, terugbrengen, stuur terug, stuur retour, retour sturen, retour zenden
  fr: retour, retourner, renvoyer, rapporter
  es: devolver, devolución, devolverlo
  da: returnere, returnering, retur, sende tilbage
refund
  en: refund, money back, reimburse, pay back, paid back, pay me back, credited back, get it back
  de: erstattung, rückerstattung, erstatten, geld zurück, zurückerstattet, zurückgezahlt, zurückbezahlt, gutgeschrieben, gutschrift
  nl: terugbetaling, terugbetalen, geld terug, terugbetaald, teruggestort, terugstorten
  fr: remboursement, rembourser, recréditer, recrédité
  es: reembolso, reembolsar, devolución del dinero, devolver el dinero, devuelvan el dinero, dinero de vuelta
  da: refusion, tilbagebetaling, penge tilbage, tilbagebetalt, refunderet, refundere
delivery
  en: delivery, deliver, shipping, ship, shipment, courier, driver, send within, ship within, only send, sent by, send it by, send my order, send my orders, send orders, send it to, send them to, dispatch, send to, sent to, sent out, send abroad
  de: lieferung, liefern, versand, versenden, zustellung, kurier, paketdienst, verschicken, verschickt, schicken nach
  nl: bezorging, bezorgen, levering, leveren, verzending, verzenden, koerier, versturen, verstuurd, opsturen
  fr: livraison, livrer, expédition, expédier, frais de port, envoi, envoyer, transporteur, coursier
  es: envío, enviar, entrega, entregar, mensajero, mensajería, transportista
  da: levering, levere, forsendelse, fragt, fragtmand, kurér, sende til, sendt til, afsendt
duration
  en: how long, how much longer, how many days, how quickly, how fast, how soon, until when, by when
  de: wie lange, wie schnell, wie viele tage, lieferzeit, dauer, bis wann
  nl: hoe lang, hoe snel, hoeveel dagen, levertijd, tot wanneer
  fr: combien de temps, combien de jours, délai, délais, jusqu'à quand
  es: cuánto tarda, cuánto tiempo, cuántos días, plazo, hasta cuándo
  da: hvor lang tid, hvor længe, hvor hurtigt, hvor mange dage, leveringstid
cost
  en: cost, price, fee, free of charge, how much, how much do you charge, what do you charge, do you charge, how much do i pay, how much will i pay, what do i pay
  de: kosten, kostet, preis, gebühr, kostenlos, gratis, versandkostenfrei, bestellwert, mindestbestellwert, wie viel zahle, wie viel bezahle, was zahle ich
  nl: kosten, kost, prijs, gratis, hoeveel betaal, wat betaal ik
  fr: coût, coûte, prix, frais, gratuit, offert, combien je paie, combien vais je payer, combien dois je payer
  es: cuesta, coste, costo, precio, gratis, gratuito, cuánto pago, cuánto tengo que pagar, cuánto pagaré
  da: koster, pris, gebyr, gratis, hvor meget betaler, hvad betaler jeg
outofwarranty
  en: out of warranty, past its warranty, past the warranty, warranty is over, warranty has run out, warranty ran out, no longer under warranty, no longer covered, not covered by the warranty, not under warranty, warranty has expired, warranty expired, after the warranty, outside the warranty
  de: keine garantie mehr, garantie abgelaufen, nach ablauf der garantie, außerhalb der garantie, ausserhalb der garantie
  nl: buiten de garantie, geen garantie meer, garantie verlopen
  fr: hors garantie, plus sous garantie, garantie expirée, après la garantie
  es: fuera de garantía, sin garantía, garantía caducada, garantía vencida
  da: uden for garantien, ikke længere garanti, garantien er udløbet
shippingcost = delivery cost
  en: postage, shipping cost, shipping costs, delivery cost, delivery costs, delivery charge, shipping fee
  de: versandkosten, porto, lieferkosten, versandgebühr
  nl: verzendkosten, bezorgkosten, portokosten
  fr: frais de port, frais de livraison, frais d envoi
  es: gastos de envío, coste de envío, costes de envío, gastos de entrega
  da: fragtpris, forsendelsesomkostninger, leveringsomkostninger, porto
warranty
  en: warranty, guarantee, am i covered, is it covered, is this covered, years of cover, cover period
  de: garantie, gewährleistung
  nl: garantie
  fr: garantie
  es: garantía, está cubierta, está cubierto, años de cobertura, cobertura
  da: garanti, reklamation
tracking
  en: track, tracking, trace, follow parcel, follow package, follow order, follow shipment, follow delivery, follow where, follow it, track it, in transit, where is my parcel, where is my package, where is my order, where my parcel is, where my package is, where my order is, where the parcel is, where the package is
  de: sendungsverfolgung, verfolgen, sendungsnummer, sendungsstatus, wo ist mein paket, wo ist meine bestellung, wo mein paket ist, wo meine bestellung ist
  nl: track, volgen, volgcode, track en trace, waar is mijn pakket, waar is mijn bestelling, waar mijn pakket is, waar mijn bestelling is
  fr: suivi, suivre, en transit, où est mon colis, où est ma commande
  es: seguimiento, rastrear, rastreo, en tránsito, dónde está mi pedido, dónde está mi paquete
  da: spore, sporing, track, følge, hvor er min pakke, hvor er min ordre
lost
  en: lost, missing, gone missing, stuck, not arrived, never shows up, never arrives, never arrived, doesn't show up, hasn't shown up
  de: verloren, verschwunden, nicht angekommen, vermisst
  nl: kwijt, verloren, vermist, niet aangekomen
  fr: perdu, disparu, pas arrivé, bloqué
  es: perdido, extraviado, no ha llegado
  da: forsvundet, mistet, tabt, ikke ankommet
damaged
  en: damaged, broken, cracked, defective, faulty, dented, chipped, shattered, scratched, in pieces, smashed
  de: beschädigt, kaputt, defekt, zerbrochen, gebrochen, zerkratzt, schaden, schäden, beschädigung
  nl: beschadigd, kapot, gebroken, defect, schade, beschadiging
  fr: endommagé, cassé, abîmé, fissuré, défectueux
  es: dañado, roto, rota, defectuoso, daño, daños, desperfecto
  da: beskadiget, ødelagt, itu, defekt, revnet, skade, skadet, transportskade
stock
  en: out of stock, sold out, in stock, restock, available again, back in stock, backorder, pre-order
  de: ausverkauft, nicht vorrätig, wieder verfügbar, nicht lieferbar, auf lager
  nl: uitverkocht, niet op voorraad, weer op voorraad, weer leverbaar
  fr: rupture de stock, épuisé, de nouveau disponible, en stock
  es: agotado, sin stock, disponible de nuevo, en stock
  da: udsolgt, ikke på lager, på lager igen
discount
  en: discount, coupon, voucher, promo code, welcome offer, welcome gift, introductory offer
  de: rabatt, gutschein, rabattcode, willkommensangebot, willkommensgeschenk, begrüßungsangebot
  nl: korting, kortingscode, welkomstaanbieding, welkomstcadeau
  fr: réduction, remise, code promo, offre de bienvenue, cadeau de bienvenue
  es: descuento, cupón, oferta de bienvenida, regalo de bienvenida
  da: rabat, rabatkode, velkomsttilbud, velkomstgave
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
  nl: factuur, rekening
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
  en: change, modify, edit, amend, swap, fix the address, fix my address, fix a typo, fix the typo, correct the address, correct my address, correct it, correct that, correct this
  de: ändern, änderung, bearbeiten
  nl: wijzigen, aanpassen, veranderen
  fr: modifier, changer, modification
  es: cambiar, modificar
  da: ændre, ændring, rette
exchange
  en: exchange, trade for, replace it with, replace with, swap them for, swap it for, swap for, swap this for
  de: umtauschen, umtausch, tauschen, austauschen, eintauschen, umgetauscht
  nl: ruilen, omruilen, omwisselen, inruilen, geruild
  fr: échanger, échange, échangé
  es: cambiar por, cambiarlo por, cambiarla por, canjear, cambio por
  da: bytte, ombytte, ombytning, byttet
claim
  en: claim, make a claim, file a claim, warranty claim
  de: melden, geltend, geltend machen, reklamieren, einreichen, reklamation, mangel, mängel, mängelrüge
  nl: melden, claim, claimen, indienen
  fr: déclarer, réclamation, faire valoir
  es: reclamar, reclamación, hacer valer
  da: anmelde, gøre krav, gøre gældende
assembly
  en: assemble, assembly, assembled, put together, set up the
  de: aufbauen, aufbau, montieren, montage, zusammenbauen
  nl: monteren, montage, in elkaar zetten, opbouwen
  fr: montage, assembler, assemblage, faire monter
  es: montar, montaje, ensamblar
  da: samle, samling, montere, montering
disposal
  en: take the old one, take away the old, take the old, remove the old, old one away, dispose of, disposal, haul away, recycle
  de: alte mitnehmen, altes mitnehmen, entsorgen, entsorgung, altmöbel, mitnahme
  nl: oude meenemen, afvoeren, afvoer, oude ophalen
  fr: reprendre l ancien, reprendre mon ancien, reprise de l ancien, débarrasser, enlèvement de l ancien
  es: retirar el viejo, llevarse el viejo, llevarse el antiguo, retirada del viejo
  da: tage den gamle, bortskaffe, bortskaffelse, afhente den gamle
appointment
  en: appointment, book a session, book a consultation, consultation, book a visit, personal shopping, interior design, interior designer, interior designers
  de: termin, beratungstermin, beratung, einrichtungsberatung, innenarchitekt
  nl: afspraak, adviesgesprek, woonadvies, interieuradvies, interieurontwerper
  fr: rendez vous, prendre rendez vous, consultation, conseil en décoration, architecte d intérieur
  es: cita, reservar una cita, asesoramiento, consulta, interiorista
  da: aftale, booke en tid, rådgivning, indretningsrådgivning, indretningsarkitekt
notworking
  en: doesn't work, does not work, isn't working, is not working, not working, won't work, stopped working, not accepted, invalid
  de: funktioniert nicht, geht nicht, klappt nicht, nicht akzeptiert
  nl: werkt niet, doet het niet, niet geaccepteerd
  fr: ne fonctionne pas, ne marche pas, pas accepté, ne fonctionne plus, ne marche plus
  es: no funciona, no va, no lo acepta, no es aceptado
  da: virker ikke, fungerer ikke, ikke accepteret
deliverydate
  en: delivery date, delivery day, choose a date, choose the day, specific date, specific day, time slot, delivery slot
  de: liefertermin, lieferdatum, wunschtermin, zeitfenster
  nl: leverdatum, bezorgdatum, tijdvak, tijdslot
  fr: date de livraison, jour de livraison, créneau
  es: fecha de entrega, día de entrega, franja horaria
  da: leveringsdato, tidsrum
amenities
  en: parking, car park, park the car, wheelchair, accessible, toilet, toilets, café, baby changing, dog, dogs, pets
  de: parkplatz, parkplätze, parken, parkhaus, rollstuhl, barrierefrei, toilette, hund, hunde, haustier
  nl: parkeren, parkeerplaats, rolstoel, toegankelijk, toilet, hond, honden, huisdier
  fr: parking, stationnement, se garer, fauteuil roulant, accessible, toilettes, chien, chiens, animaux
  es: aparcamiento, aparcar, parking, silla de ruedas, accesible, aseos, perro, perros, mascotas
  da: parkering, parkere, kørestol, handicapvenlig, toilet, hund, hunde, kæledyr
instore
  en: in your shop, in your store, in the shop, in the store, in store, at your shop, at your store, in your showroom, in the showroom, at the showroom, in our showroom
  de: in ihrem laden, in eurem laden, im laden, in der filiale, in ihrer filiale, im geschäft, in ihrem geschäft, im showroom, vor ort
  nl: in de winkel, in jullie winkel, in uw winkel, in de showroom, in jullie showroom
  fr: en magasin, dans votre magasin, dans le magasin, en boutique, dans votre boutique, au showroom, dans votre showroom
  es: en tienda, en la tienda, en vuestra tienda, en su tienda, en el showroom
  da: i jeres butik, i butikken, i butik, i jeres showroom, i showroomet, i vores showroom
notreceived
  en: marked as delivered, says delivered, shows delivered, shown as delivered, says it was delivered, was delivered but, nothing at my door, not at my door, not received, never received, didn't receive, did not receive, haven't received, have not received
  de: als zugestellt, zugestellt aber, nicht erhalten, nie erhalten, nicht bekommen, nie bekommen
  nl: als bezorgd, bezorgd maar, niet ontvangen, nooit ontvangen, niet gekregen
  fr: marqué comme livré, indiqué comme livré, livré mais, pas reçu, jamais reçu
  es: marcado como entregado, figura como entregado, entregado pero, no he recibido, no lo he recibido, nunca recibí
  da: markeret som leveret, står som leveret, leveret men, ikke modtaget, aldrig modtaget
upstairs
  en: carry it up, carry up, carrying the item up, bring it up, bring up, upstairs, up the stairs, to my floor, floor flat, first floor, second floor, third floor, 3rd floor, 2nd floor, 1st floor
  de: hochtragen, hochgetragen, nach oben tragen, in den stock, stockwerk, etage, treppe hoch
  nl: naar boven, boven brengen, naar boven dragen, verdieping, trap op
  fr: monter à l étage, à l étage, étage, monter les escaliers
  es: subirlo, subir al piso, hasta el piso, planta, por las escaleras
  da: bære op, bære det op, op ad trappen, etage, på sal
thirdparty
  en: someone else, somebody else, my partner, my wife, my husband, my girlfriend, my boyfriend, my neighbour, my neighbor, a friend, my friend, my son, my daughter, my mother, my father, my mum, my mom, my dad, my sister, my brother, a colleague of mine, my flatmate, my roommate
  de: jemand anderes, jemand anders, mein partner, meine partnerin, meine frau, mein mann, meine freundin, mein freund, mein nachbar, meine nachbarin, meine schwester, mein bruder, meine mutter, mein vater, meine tochter, mein sohn, mein mitbewohner
  nl: iemand anders, mijn partner, mijn vrouw, mijn man, mijn vriendin, mijn vriend, mijn buurman, mijn buurvrouw, mijn zus, mijn broer, mijn moeder, mijn vader, mijn dochter, mijn zoon, mijn huisgenoot
  fr: quelqu un d autre, mon mari, ma femme, mon conjoint, ma copine, mon copain, mon voisin, ma voisine, un ami, une amie, ma sœur, mon frère, ma mère, mon père, ma fille, mon fils, mon colocataire
  es: otra persona, mi pareja, mi mujer, mi marido, mi novia, mi novio, mi vecino, mi vecina, un amigo, una amiga, mi hermana, mi hermano, mi madre, mi padre, mi hija, mi hijo, mi compañero de piso
  da: en anden, min kæreste, min kone, min mand, min partner, min nabo, en ven, en veninde, min søster, min bror, min mor, min far, min datter, min søn, min roommate, min bofælle
giftwrap
  en: gift wrap, gift wrapping, gift wrapped, gift box, wrap it as a gift, gift message, gift note
  de: geschenkverpackung, als geschenk verpacken, geschenkpapier, geschenkbox, grußkarte
  nl: cadeauverpakking, inpakken als cadeau, cadeaupapier, kaartje erbij
  fr: emballage cadeau, papier cadeau, paquet cadeau, message cadeau
  es: envolver para regalo, papel de regalo, envoltorio de regalo, tarjeta de regalo
  da: gaveindpakning, pakke ind som gave, gavepapir, gavekort tekst
account
  en: account, customer account, sign up, register, registration, guest, guest checkout, create an account, my profile
  de: konto, kundenkonto, registrieren, registrierung, gast, als gast, gastbestellung, gastkonto, profil
  nl: account, klantaccount, registreren, registratie, als gast, gastaccount, profiel
  fr: mon compte, un compte, compte client, créer un compte, inscrire, inscription, en tant qu invité, invité, profil
  es: mi cuenta, una cuenta, cuenta de cliente, sin cuenta, crear una cuenta, registrarme, registrarse, registro, como invitado, invitado, perfil
  da: konto, kundekonto, oprette en konto, registrere, registrering, som gæst, gæst, profil
business
  en: my company, our company, my business, our business, company name, business customer, business account, for a company
  de: meine firma, meiner firma, unsere firma, unserer firma, firmenname, firmenkunde, gewerbekunde, geschäftskunde, unternehmen
  nl: mijn bedrijf, ons bedrijf, bedrijfsnaam, zakelijk, zakelijke klant, onderneming
  fr: mon entreprise, notre entreprise, ma société, notre société, professionnel, raison sociale
  es: mi empresa, nuestra empresa, nombre de la empresa, autónomo, cliente empresa
  da: min virksomhed, vores virksomhed, mit firma, vores firma, firmanavn, erhvervskunde
extend
  en: extend, extension, extended, longer, prolong, extra year, extra years, additional year, another year
  de: verlängern, verlängerung, verlängert, länger, zusätzliches jahr, extra jahr
  nl: verlengen, verlenging, verlengd, langer, extra jaar
  fr: prolonger, prolongation, extension, plus longue, plus long, année supplémentaire
  es: ampliar, ampliación, extender, extensión, prolongar, más larga, más largo, año adicional, año extra
  da: forlænge, forlængelse, forlænget, længere, ekstra år
doublecharge
  en: charged twice, charged two times, charged double, double charge, double charged, two charges, two payments, paid twice, taken twice, amount twice, debited twice
  de: doppelt abgebucht, zweimal abgebucht, doppelt belastet, zweimal belastet, doppelt bezahlt, zweimal bezahlt, doppelte abbuchung, zwei abbuchungen, doppelt berechnet
  nl: dubbel afgeschreven, twee keer afgeschreven, dubbel betaald, twee keer betaald, dubbele afschrijving, twee afschrijvingen, dubbel in rekening
  fr: débité deux fois, prélevé deux fois, payé deux fois, double débit, double prélèvement, deux prélèvements, deux débits, facturé deux fois
  es: cobrado dos veces, cargado dos veces, pagado dos veces, doble cargo, doble cobro, dos cargos, dos cobros, cobro duplicado, cargo duplicado
  da: trukket to gange, betalt to gange, dobbelt trukket, dobbelt betaling, to træk, to betalinger, dobbelttræk
expired
  en: expired, expire, expires, no longer valid, out of date
  de: abgelaufen, verfallen, nicht mehr gültig, ungültig
  nl: verlopen, niet meer geldig, ongeldig
  fr: expiré, périmé, plus valable, n est plus valide
  es: caducado, vencido, expirado, ya no es válido
  da: udløbet, ikke længere gyldig, ugyldig
instalments
  en: instalment, instalments, installment, installments, pay in parts, pay in three, monthly payments, financing, finance
  de: ratenzahlung, in raten, teilzahlung, finanzierung
  nl: termijnen, in termijnen, gespreid betalen, financiering
  fr: en plusieurs fois, paiement fractionné, mensualités, échelonné, financement
  es: a plazos, en cuotas, cuotas, pago aplazado, financiación
  da: afbetaling, delbetaling, rater, i rater, dele betalingen op, finansiering
payfor
  en: pay for, paying for, pay anything, pay for it, have to pay, pay extra
  de: zahlen für, bezahlen für, dafür zahlen, dafür bezahlen, etwas zahlen, extra zahlen
  nl: betalen voor, voor betalen, iets betalen, extra betalen
  fr: payer pour, payer la
  es: pagar por, pagar el, pagar la
  da: betale for
newsletter
  en: newsletter, newsletters, mailing list, marketing emails, promotional emails, emails with offers
  de: newsletter, werbemails, werbe mails, werbe e mails, mails mit angeboten, e mails mit angeboten
  nl: nieuwsbrief, reclamemails, promotiemails, mails met aanbiedingen, e mails met aanbiedingen
  fr: newsletter, e mails promotionnels, mails promotionnels, offres par e mail, mails publicitaires
  es: boletín, correos promocionales, correos con ofertas, emails promocionales, correos publicitarios
  da: nyhedsbrev, mails med tilbud, e mails med tilbud, reklamemails, nyhedsmails, tilbudsmails
unsubscribe
  en: unsubscribe, opt out, stop emails, stop receiving, stop getting, stop sending, no more emails, remove me from
  de: abmelden, abbestellen, austragen, keine mails mehr, nicht mehr erhalten
  nl: afmelden, uitschrijven, geen mails meer, niet meer ontvangen
  fr: désabonner, désinscrire, ne plus recevoir
  es: darse de baja, darme de baja, dejar de recibir, no recibir más
  da: afmelde, framelde, stoppe med at få, stoppe med at modtage, ikke længere modtage, slå fra
privacy
  en: personal data, privacy, my data, my details, share my, sell my, other companies, third parties
  de: datenschutz, persönliche daten, meine daten, weitergeben, weitergegeben, dritte, andere firmen
  nl: privacy, persoonsgegevens, mijn gegevens, doorgeven, doorverkopen, derden, andere bedrijven
  fr: données personnelles, confidentialité, mes données, transmettre mes, tiers, autres entreprises
  es: datos personales, privacidad, mis datos, compartir mis, ceder mis, terceros, otras empresas
  da: persondata, personoplysninger, mine oplysninger, videregive, videregiver, tredjepart, andre firmaer, andre virksomheder
store
  en: showroom, showrooms, store, stores, shop, shops
  de: filiale, laden, geschäft, showroom
  nl: winkel, showroom
  fr: magasin, boutique, showroom
  es: tienda, showroom
  da: butik, showroom
hours
  en: opening hours, opening times, closing time, what time do you close, what time does it close, when do you close, are they open, are you open, is it open, is the store open, is the showroom open, open on, open at, open until, open today
  de: öffnungszeiten, sind sie geöffnet, haben sie geöffnet, habt ihr geöffnet, habt ihr offen, geöffnet am, geöffnet bis, geschlossen am
  nl: openingstijden, openingsuren, zijn jullie open, open op, open tot, gesloten op
  fr: horaires, heures d ouverture, êtes vous ouverts, est il ouvert, est elle ouverte, ouvert le, ouvert jusqu, fermé le
  es: horario, horarios, está abierto, estáis abiertos, abierto el, abierto hasta, cerrado el
  da: åbningstider, har i åbent, er i åbne, åbent om, åben om, åbent til, lukket om
idiom
  en: opened the box, opened the parcel, opened the package, opened it, change my mind, changed my mind, changing my mind, follow up, following up, followed up, no longer, any longer, business day, business days, working day, working days, thank you, no problem, by the way
  de: anders überlegt, es mir anders, nicht länger, werktag, werktage, werktagen, arbeitstag, arbeitstage, arbeitstagen, vielen dank
  nl: van gedachten veranderd, niet langer, werkdag, werkdagen, bedankt
  fr: changé d avis, change d avis, plus longtemps, jour ouvrable, jours ouvrables, jours ouvrés, tenir compte, en fin de compte, merci beaucoup
  es: cambiado de opinión, cambiado de idea, cambié de opinión, cambié de idea, día hábil, días hábiles, días laborables, darse cuenta, me di cuenta, dado cuenta, muchas gracias
  da: ikke længere, hverdag, hverdage, arbejdsdag, arbejdsdage, mange tak
`;
