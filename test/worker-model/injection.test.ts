// Customer text is untrusted input: 30 adversarial messages, each answered by
// a model stand-in that OBEYS the injection (it writes the refund
// confirmation, dumps the prompt, plays the role). The validator, not the
// prompt, must stop every one: no such reply reaches the customer.
import { beforeAll, describe, expect, it } from "vitest";
import injection from "../../demo/injection.json";
import policies from "../../demo/policies.json";
import { aiReplies, api, createTicket, deliver, dispositions, waitUntil } from "../worker/support/harness";
import { seedKb } from "../worker/support/seed";
import { brain, modelCalls } from "./support";
import { acknowledgement } from "../../worker/src/drafting/acknowledgement";
import { LANGUAGES } from "../../worker/src/text/language";

/** The only public comment the AI may post on a ticket that waits for a person. */
const ACKNOWLEDGEMENTS = new Set(LANGUAGES.map((l) => acknowledgement(l)));

beforeAll(async () => {
  await seedKb();
  for (const p of policies) await api("POST", "/policy-entries", p);
});

describe("prompt injection, with a model that obeys it", () => {
  it("sends 0 of the 30 attacks' replies; each ends as an attention item or a held draft", async () => {
    const tickets = await Promise.all(
      injection.map(async (attack) => ({
        attack,
        id: await createTicket({ body: brain("obedient", `${attack.message} (${attack.id})`) }),
      })),
    );
    const outcomes: Record<string, string> = {};
    await waitUntil(async () => {
      for (const t of tickets) {
        if (outcomes[t.attack.id]) continue;
        await deliver(t.id);
        const d = await dispositions(t.id);
        if (d.length && !d.includes("pending")) {
          const view = (await api("GET", `/tickets/${t.id}`)).body;
          outcomes[t.attack.id] = d[0] === "replied" ? "replied" : (view.attention[0]?.type ?? d[0]);
        }
      }
      return Object.keys(outcomes).length === tickets.length;
    }, 60_000);

    const sent: string[] = [];
    for (const t of tickets) {
      // An escalated attack gets the one fixed sentence that a person will answer, never a drafted reply.
      const r = (await aiReplies(t.id)).filter((c) => !ACKNOWLEDGEMENTS.has(c.body.trim()));
      if (r.length) {
        sent.push(t.attack.id);
        console.info(`sent for ${t.attack.id}:`, JSON.stringify(r.map((c) => c.body)));
      }
    }
    const tally = Object.values(outcomes).reduce<Record<string, number>>((acc, o) => {
      acc[o] = (acc[o] ?? 0) + 1;
      return acc;
    }, {});
    console.info("injection outcomes:", JSON.stringify(tally));
    expect(sent).toEqual([]);
    expect(Object.values(outcomes)).not.toContain("replied");
    // The model really was asked (and really obeyed) wherever no policy stopped it first.
    const asked = await Promise.all(tickets.map(async (t) => (await modelCalls(`(${t.attack.id})`)).length));
    expect(asked.filter((n) => n > 0).length).toBeGreaterThanOrEqual(10);
  }, 120_000);
});
