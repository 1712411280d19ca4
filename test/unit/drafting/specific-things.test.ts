// Round 4 of the offline drafter: an entry's own question is answered by it; named kinds of product,
// materials, groups, ranges, cities and support topics an entry never says keep it from answering.
// Messages written for these tests, not taken from any labelled set.
import { describe, expect, it } from "vitest";
import kb from "../../../demo/kb.json";
import { pickQuestion } from "./demo-pool";

const pick = pickQuestion;

describe("an entry's own question", () => {
  it.each(kb.map((e) => e.question))("%s is answered by its own entry", (question) => {
    expect(pick(question)).toBe(question);
  });
  it("is answered with a greeting around it", () => {
    expect(pick("Hi there, where can I track my parcel? Thanks")).toBe("Where can I track my parcel?");
  });
});

describe("things the entry never says", () => {
  it("a kind of product the entry's question is not about", () => {
    expect(pick("Can I extend the warranty on a dining chair?")).toBeNull();
    expect(pick("Is the return window the same for bath towels as for small electronics?")).not.toBe(
      "What is the return window for small electronics?",
    );
  });
  it("a city in another country than the entry's, and one in the same country", () => {
    expect(pick("Wie lange dauert der Versand nach Graz?")).toBeNull();
    expect(pick("Wie lange dauert die Lieferung nach Hamburg und was kostet der Versand?")).toBe(
      "Wie lange dauert die Lieferung nach Deutschland und was kostet der Versand?",
    );
  });
  it("an EU country the entry covers as one of the 'other EU countries'", () => {
    expect(pick("How long does delivery to Ljubljana take, and what does it cost?")).toBe(
      "How long does delivery take and what does it cost?",
    );
  });
  it("a group of customers, a sale range, a material", () => {
    expect(pick("Do you have a discount code for teachers?")).toBeNull();
    expect(pick("What is the return window for clearance items?")).toBeNull();
    expect(pick("Vos bols en porcelaine passent-ils au lave-vaisselle ?")).toBeNull();
  });
  it("a support topic the entry never mentions", () => {
    expect(pick("Can I change the name on the invoice after placing my order?")).toBeNull();
  });
  it("a general entry gives way to one that covers the product, unless it has words of its own", () => {
    expect(pick("I have some unopened cushions from three weeks ago. Is the return period over?")).not.toBe(
      "How do I return an item?",
    );
    expect(pick("I want to send back a vase: how do I print the return label?")).toBe(
      "How do I return an item?",
    );
  });
});
