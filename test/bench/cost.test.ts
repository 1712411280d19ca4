// `npm run bench` (OHALLO_BENCH=1, project `bench`): the D1 round trips and Zendesk calls of an answered
// new ticket, an answered follow-up and the echo of each reply, measured as test/worker/cost.test.ts
// measures them (test/worker/support/cost.ts). Reports and never asserts; bench/workerd.ts reads the
// one line it prints.
import { beforeAll, it } from "vitest";
import { measuredDelivery } from "../worker/support/cost";
import { aiReplies, createTicket, customerWrites, dispositions } from "../worker/support/harness";
import { SHIPPING_QUESTION, seedKb } from "../worker/support/seed";

beforeAll(async () => {
  await seedKb();
});

it("measures a new ticket, a follow-up and the echo of each reply", async () => {
  const id = await createTicket({ body: SHIPPING_QUESTION });
  const created = await measuredDelivery(id);
  const echoCreated = await measuredDelivery(id);
  await customerWrites(id, "How many days do I have to return home goods and textiles?");
  const followUp = await measuredDelivery(id);
  const echoFollowUp = await measuredDelivery(id);
  const result = {
    dispositions: await dispositions(id),
    replies: (await aiReplies(id)).length,
    created,
    echoCreated,
    followUp,
    echoFollowUp,
  };
  console.log(`OHALLO_BENCH_COST ${JSON.stringify(result)}`);
});
