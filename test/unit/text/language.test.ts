import { describe, expect, it } from "vitest";
import conversations from "../../../demo/conversations.json";
import injections from "../../../demo/injection.json";
import kb from "../../../demo/kb.json";
import { detectLanguage, isLanguage, type Language } from "../../../worker/src/text/language";
import { conceptTerms } from "../../../worker/src/text/concepts";
import { isContentWord, isStopWord, stem } from "../../../worker/src/text/stems";

describe("detectLanguage", () => {
  const cases: [string, Language][] = [
    ["Where is my order?", "en"],
    ["Wo ist meine Bestellung?", "de"],
    ["Waar is mijn bestelling?", "nl"],
    ["Hvor er min ordre?", "da"],
    ["Où est ma commande ?", "fr"],
    ["¿Dónde está mi pedido?", "es"],
    ["Danke schön!", "de"],
    ["Merci beaucoup !", "fr"],
    ["Muchas gracias", "es"],
    ["Tak for hjælpen", "da"],
    ["Bedankt voor de hulp", "nl"],
    ["Thanks a lot", "en"],
    ["Kann ich das zurückgeben?", "de"],
    ["Kan ik dit terugsturen?", "nl"],
    ["Kan jeg sende den tilbage?", "da"],
    ["Puis-je le renvoyer ?", "fr"],
    ["¿Puedo devolverlo?", "es"],
    ["Größe?", "de"],
    ["Hvornår kommer min pakke?", "da"],
    ["Ja, doe maar.", "nl"],
  ];
  it.each(cases)("%s → %s", (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it("defaults to English when there is no evidence", () => {
    for (const text of ["", "   ", "🙂🎂", "NH-20418", "12345", "???", "Hallo", "OK"]) {
      expect(detectLanguage(text), JSON.stringify(text)).toBe("en");
    }
  });

  it("is not fooled by a few English brand words in another language", () => {
    expect(detectLanguage("Kann ich mit PayPal oder Apple Pay bezahlen?")).toBe("de");
    expect(detectLanguage("Mijn Smart Home speaker doet het niet meer")).toBe("nl");
  });

  it("copes with 20 KB of text", () => {
    expect(detectLanguage("Ich möchte meine Bestellung ändern. ".repeat(600))).toBe("de");
  });

  it("recognises every demo message and KB entry", () => {
    const misses = [...conversations, ...injections].filter((m) => detectLanguage(m.message) !== m.language);
    expect(misses.map((m) => m.id)).toEqual([]);
    const counts: Record<string, number> = {};
    for (const e of kb) {
      const l = detectLanguage(`${e.question} ${e.answer}`);
      counts[l] = (counts[l] ?? 0) + 1;
    }
    expect(counts).toEqual({ en: 22, de: 6, nl: 4, da: 3, fr: 3, es: 2 });
  });

  it("isLanguage accepts exactly the six codes", () => {
    expect(["en", "de", "fr", "es", "nl", "da"].every(isLanguage)).toBe(true);
    expect(isLanguage("sv")).toBe(false);
    expect(isLanguage(undefined)).toBe(false);
  });
});

describe("stop words and stems (Snowball, via @orama)", () => {
  it("knows each language's function words, diacritics folded or not", () => {
    const cases: [string, Language][] = [
      ["the", "en"],
      ["und", "de"],
      ["für", "de"],
      ["fur", "de"],
      ["über", "de"],
      ["het", "nl"],
      ["og", "da"],
      ["les", "fr"],
      ["pourquoi", "fr"],
      ["los", "es"],
      ["hvordan", "da"],
    ];
    for (const [w, lang] of cases) expect(isStopWord(w, lang), `${lang} ${w}`).toBe(true);
    for (const [w, lang] of [
      ["refund", "en"],
      ["lieferung", "de"],
      ["bezorging", "nl"],
      ["levering", "da"],
      ["livraison", "fr"],
      ["envío", "es"],
    ] as [string, Language][]) {
      expect(isStopWord(w, lang), `${lang} ${w}`).toBe(false);
    }
  });

  it("keeps stop words per language: Dutch 'door' is a stop word, the English door is not", () => {
    expect(isStopWord("door", "nl")).toBe(true);
    expect(isStopWord("door", "en")).toBe(false);
  });

  it("stems inflected forms alike", () => {
    expect(stem("shipping", "en")).toBe(stem("ships", "en"));
    expect(stem("returns", "en")).toBe(stem("returned", "en"));
    expect(stem("lieferungen", "de")).toBe(stem("lieferung", "de"));
    expect(stem("bestellingen", "nl")).toBe(stem("bestelling", "nl"));
    expect(stem("butikker", "da")).toBe(stem("butik", "da"));
    expect(stem("commandes", "fr")).toBe(stem("commande", "fr"));
    expect(stem("envíos", "es")).toBe(stem("envío", "es"));
  });

  it("folds diacritics after stemming and leaves numbers alone", () => {
    expect(stem("zurückschicken", "de")).toBe(stem("zuruckschicken", "de"));
    expect(stem("20418", "en")).toBe("20418");
  });

  it("treats numbers and one-letter words as no content", () => {
    expect(isContentWord("20418", "en")).toBe(false);
    expect(isContentWord("x", "en")).toBe(false);
    expect(isContentWord("sofa", "en")).toBe(true);
  });

  it("has support concepts in every language", () => {
    for (const lang of ["en", "de", "fr", "es", "nl", "da"] as const) {
      const concepts = new Set(conceptTerms(lang).map((t) => t.concept));
      for (const c of [
        "return",
        "delivery",
        "warranty",
        "payment",
        "invoice",
        "damaged",
        "stock",
        "repair",
      ]) {
        expect(concepts.has(c), `${lang} ${c}`).toBe(true);
      }
    }
  });
});
