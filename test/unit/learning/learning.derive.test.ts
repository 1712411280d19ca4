// The offline learning loop's raw material: one candidate per customer question,
// without greetings, sign-offs or the names of the people involved.
import { describe, expect, it } from "vitest";
import { answerFor, learningCandidates } from "../../../worker/src/learning/learning.derive";
import { cleanForKb, stripCourtesies, stripNames } from "../../../worker/src/learning/learning.clean";
import type { LearningTurn } from "../../../worker/src/learning/learning.port";

let nextId = 1;
function msg(role: LearningTurn["role"], body: string, patch: Partial<LearningTurn> = {}): LearningTurn {
  return {
    commentId: nextId++,
    role,
    name: role === "customer" ? "Greta Olsen" : "Bo Larsen",
    isPublic: true,
    body,
    disposition: role === "customer" ? "attention" : "none",
    at: nextId,
    ...patch,
  };
}

describe("courtesies and names", () => {
  it.each([
    ["Hi Bo,\n\nDo you offer gift wrapping?\n\nThanks,\nGreta", "Do you offer gift wrapping?"],
    [
      "Hallo zusammen!\nBietet ihr Geschenkverpackung an?\nViele Grüße\nGreta",
      "Bietet ihr Geschenkverpackung an?",
    ],
    [
      "Bonjour,\nFaites-vous des emballages cadeaux ?\nCordialement, Greta",
      "Faites-vous des emballages cadeaux ?",
    ],
    ["Hola: ¿Envolvéis para regalo?\nUn saludo", "¿Envolvéis para regalo?"],
    ["Hej! Tilbyder I gaveindpakning?\nVenlig hilsen\nGreta", "Tilbyder I gaveindpakning?"],
    ["Beste,\nPakken jullie cadeaus in?\nMet vriendelijke groet,\nGreta", "Pakken jullie cadeaus in?"],
  ])("%j", (text, expected) => {
    expect(stripCourtesies(text)).toBe(expected);
  });

  it("removes the names of the people involved, as whole words, and tidies the punctuation", () => {
    expect(stripNames("Yes Greta, we wrap gifts for EUR 3.95, Olsen.", ["Greta Olsen"])).toBe(
      "Yes, we wrap gifts for EUR 3.95.",
    );
    // Part of another word is not a name.
    expect(stripNames("Bob's order and Bo's answer", ["Bo Larsen"])).toBe("Bob's order and 's answer");
  });

  it("cleans an agent's answer: greeting, the customer's name, the sign-off and the agent's name", () => {
    const answer =
      "Hi Greta,\n\nYes! Choose gift wrapping at checkout for EUR 3.95.\n\nBest regards\nBo Larsen";
    expect(cleanForKb(answer, ["Greta Olsen", "Bo Larsen"])).toBe(
      "Yes! Choose gift wrapping at checkout for EUR 3.95.",
    );
  });
});

describe("learning candidates", () => {
  it("the AI's acknowledgement that a person will answer does not close the question", () => {
    const found = learningCandidates([
      msg("customer", "My lawyer asks: do you sell gift vouchers for companies?"),
      msg("ai", "Thank you for your message. A person from our team will answer you here."),
      msg("agent", "We sell company gift vouchers from EUR 50 to EUR 500."),
    ]);
    expect(found.map((c) => c.answer)).toEqual(["We sell company gift vouchers from EUR 50 to EUR 500."]);
  });

  it("one candidate per customer question, even when one reply answers two", () => {
    const messages = [
      msg("customer", "Hello, do you offer gift wrapping?"),
      msg("customer", "And can I pay by invoice?"),
      msg(
        "agent",
        "Hi Greta,\n\nGift wrapping is EUR 3.95 at checkout.\n\nInvoice payment is available for business accounts.\n\nBest,\nBo",
      ),
    ];
    const found = learningCandidates(messages);
    expect(found.map((c) => c.question)).toEqual([
      "Do you offer gift wrapping?",
      "And can I pay by invoice?",
    ]);
    expect(found[0]?.answer).toBe("Gift wrapping is EUR 3.95 at checkout.");
    expect(found[1]?.answer).toBe("Invoice payment is available for business accounts.");
    for (const c of found) expect(`${c.question} ${c.answer}`).not.toMatch(/Greta|Bo\b|Olsen|Larsen/);
  });

  it("learns only what a human answered publicly after the AI could not", () => {
    expect(
      learningCandidates([
        msg("customer", "Do you ship to Iceland?", { disposition: "replied" }),
        msg("ai", "Yes, we ship to Iceland within 10 days."),
      ]),
    ).toEqual([]);
    expect(
      learningCandidates([
        msg("customer", "Do you ship to Iceland?"),
        msg("agent", "Let me check that with our carrier first.", { isPublic: false }),
      ]),
    ).toEqual([]);
  });

  it("keeps the whole answer when no paragraph speaks to the question in particular", () => {
    const answer = "Yes.\n\nIt takes two days.";
    expect(answerFor("Do you ship to Iceland?", answer)).toBe(answer);
  });
});
