import { describe, expect, it } from "vitest";
import conversations from "../../../demo/conversations.json";
import injections from "../../../demo/injection.json";
import kb from "../../../demo/kb.json";
import { detectLanguage, isLanguage, type Language } from "../../../worker/src/text/language";
import { conceptTerms, isStopWord, stem } from "../../../worker/src/text/vocabulary";

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

describe("stop words and stems", () => {
  it("knows function words of all six languages (diacritics folded)", () => {
    for (const w of ["the", "und", "het", "og", "les", "los", "pourquoi", "hvordan", "fur", "uber"]) {
      expect(isStopWord(w), w).toBe(true);
    }
    for (const w of ["refund", "lieferung", "bezorging", "levering", "livraison", "envio"]) {
      expect(isStopWord(w), w).toBe(false);
    }
  });

  it("stems so that inflected forms share a prefix", () => {
    expect(stem("shipping", "en")).toBe("ship");
    expect(stem("payment", "en")).toBe("pay");
    expect(stem("delivered", "en").startsWith(stem("delivery", "en").slice(0, 5))).toBe(true);
    expect(stem("news", "en")).toBe("news");
    expect(stem("lieferung", "de")).toBe("liefer");
    expect(stem("sturen", "nl")).toBe(stem("stuur", "nl"));
    expect(stem("butikker", "da")).toBe("butik");
    expect(stem("livraison", "fr")).toBe("livr");
    expect(stem("devoluciones", "es")).toBe("devolucion");
  });

  it("leaves short words and numbers alone", () => {
    expect(stem("days", "en")).toBe("days");
    expect(stem("20418", "en")).toBe("20418");
  });

  it("has support concepts in every language", () => {
    for (const lang of ["en", "de", "fr", "es", "nl", "da"] as const) {
      const concepts = new Set(conceptTerms(lang).map((t) => t.concept));
      for (const c of ["return", "delivery", "warranty", "payment", "invoice", "damaged", "stock"]) {
        expect(concepts.has(c), `${lang} ${c}`).toBe(true);
      }
    }
  });
});
