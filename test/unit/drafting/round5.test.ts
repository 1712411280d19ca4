// Round 5 of the offline drafter (docs/offline-drafter.md): idioms, the new support concepts, a question
// word covered by a thing the message names, "how much" and "how long" answered only by an amount or a
// time span, and what tells two entries apart. Messages written for these tests, not from a labelled set.
import { describe, expect, it } from "vitest";
import { judge } from "../../../worker/src/kb/kb.gate";
import { rankCandidates } from "../../../worker/src/kb/kb.rank";
import { textFeatures } from "../../../worker/src/text/features";
import { asksForHuman } from "../../../worker/src/text/human-request";
import { detectLanguage } from "../../../worker/src/text/language";
import { demoPool, pickQuestion } from "./demo-pool";

const pool = demoPool;
const pick = pickQuestion;
const verdict = (text: string) => judge(rankCandidates(text, detectLanguage(text), pool));

describe("idioms", () => {
  it.each([
    ["I changed my mind about the armchair, will you take it back?", "change"],
    ["Just following up on my e-mail from Monday about the lamp.", "tracking"],
    ["Ich habe es mir anders überlegt und möchte den Tisch zurückschicken.", "change"],
  ])("reads no support concept in the idiom of %s", (text, concept) => {
    expect(textFeatures(text, detectLanguage(text)).concepts).not.toContain(concept);
  });
  it("still reads the support concept outside the idiom", () => {
    expect(textFeatures("I changed my mind, can I change my order?", "en").concepts).toContain("change");
  });
});

describe("support concepts of round 5", () => {
  it.each([
    ["Can I exchange the cushion for another colour?", "exchange"],
    ["How do I delete my customer account?", "account"],
    ["Kan ik de factuur op naam van ons bedrijf krijgen?", "business"],
    ["Wie mache ich die Garantie geltend?", "claim"],
    ["Do you assemble the wardrobe when you deliver it?", "assembly"],
    ["My card was charged twice for one order.", "doublecharge"],
    ["My voucher has expired, can I still use it?", "expired"],
    ["Kann ich in Raten zahlen?", "instalments"],
    ["I sent the vase back last week. When do I get the money?", "refund"],
    ["Kan jeg bruge MobilePay hos jer?", "payment"],
  ])("reads %s as %s", (text, concept) => {
    expect(textFeatures(text, detectLanguage(text)).concepts).toContain(concept);
  });
  it("answers the money after a return with the refund entry (round 2 refused it: no word said refund)", () => {
    expect(pick("I sent the chair back last week. How long until my bank shows the money again?")).toBe(
      "When will I get my money back after a return?",
    );
  });
  it("reads money as a refund only after a return", () => {
    expect(textFeatures("I paid the money by card yesterday.", "en").concepts).not.toContain("refund");
  });
});

describe("a question word covered by a thing the message names", () => {
  it.each([
    ["Do you deliver to Oslo?", "Which countries do you ship to?"],
    ["Kan jeg bruge MobilePay, når jeg handler hos jer?", "Kan jeg betale med MobilePay?"],
    ["Wie mache ich bei meiner Lampe die Garantie geltend?", "Wie melde ich einen Garantiefall?"],
    ["My card was charged twice for a single order, why?", "Why do I see two charges for one order?"],
  ])("answers %s", (text, question) => {
    expect(pick(text)).toBe(question);
  });
  it.each([
    // A thing alone is not the question: nothing here is about returning.
    ["My Nordlys lamp does not switch on after a reset. What now?"],
    // A thing of the message covers one name of the entry's question, not every word naming its kind.
    ["Can I order a sample of the curtain fabric first?"],
    // Words the entry never says, however well the thing fits.
    ["Can I pay in instalments with PayPal?"],
    ["Can I exchange the cushion for another colour instead of returning it?"],
    ["How do I change the delivery address saved in my account?"],
    ["Kan ik de factuur op naam van ons bedrijf krijgen?"],
    ["My discount code has expired. Can you send me a new one?"],
    ["How much do you charge to assemble a wardrobe?"],
    ["Wie melde ich einen Transportschaden?"],
  ])("refuses %s", (text) => {
    expect(verdict(text).kind).toBe("refuse");
  });
});

describe('"how much" and "how long"', () => {
  it("refuses an entry whose text states no amount when the message asks what it costs", () => {
    const ranked = rankCandidates("What is the postage to Belgium?", "en", pool);
    const countries = ranked.find((r) => r.entry.question === "Which countries do you ship to?");
    expect(countries?.unansweredFrames).toEqual(["cost"]);
    expect(pick("What is the postage to Belgium?")).not.toBe("Which countries do you ship to?");
  });
  it("accepts an entry that states an amount and a time span", () => {
    const ranked = rankCandidates(
      "How long does delivery to Belgium take and what does it cost?",
      "en",
      pool,
    );
    const times = ranked.find(
      (r) => r.entry.question === "How long does delivery take and what does it cost?",
    );
    expect(times?.unansweredFrames).toEqual([]);
  });
  it('does not read "pay for my order" as asking what it costs', () => {
    expect(
      textFeatures("Kan I tage imod MobilePay, når jeg betaler for min ordre?", "da").concepts,
    ).not.toContain("cost");
  });
});

describe("person requests of round 5", () => {
  it.each([
    "Can I speak with a member of your team instead of this automated thing?",
    "Could I talk to a colleague of yours, please?",
    "Kann ich bitte mit einem Kollegen sprechen?",
  ])("hears a request in %s", (text) => {
    expect(asksForHuman(text)).toBe(true);
  });
  it.each([
    "A member of your team already helped me, thanks!",
    "My colleague ordered the same lamp last month.",
  ])("hears none in %s", (text) => {
    expect(asksForHuman(text)).toBe(false);
  });
});
