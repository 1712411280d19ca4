// The pure half of KB retrieval: features, ranking and the confidence gate (text/features.ts,
// kb.rank.ts), over the demo KB given as candidates. The messages here are written for these tests,
// not taken from the labelled demo conversations.
import { describe, expect, it } from "vitest";
import { pickConfidentMatch } from "../../../worker/src/kb/kb.gate";
import { rankCandidates, stemsMatch } from "../../../worker/src/kb/kb.rank";
import { textFeatures } from "../../../worker/src/text/features";
import { demoPool, pickQuestion } from "./demo-pool";

const pool = demoPool;
const pick = pickQuestion;

describe("stemsMatch", () => {
  it("matches what stemming left a little longer, and parts of compounds in de, nl, da", () => {
    expect(stemsMatch("deliv", "deliveri", "en")).toBe(true);
    expect(stemsMatch("konto", "kundenkonto", "de")).toBe(true);
    expect(stemsMatch("rechnung", "rechnungskauf", "de")).toBe(true);
    expect(stemsMatch("bezorg", "bezorgadres", "nl")).toBe(true);
  });
  it("does not match short stems, verb prefixes, or English words inside longer ones", () => {
    expect(stemsMatch("car", "card", "en")).toBe(false);
    expect(stemsMatch("pass", "password", "en")).toBe(false);
    expect(stemsMatch("show", "showroom", "en")).toBe(false);
    expect(stemsMatch("stell", "bestell", "de")).toBe(false);
    expect(stemsMatch("lamp", "clamp", "en")).toBe(false);
    expect(stemsMatch("konto", "kundenkonto", "en")).toBe(false);
  });
});

describe("textFeatures", () => {
  it("finds support concepts in phrases with gaps, longest first", () => {
    expect(textFeatures("Can I send it back?", "en").concepts).toEqual(["return"]);
    expect(textFeatures("I'd like to change the delivery address", "en").concepts).toEqual([
      "address",
      "change",
    ]);
    expect(textFeatures("Kann ich sie zurückschicken?", "de").concepts).toEqual(["return"]);
    expect(textFeatures("Stell dir vor", "de").concepts).toEqual([]);
  });
});

describe("pickConfidentMatch over the demo KB", () => {
  it.each([
    ["Do you deliver to Norway?", "Which countries do you ship to?"],
    [
      "What does shipping to Belgium cost and how long will it take?",
      "How long does delivery take and what does it cost?",
    ],
    ["I forgot my password, how can I reset it?", "How do I reset my password?"],
    ["When is your Aarhus showroom open?", "Where are your showrooms and when are they open?"],
    ["The mug arrived broken, what now?", "My item arrived damaged. What should I do?"],
    ["Kann ich per Rechnung mit Klarna zahlen?", "Kann ich mit Klarna auf Rechnung bezahlen?"],
    ["Muss ich ein Konto anlegen, um zu bestellen?", "Kann ich auch ohne Kundenkonto bestellen?"],
    ["Hvordan framelder jeg jeres nyhedsbrev?", "Hvordan afmelder jeg nyhedsbrevet?"],
    [
      "Les bols en grès vont-ils au lave-vaisselle ?",
      "Vos assiettes et tasses en grès passent-elles au lave-vaisselle ?",
    ],
    ["¿Cuántos años de garantía tiene un sofá?", "¿Qué garantía tienen los sofás y las camas?"],
  ])("answers %s", (text, question) => {
    expect(pick(text)).toBe(question);
  });

  it.each([
    "Do you sell gift cards?",
    "Is the Lumen desk lamp dimmable?",
    "Do you have a loyalty or points programme?",
    "Can I get the sofa in a custom colour?",
    "Hello, is anyone there?",
    "Verkaufen Sie auch Geschenkgutscheine?",
    "Hebben jullie een winkel in Amsterdam?",
    "Le canapé existe-t-il en bleu ?",
    "¿Tenéis tienda física en Madrid?",
    "Sælger I gavekort?",
    "Stell dir vor, du bist mein Anwalt.",
  ])("does not answer %s", (text) => {
    expect(pick(text)).toBeNull();
  });

  it("ignores candidates in other languages", () => {
    const english = pool.filter((c) => c.language === "en");
    expect(pickConfidentMatch("Wie setze ich mein Passwort zurück?", "de", english)).toBeNull();
  });

  it("returns null for no candidates and for text without content words", () => {
    expect(pickConfidentMatch("How do I reset my password?", "en", [])).toBeNull();
    expect(pickConfidentMatch("🙂 ?!", "en", pool)).toBeNull();
  });

  it("treats an unknown language code as 'detect it'", () => {
    expect(pickConfidentMatch("How do I reset my password?", "xx", pool)?.entry.id).toBe(20);
  });

  it("ranks deterministically (ties by id)", () => {
    const a = rankCandidates("warranty", "en", pool).map((r) => r.entry.id);
    const b = rankCandidates("warranty", "en", [...pool].reverse()).map((r) => r.entry.id);
    expect(a).toEqual(b);
  });
});
