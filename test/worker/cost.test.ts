// The cost of an answered message, measured on the real Worker: D1 round trips and Zendesk calls
// for a new ticket, a follow-up, and the echo of the AI's own reply (issue 12's goals: at most 4
// round trips and 2 Zendesk calls per answered message; the echo recognised in one).
import { beforeAll, describe, expect, it } from "vitest";
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
    expect(await dispositions(id)).toEqual(["replied", "replied"]);
    const echo2 = await measuredDelivery(id);
    expect(await aiReplies(id)).toHaveLength(2);
    // One line for `npm run bench`, which reads it from this test's output.
    console.log(`cost: ${JSON.stringify({ created, echo1, followUp, echo2 })}`);
    // An answered follow-up: one batch takes the comment in with every read the round needs and
    // the KB search, then the customer message's version bump, the claim (which writes the draft)
    // and the settle. Zendesk: the ticket's stamp, the comments (a person's reply may still be on
    // its way as a webhook), the reply.
    const oneReply = [
      "GET /api/v2/tickets/:id.json",
      "GET /api/v2/tickets/:id/comments.json",
      "PUT /api/v2/tickets/:id.json",
    ];
    expect(followUp.d1).toBeLessThanOrEqual(4);
    expect(followUp.zendesk).toEqual(oneReply);
    // The echo of our own reply is recognised in the batch that takes it in.
    expect(echo2).toMatchObject({ d1: 1, zendesk: [] });
    // A new ticket: the created event reads the ticket and its comments once for the whole round;
    // the first comment's own announcement is one more batch, which finds it answered.
    expect(created.d1).toBeLessThanOrEqual(5);
    expect(created.zendesk).toEqual(oneReply);
  });
});
