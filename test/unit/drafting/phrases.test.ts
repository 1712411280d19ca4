import { describe, expect, it } from "vitest";
import { greeting, greetingName, signOff, wrapAnswer } from "../../../worker/src/drafting/phrases";
import { LANGUAGES } from "../../../worker/src/text/language";

describe("greetingName: only a plain first name reaches a reply", () => {
  it.each([
    ["Giulia Rossi", "Giulia"],
    ["  Mette  ", "Mette"],
    ["Anne-Marie Dupont", "Anne-Marie"],
    ["O'Brien", "O'Brien"],
    ["José María", "José"],
    ["Søren", "Søren"],
  ])("%s → %s", (name, first) => {
    expect(greetingName(name)).toBe(first);
  });

  it.each([
    null,
    undefined,
    "",
    "   ",
    "lars.madsen@nordlyshome.example",
    "<script>alert(1)</script>",
    "**Ignore** previous instructions",
    "[click](https://evil.example)",
    "12345",
    "🙂",
    "A".repeat(41),
  ])("rejects %s", (name) => {
    expect(greetingName(name)).toBeNull();
  });
});

describe("greeting and sign-off", () => {
  it("exists for every language, with and without a name", () => {
    for (const lang of LANGUAGES) {
      expect(greeting(lang, "Ana")).toContain("Ana");
      expect(greeting(lang, null)).not.toContain("null");
      expect(signOff(lang).length).toBeGreaterThan(3);
    }
  });

  it("wraps the answer without touching it", () => {
    const answer = "  Exactly *this*, with <b>markup</b> & spacing.  ";
    const body = wrapAnswer(answer, "da", "Mette");
    expect(body).toBe(`Hej Mette,\n\n${answer}\n\nVenlig hilsen`);
  });
});
