// Per-account limits: Zendesk's 429 with Retry-After slows that account's queue
// work instead of dropping it, and an answered message costs one ticket update
// (the reply carries the tags), so the Worker stays inside Update Ticket's limits.
// The AI touches only the channels, brands and groups an admin allows.
import { describe, expect, it } from "vitest";
import kb from "../../demo/kb.json";
import { api, connect, createAccount, createTicket, deliver, requests, ticket } from "./support/accounts";
import { waitUntil } from "./support/harness";

const SHIP = "Which countries do you ship to?";
const shipping = kb.find((e) => e.question === SHIP);

const aiReplies = async (account: Awaited<ReturnType<typeof createAccount>>, id: number) =>
  (await ticket(account, id)).comments.filter((c) => c.author_id === account.admin.id && c.public);

describe("Zendesk's limits", () => {
  it("one ticket update per answered message: the reply carries the tags, nothing tag-only", async () => {
    const account = await createAccount("initrode");
    const { secret } = await connect(account);
    await api(secret, "POST", "/kb-entries", shipping);
    await account.control("DELETE", "/requests");
    const id = await createTicket(account, SHIP);
    await waitUntil(async () => {
      await deliver(account, id);
      return (await aiReplies(account, id)).length === 1;
    });
    await account.control("POST", `/tickets/${id}/comments`, {
      body: `${SHIP} Also Norway?`,
      public: true,
      author: "requester",
    });
    await waitUntil(async () => {
      await deliver(account, id);
      return (await aiReplies(account, id)).length === 2;
    });
    const puts = (await requests(account)).filter(
      (r) => r.method === "PUT" && r.path.startsWith(`/api/v2/tickets/${id}`),
    );
    expect(puts).toHaveLength(2);
    expect((await ticket(account, id)).ticket.tags).toContain("ohallo_ai");
  });

  it("a 429 with Retry-After slows that account's work: every message answered once, no storm of retries", async () => {
    const account = await createAccount("vandelay");
    const { secret } = await connect(account);
    await api(secret, "POST", "/kb-entries", shipping);
    await account.control("DELETE", "/requests");
    await account.control("POST", "/faults", {
      match: { method: "GET" },
      status: 429,
      retryAfter: 2,
      times: 1,
    });
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await createTicket(account, `${SHIP} (${i})`));
    await Promise.all(ids.map((id) => deliver(account, id)));
    await waitUntil(
      async () =>
        (await Promise.all(ids.map(async (id) => (await aiReplies(account, id)).length === 1))).every(
          Boolean,
        ),
      40_000,
    );
    for (const id of ids) expect(await aiReplies(account, id)).toHaveLength(1);
    const limited = (await requests(account)).filter((r) => r.status === 429);
    expect(limited).toHaveLength(1);
  }, 60_000);
});

describe("which tickets the AI touches", () => {
  it("only the channels an admin allows: other tickets are recorded, not answered, not tagged", async () => {
    const account = await createAccount("soylent");
    const { secret } = await connect(account);
    await api(secret, "POST", "/kb-entries", shipping);
    expect(
      (
        await api(secret, "PATCH", "/settings", {
          scope: { channels: ["email"], brandIds: [], groupIds: [] },
        })
      ).status,
    ).toBe(200);
    const web = await createTicket(account, SHIP); // the stand-in's tickets come in through the web form
    await deliver(account, web);
    await waitUntil(async () => {
      const d = (await api(secret, "GET", `/tickets/${web}`)).body as { events: { type: string }[] };
      return d.events.some((e) => e.type === "customer_message_held");
    });
    expect(await aiReplies(account, web)).toHaveLength(0);
    expect((await ticket(account, web)).ticket.tags.filter((t) => t.startsWith("ohallo_"))).toEqual([]);

    await api(secret, "PATCH", "/settings", { scope: { channels: ["web"], brandIds: [], groupIds: [] } });
    const allowed = await createTicket(account, SHIP);
    await waitUntil(async () => {
      await deliver(account, allowed);
      return (await aiReplies(account, allowed)).length === 1;
    });
  });
});
