// Neighbouring entries (kb.match.ts, kb.rank.ts, kb.gate.ts): a message that shares words with an entry
// but asks something else is refused. Messages written for these tests, not taken from any labelled set.
import { describe, expect, it } from "vitest";
import kb from "../../../demo/kb.json";
import { judge, pickConfidentMatch, separates } from "../../../worker/src/kb/kb.gate";
import { rankCandidates } from "../../../worker/src/kb/kb.rank";
import type { KbCandidate } from "../../../worker/src/kb/kb.search";
import { askedPart } from "../../../worker/src/text/asked";
import { textFeatures } from "../../../worker/src/text/features";
import { detectLanguage, type Language } from "../../../worker/src/text/language";

const candidate = (id: number, question: string, answer: string, topics: string[] = []): KbCandidate => ({
  id,
  question,
  answer,
  topics,
  language: detectLanguage(`${question} ${answer}`),
  score: 1,
  questionScore: 1,
});
const pool = kb.map((e, i) => candidate(i + 1, e.question, e.answer, e.topics));
const pick = (text: string) => pickConfidentMatch(text, detectLanguage(text), pool)?.entry.question ?? null;

describe("askedPart", () => {
  it("keeps the question sentences, or nothing when there is none", () => {
    expect(askedPart("I sent it back on Monday. When do I get the money? Thanks")).toBe(
      "When do I get the money?",
    );
    expect(askedPart("¿Cuánto cuesta? Gracias.")).toBe("¿Cuánto cuesta?");
    expect(askedPart("Please reset my password.")).toBeNull();
  });
});

describe("textFeatures", () => {
  it("marks the first part of a hyphenated word as a modifier (en, de, nl, da only)", () => {
    expect([...textFeatures("a first-time customer", "en").modifiers]).toEqual(["first"]);
    expect([...textFeatures("my first flat, a first-time buyer", "en").modifiers]).toEqual([]);
    expect([...textFeatures("le lave-vaisselle", "fr").modifiers]).toEqual([]);
  });
  it("reads an e-mail address as its own concept, not as an address", () => {
    expect(textFeatures("change the email address on my account", "en").concepts).toEqual([
      "email",
      "account",
      "change",
    ]);
  });
  it("stems a German zu-infinitive as its verb", () => {
    expect(textFeatures("Bis wann kann ich sie zurückzusenden?", "de").concepts).toContain("return");
  });
});

describe("neighbours are refused", () => {
  it.each([
    // Only the frame of the question is shared ("how many days"), not its subject (delivery).
    ["How many days do I have to wait for the assembly service?"],
    // "money" alone is not "money back"; "first" alone is not "first-time".
    ["Why did you take the money from my card twice?"],
    ["I'm buying my first sofa. Any tips on choosing one?"],
    // An e-mail address is not the delivery address the entry's answer talks about.
    ["Can I change the e-mail address on my account?"],
    // A delivery address is an address: the compound's head is what it is.
    ["Kann ich die Lieferadresse meiner Bestellung noch ändern?"],
    // One shared word covering half of a two-word question: the other half is the entry's point.
    ["Kan jeg betale med Dankort?"],
    ["How do I reset my router?"],
  ])("%s", (text) => {
    expect(pick(text)).toBeNull();
  });

  it("a compound whose first part the entry never mentions is not the entry's word", () => {
    const entries = [
      candidate(1, "Gibt es einen Rabatt für Neukunden?", "Ja, 10 % Rabatt auf die erste Bestellung."),
      candidate(
        2,
        "Wie lange dauert die Lieferung?",
        "Die Lieferung dauert 2–4 Werktage, mit Express 1 Tag.",
      ),
    ];
    const rank = (text: string, language: Language = "de") => rankCandidates(text, language, entries);
    expect(judge(rank("Gibt es bei Ihnen einen Studentenrabatt?")).kind).toBe("refuse");
    const express = judge(rank("Wie lange dauert eine Expresslieferung?"));
    expect(express.kind === "accept" && express.best.entry.id).toBe(2);
  });
});

describe("separates", () => {
  const ranked = (text: string) => rankCandidates(text, "en", pool);
  const byId = (text: string, id: number) => {
    const r = ranked(text).find((c) => c.entry.id === id);
    if (r === undefined) throw new Error(`#${id} not ranked`);
    return r;
  };
  it("tells two entries apart by a word only one of them says", () => {
    const text = "The tracking of my package hasn't changed for a week. Is it lost?";
    expect(separates(byId(text, 5), byId(text, 4))).toBe(true);
    expect(separates(byId(text, 4), byId(text, 5))).toBe(false);
  });
  it("never prefers the general entry beside a specific one that shares all its words", () => {
    const text = "Where can I track my parcel?";
    expect(separates(byId(text, 4), byId(text, 5))).toBe(false);
  });
});

describe("paraphrases the new vocabulary answers", () => {
  it.each([
    [
      "The tracking of my package hasn't changed for a week. Is it lost?",
      "My tracking hasn't updated for several days. Is my parcel lost?",
    ],
    [
      "Kan jeg afhente min bestilling i jeres butik i Aarhus?",
      "Kan jeg hente min ordre i en af jeres butikker?",
    ],
    [
      "Wie lange habe ich Zeit, die Kissen zurückzusenden? Sie sind unbenutzt.",
      "Wie lange kann ich Bettwäsche und Heimtextilien zurückschicken?",
    ],
    ["Hoe kan ik een kussen retour sturen?", "Hoe stuur ik iets retour?"],
    [
      "Bekomme ich eine Rechnung mit unserer Umsatzsteuer-ID?",
      "Kann ich eine Rechnung mit meiner USt-IdNr. bekommen?",
    ],
  ])("answers %s", (text, question) => {
    expect(pick(text)).toBe(question);
  });
});

describe("named things of a kind (countries, payment methods, carriers)", () => {
  const verdict = (text: string) => judge(rankCandidates(text, detectLanguage(text), pool));
  it.each([
    // The entry's question names another country, and the entry never mentions the customer's.
    ["Wie lange dauert die Lieferung nach Polen und was kostet sie?"],
    ["Hoe lang duurt de bezorging naar Duitsland?"],
    ["¿Cuánto tarda el envío a Italia?"],
    ["Quels sont les délais de livraison vers la Suisse ?"],
    // Another payment method than the entry's, one its answer does not list either.
    ["Kan jeg betale med Swish?"],
    ["Kann ich mit Giropay bezahlen?"],
  ])("refuses %s", (text) => {
    const v = verdict(text);
    expect(v.kind).toBe("refuse");
    expect(v.kind === "refuse" && v.why).toBe("other_thing");
  });
  it.each([
    // A city is no country: the entry is not ruled out (world knowledge is not the lexicon's).
    ["Wie lange dauert die Lieferung nach Hamburg und was kostet der Versand?", 24],
    // The entry's question names none ("Which payment methods?"), or its answer lists the customer's.
    ["Do you accept Bancontact?", 16],
    ["Kan ik ook met Apple Pay betalen?", 29],
  ])("leaves %s to the other rules", (text, id) => {
    const v = verdict(text);
    expect(v.kind === "refuse" && v.why === "other_thing").toBe(false);
    expect(rankCandidates(text, detectLanguage(text), pool)[0]?.entry.id).toBe(id);
  });
  it.each([
    // Asked about a thing the entry never says, in any field: its answer cannot be known to hold.
    ["Can I return a gift card I bought last week?", "giftcard"],
    ["Do you deliver gift vouchers by post?", "giftcard"],
    ["Vos tasses en grès sont-elles fabriquées au Portugal ?", "PT"],
    // One of the customer's things is the entry's, the other is not: a partial answer.
    ["Kann ich mit Klarna oder Kreditkarte auf Rechnung bezahlen?", "card"],
  ])("refuses %s: it asks about a thing the entry never says", (text, id) => {
    const ranked = rankCandidates(text, detectLanguage(text), pool);
    expect(judge(ranked)).toMatchObject({ kind: "refuse", why: "other_thing" });
    expect(ranked[0]?.otherThing).toMatchObject({ how: "unsaid" });
    expect(ranked[0]?.otherThing?.named).toContain(id);
  });
  it("does not look for things in the sentences that do not ask", () => {
    expect(pick("I live in Portugal. How do I reset my password?")).toBe("How do I reset my password?");
  });
});

describe("entries that answer one topic, order verbs, hyphenated qualifiers", () => {
  const verdict = (text: string) => judge(rankCandidates(text, detectLanguage(text), pool));
  it.each([
    // One shared concept, and the message asks about another support topic the entry never says.
    ["Kan ik mijn factuur ook per post krijgen op een ander adres?"],
    ["Hvordan afmelder jeg nyhedsbrevet, og kan I slette min adresse?"],
    // "Place" is how an order is made: "Can I change my order after placing it?" is not about it.
    ["I placed an order yesterday, when will it arrive?"],
    // "first-time customers" and "first-time": not "many times", not "regular customers".
    ["I have ordered from you many times. Is there a discount for regular customers?"],
    ["Is there a loyalty programme for returning customers?"],
  ])("refuses %s", (text) => {
    expect(verdict(text).kind).toBe("refuse");
  });
  it.each([
    ["Can I swap the colour of the rug I ordered an hour ago?", "Can I change my order after placing it?"],
    ["Is there a discount code for my first order?", "Do you have a discount code for first-time customers?"],
    ["Waar kan ik mijn factuur downloaden?", "Waar vind ik mijn factuur?"],
  ])("answers %s", (text, question) => {
    expect(pick(text)).toBe(question);
  });
  it("reads the word after a hyphenated word as qualified by it", () => {
    expect(textFeatures("Do you have a discount code for first-time customers?", "en").hyphenHeads).toEqual(
      new Map([
        ["time", ["first"]],
        ["custom", ["first"]],
      ]),
    );
  });
});
