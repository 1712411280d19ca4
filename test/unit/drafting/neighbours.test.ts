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
    // The subject is in the context sentence, the question asks about something else.
    ["I sent the chair back last week. How long until my bank shows the money again?"],
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
