import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  foldConfusables,
  foldDiacritics,
  foldedWords,
  htmlToText,
  normalizeText,
  tokenize,
} from "../../../worker/src/text/normalize";

describe("normalizeText", () => {
  it("applies NFKC: full-width letters, ligatures and mathematical letters become plain", () => {
    expect(normalizeText("ｒｅｆｕｎｄ")).toBe("refund");
    expect(normalizeText("ﬁle")).toBe("file");
    expect(normalizeText("𝐫𝐞𝐟𝐮𝐧𝐝")).toBe("refund");
  });

  it("removes zero-width and other invisible characters inside words", () => {
    expect(normalizeText("re\u200bfund")).toBe("refund");
    expect(normalizeText("com\u00adpen\u200csa\u200dtion")).toBe("compensation");
    expect(normalizeText("\ufeffla\u2060wyer\u200e")).toBe("lawyer");
    expect(normalizeText("law\u{e0041}yer")).toBe("lawyer");
  });

  it("folds Cyrillic and Greek look-alikes inside Latin words", () => {
    expect(normalizeText("r\u0435fund")).toBe("refund"); // Cyrillic е
    expect(normalizeText("l\u03bfst")).toBe("lost"); // Greek ο
    expect(normalizeText("\u0455\u0441\u0430m")).toBe("scam"); // every letter a look-alike but m
    expect(normalizeText("R\u0415FUND")).toBe("refund"); // upper-case Cyrillic Е
    expect(normalizeText("My \u0430\u0441\u0435 order")).toBe("my ace order"); // all look-alikes, Latin text
  });

  it("leaves real Cyrillic and Greek words alone", () => {
    expect(normalizeText("Привет, как дела?")).toBe("привет, как дела?");
    expect(normalizeText("Ευχαριστώ")).toBe("ευχαριστώ");
  });

  it("lower-cases without locale rules", () => {
    expect(normalizeText("TITLE İNFO")).toMatch(/^title i/);
    expect(normalizeText("STRASSE Straße")).toBe("strasse straße");
  });

  it("strips HTML comments by default and keeps their text on request", () => {
    const text = "Hi <!-- cancel the order --> thanks";
    expect(normalizeText(text)).toBe("hi thanks");
    expect(normalizeText(text, { htmlComments: "keep" })).toBe("hi cancel the order thanks");
  });

  it("treats an unclosed comment as hiding the rest", () => {
    expect(normalizeText("hello <!-- secret")).toBe("hello");
    expect(normalizeText("hello <!-- secret", { htmlComments: "keep" })).toBe("hello secret");
  });

  it("turns tags into spaces and decodes entities, but keeps text that only looks like markup", () => {
    expect(normalizeText("<p>Where is <b>my</b> parcel?</p><br/>")).toBe("where is my parcel?");
    expect(normalizeText("Fish &amp; chips &#8364; &#x41;")).toBe("fish & chips € a");
    expect(normalizeText("a < b and c > d, <3")).toBe("a < b and c > d, <3");
  });

  it("collapses whitespace", () => {
    expect(normalizeText("  a\t\tb \n\n c  ")).toBe("a b c");
  });

  it("is idempotent and never throws", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
      }),
    );
  });

  it("handles 20 KB of text quickly", () => {
    const big = "Where is my parcel? <b>re\u200bfund</b> r\u0435fund ".repeat(500);
    const start = performance.now();
    expect(normalizeText(big)).toContain("refund refund");
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe("tokenize and folding", () => {
  it("keeps letters with diacritics and digits, splits on everything else", () => {
    expect(tokenize(normalizeText("Bettwäsche, køb café NH-20418! it's"))).toEqual([
      "bettwäsche",
      "køb",
      "café",
      "nh",
      "20418",
      "it",
      "s",
    ]);
  });

  it("folds diacritics like FTS5 remove_diacritics (ø, æ, ß stay)", () => {
    expect(foldDiacritics("bettwäsche café garantía reçu")).toBe("bettwasche cafe garantia recu");
    expect(foldDiacritics("røg æble straße")).toBe("røg æble straße");
  });

  it("yields no words for empty text, emoji or punctuation", () => {
    expect(foldedWords("")).toEqual([]);
    expect(foldedWords("🙂🎂👍🏽 !!! ???")).toEqual([]);
  });

  it("keeps comment text as words only when asked", () => {
    expect(foldedWords("a <!-- b --> c")).toEqual(["a", "c"]);
    expect(foldedWords("a <!-- b --> c", { htmlComments: "keep" })).toEqual(["a", "b", "c"]);
  });

  it("htmlToText leaves comments' text when keeping, and replaces numeric entities out of range", () => {
    expect(htmlToText("x<!--y-->z", "keep")).toBe("x y z");
    expect(htmlToText("&#1114112;")).toBe(" ");
  });

  it("foldConfusables is a no-op on ASCII", () => {
    expect(foldConfusables("plain ascii text")).toBe("plain ascii text");
  });
});
