import { describe, expect, it } from "vitest";
import conversations from "../../../demo/conversations.json";
import injections from "../../../demo/injection.json";
import { asksForHuman } from "../../../worker/src/text/human-request";

describe("asksForHuman: requests for a person", () => {
  const requests = [
    // en
    "Can I speak to a human please?",
    "I want to talk to a real person.",
    "Please connect me with an agent.",
    "Is it possible to talk to someone from your team?",
    "Human please",
    "Agent!",
    "I'd like to chat with a live agent, not a bot.",
    "This is useless. Let me speak to a manager.",
    "Put me through to a representative",
    "Could a real person look at this, rather than a bot?",
    "Why can't I talk to a human?",
    "No more bots, I want a human being",
    // es (round 4)
    "¿Podría atenderme una persona de verdad?",
    // de
    "Kann ich bitte mit einem Menschen sprechen?",
    "Ich möchte mit einem Kundenberater reden.",
    "Bitte verbinden Sie mich mit einem Mitarbeiter.",
    "Ist es möglich, mit jemandem zu sprechen?",
    "Ich will keinen Bot, sondern eine echte Person.",
    "Mitarbeiter bitte",
    // nl
    "Kan ik iemand spreken?",
    "Ik wil graag met een echte persoon praten.",
    "Geen robot alsjeblieft, ik wil een medewerker.",
    "Kunt u mij doorverbinden met een klantenservicemedewerker?",
    // fr
    "Je voudrais parler à quelqu'un, s'il vous plaît.",
    "Est-ce que je peux parler à un conseiller ?",
    "Pas un robot, un humain svp",
    "J'aimerais discuter avec une vraie personne.",
    // es
    "¿Puedo hablar con un agente?",
    "Quiero hablar con alguien de atención al cliente.",
    "No quiero un bot, quiero una persona real.",
    "Necesito hablar con un humano",
    // da
    "Kan jeg tale med en medarbejder?",
    "Jeg vil gerne snakke med et menneske.",
    "Ikke en robot, tak. Kan jeg få fat i en rigtig person? Jeg vil tale med nogen.",
    "Må jeg tale med en kundeservicemedarbejder?",
  ];
  it.each(requests)("fires on %s", (text) => {
    expect(asksForHuman(text)).toBe(true);
  });

  it("sees through invisible characters and look-alike letters", () => {
    expect(asksForHuman("Can I speak to a hu\u200bman?")).toBe(true);
    expect(asksForHuman("Can I sp\u0435ak to a hum\u0430n?")).toBe(true);
  });
});

describe("asksForHuman: mentions that are not requests", () => {
  const mentions = [
    "Your agent already told me the refund was on its way.",
    "The delivery agent left the parcel at my neighbour's.",
    "I spoke to someone on the phone yesterday and they said it would ship today.",
    "Your colleague said I could return it.",
    "I talked to a real person last week, no change since.",
    "Ihr Mitarbeiter hat mir gesagt, dass ich es zurückschicken kann.",
    "Ich habe schon mit einem Mitarbeiter gesprochen.",
    "Een medewerker heeft me gisteren gebeld.",
    "Personne ne m'a répondu depuis une semaine.",
    "Nadie me contesta.",
    "En medarbejder lovede mig en ny lampe.",
    "I keep having to prove I'm not a robot when I log in.",
    "I don't need to talk to anyone, just tell me where my parcel is.",
    "Is the Halo smart plug compatible with Google Assistant?",
    "The travel agent booked our flight; can the sofa arrive before we leave?",
    "Human error on your side: the wrong colour was sent.",
    "Mensch, das dauert aber lange!",
    "Which words make you hand a ticket over to a supervisor?",
    "Can I talk about my invoice here?",
    "",
    "🙂",
  ];
  it.each(mentions)("does not fire on %s", (text) => {
    expect(asksForHuman(text)).toBe(false);
  });

  it("handles 20 KB of text without firing on noise", () => {
    expect(asksForHuman("The lamp flickers when the kettle is on. ".repeat(500))).toBe(false);
  });
});

describe("asksForHuman on the demo set", () => {
  it("fires on exactly the human_requested items and no adversarial message", () => {
    const fired = conversations.filter((c) => asksForHuman(c.message)).map((c) => c.id);
    const labelled = conversations.filter((c) => c.expected.outcome === "human_requested").map((c) => c.id);
    expect(fired).toEqual(labelled);
    expect(injections.filter((m) => asksForHuman(m.message)).map((m) => m.id)).toEqual([]);
  });
});
