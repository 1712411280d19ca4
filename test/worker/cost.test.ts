// The cost of an answered message, measured on the real Worker: D1 round trips and Zendesk calls
// for a new ticket, a follow-up, and the echo of the AI's own reply (issue 12's goals: at most 4
// round trips and 2 Zendesk calls per answered message; the echo recognised in one).
import { beforeAll, describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { aiReplies, createTicket, customerWrites, dispositions } from "./support/harness";
import { measuredDelivery } from "./support/cost";
import { SHIPPING_QUESTION, seedKb } from "./support/seed";

beforeAll(async () => {
  await seedKb();
});

describe("the cost of an answered message", () => {
  it("measures a new ticket, a follow-up and the echo", async () => {
    const id = await createTicket({ body: SHIPPING_QUESTION });
    const created = await measuredDelivery(id);
    expect(await dispositions(id)).toEqual(["replied"]);
    const echo1 = await measuredDelivery(id);
    await customerWrites(id, "How many days do I have to return home goods and textiles?");
    const followUp = await measuredDelivery(id);
    const items = await env.DB.prepare("SELECT type, reason FROM attention_items WHERE ticket_id = ?").bind(id).all();
    console.log(JSON.stringify(items.results));
    expect(await dispositions(id)).toEqual(["replied", "replied"]);
    const echo2 = await measuredDelivery(id);
    expect(await aiReplies(id)).toHaveLength(2);
    console.log(JSON.stringify({ created, echo1, followUp, echo2 }, null, 1));
  });
});
