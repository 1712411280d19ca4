// The promise the product rests on: no AI reply after a take over has been
// acknowledged. Two in-flight races, each forced by a slow Zendesk: the D1
// re-check (take over lands while the AI drafts) and Zendesk's 409 (take over
// lands while the reply is on the wire). Zendesk's stamps have whole seconds:
// the 409 path needs the change in a later second (the test waits for one);
// within one second the lease wait alone keeps the promise.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ANA,
  aiReplies,
  api,
  control,
  createTicket,
  customerWrites,
  deliver,
  nextSecond,
  dispositions,
  waitUntil,
  zendeskTicket,
} from "./support/harness";
import { seedKb } from "./support/seed";

const SHIP = "Hello! Which countries do you ship to? I'm in Vienna.";

beforeAll(async () => {
  await seedKb();
});

async function requestsFor(ticketId: number): Promise<{ method: string; path: string; status: number }[]> {
  return (await control("GET", `/requests?ticketId=${ticketId}`)) as {
    method: string;
    path: string;
    status: number;
  }[];
}

async function leaseHeld(ticketId: number): Promise<boolean> {
  const row = await env.DB.prepare("SELECT send_lease_id FROM tickets WHERE ticket_id = ?")
    .bind(ticketId)
    .first<{ send_lease_id: string | null }>();
  return row?.send_lease_id != null;
}

describe("take over while a reply is in flight", () => {
  it("D1 re-check: a take over acknowledged while the AI drafts stops the reply", async () => {
    const id = await createTicket({ body: SHIP });
    // Zendesk is slow to list comments: the AI has read the ticket but not decided yet.
    await control("POST", "/faults", {
      match: { method: "GET", pathPrefix: `/api/v2/tickets/${id}/comments` },
      delayMs: 1500,
      times: 10,
    });
    await deliver(id);
    await waitUntil(async () =>
      (await requestsFor(id)).some((r) => r.method === "GET" && r.path === `/api/v2/tickets/${id}.json`),
    );
    const taken = await api("POST", `/tickets/${id}/takeover`, { agent: ANA });
    expect(taken.status).toBe(200);
    await waitUntil(async () => (await dispositions(id)).includes("held"), 15_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(await aiReplies(id)).toHaveLength(0);
    const puts = (await requestsFor(id)).filter(
      (r) => r.method === "PUT" && r.path === `/api/v2/tickets/${id}.json`,
    );
    // Only the take over's tag mirror was written; no reply was even attempted.
    expect(puts.every((p) => p.status === 200)).toBe(true);
    await control("DELETE", "/faults");
  });

  it("Zendesk 409: a take over while the reply is on the wire is answered only after it was refused", async () => {
    const id = await createTicket({ body: SHIP });
    // Zendesk is slow to take the first write (the AI's reply, which carries the
    // ticket's first tags); the take over's own tag update overtakes it.
    await control("POST", "/faults", {
      match: { method: "PUT", pathPrefix: `/api/v2/tickets/${id}.json` },
      delayMs: 3000,
      times: 1,
    });
    await deliver(id);
    await waitUntil(() => leaseHeld(id), 15_000);
    // The take over's tags land in a later second than the stamp the reply carries.
    await nextSecond();
    const started = Date.now();
    const taken = await api("POST", `/tickets/${id}/takeover`, { agent: ANA });
    expect(taken.status).toBe(200);
    // The answer waited for the in-flight send to settle.
    expect(Date.now() - started).toBeGreaterThan(300);
    expect(await leaseHeld(id)).toBe(false);
    expect(await aiReplies(id)).toHaveLength(0);
    const log = await requestsFor(id);
    expect(log.some((r) => r.method === "PUT" && r.status === 409)).toBe(true);
    await waitUntil(async () => (await dispositions(id)).includes("held"), 15_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(await aiReplies(id)).toHaveLength(0);
    expect((await zendeskTicket(id)).ticket.tags).toContain("ohallo_human");
  });

  it("within one second (no 409 possible), a reply on the wire lands before the take over's answer, never after", async () => {
    const id = await createTicket({ body: SHIP });
    await control("POST", "/faults", {
      match: { method: "PUT", pathPrefix: `/api/v2/tickets/${id}.json` },
      delayMs: 1500,
      times: 1,
    });
    await deliver(id);
    await waitUntil(() => leaseHeld(id), 15_000);
    const taken = await api("POST", `/tickets/${id}/takeover`, { agent: ANA });
    expect(taken.status).toBe(200);
    const atAnswer = (await aiReplies(id)).length;
    // Whatever landed did so before the answer, and the events say so.
    const types = taken.body.events.map((e: { type: string }) => e.type);
    if (atAnswer > 0) expect(types).toContain("ai_replied");
    await customerWrites(id, "Do you also ship to Switzerland?");
    await waitUntil(async () => {
      await deliver(id);
      return (await dispositions(id)).at(-1) === "held";
    }, 15_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(await aiReplies(id)).toHaveLength(atAnswer);
  });

  it("a reply drafted from a stale view (the customer wrote again) is refused by Zendesk and re-examined", async () => {
    const id = await createTicket({ body: SHIP });
    await control("POST", "/faults", {
      match: { method: "GET", pathPrefix: `/api/v2/tickets/${id}/comments` },
      delayMs: 2500,
      times: 2, // the ticket.created handler's read, then the AI's
    });
    await deliver(id);
    await waitUntil(async () =>
      (await requestsFor(id)).some((r) => r.method === "GET" && r.path === `/api/v2/tickets/${id}.json`),
    );
    // The customer writes while the AI drafts, a second later: Zendesk's stamp moves on.
    await nextSecond();
    await customerWrites(id, "Also: do you deliver to Norway?");
    await waitUntil(
      async () => (await requestsFor(id)).some((r) => r.method === "PUT" && r.status === 409),
      15_000,
    );
    // Refused, never forced; the AI then answers from a fresh view.
    await waitUntil(async () => {
      await deliver(id);
      const d = await dispositions(id);
      return d.length === 2 && d.every((x) => x === "replied");
    }, 15_000);
    const replies = await aiReplies(id);
    expect(replies.length).toBeGreaterThanOrEqual(1);
    expect(replies.length).toBeLessThanOrEqual(2);
    expect(await dispositions(id)).toEqual(["replied", "replied"]);
  });
});
