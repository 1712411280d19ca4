// The control API that plays Zendesk's own UI: seeding tickets with history, users, and resetting.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZendeskStandin } from "../../../standin/zendesk/server.ts";
import { AI, api, control, seedTicket, start } from "./support.ts";

let zd: ZendeskStandin;
let o: string;

beforeAll(async () => {
  zd = await start();
  o = zd.origin;
});
afterAll(() => zd.close());

describe("control API", () => {
  it("seeds history with the status asked for, and refuses a bad seed whole", async () => {
    const agent = { id: 710, name: "Bo", role: "agent" };
    const seeded = await seedTicket(o, 702, {
      status: "solved",
      comments: [{ body: "Q" }, { body: "A", author: agent }, { body: "Thanks" }],
      notify: false,
    });
    expect(seeded.ticket.status).toBe("solved");
    expect(seeded.comments.map((c: { author_id: number }) => c.author_id)).toEqual([
      seeded.ticket.requester_id,
      710,
      seeded.ticket.requester_id,
    ]);
    expect(seeded.events).toEqual([]);
    const bad = await control(o, "/tickets", "POST", {
      id: 703,
      subject: "Bad",
      requester: { name: "C" },
      comments: [{ body: "ok" }, { body: "  " }],
    });
    expect(bad.status).toBe(422);
    expect((await control(o, "/tickets/703")).status).toBe(404);
    expect(
      (
        await control(o, "/tickets", "POST", {
          id: 702,
          subject: "x",
          requester: { name: "C" },
          comments: [{ body: "x" }],
        })
      ).status,
    ).toBe(409);
  });

  it("upserts users, reports health, and resets everything", async () => {
    const agent = await control(o, "/users", "POST", { id: 700, name: "Ana", role: "agent" });
    expect(agent.body.user).toMatchObject({ id: 700, role: "agent", active: true, suspended: false });
    await seedTicket(o, 701);
    const byAgent = await control(o, "/tickets/701/comments", "POST", {
      body: "I will take this",
      author: { id: 700, name: "Ana", role: "agent" },
    });
    expect(byAgent.body.events[0].event.comment.author).toEqual({ id: "700", is_staff: true, name: "Ana" });
    const health = await control(o, "/health");
    expect(health.body).toMatchObject({
      ok: true,
      apiUser: { id: AI },
      subdomain: "default",
      accountId: 10000001,
    });
    expect((await control(o, "/reset", "POST")).status).toBe(200);
    expect((await control(o, "/tickets/701")).status).toBe(404);
    expect(await (await fetch(`${o}/__standin/requests`)).json()).toEqual([]);
    expect((await api(o, "/api/v2/users/me.json")).body.user.id).toBe(AI);
    expect((await control(o, "/nothing")).status).toBe(404);
  });

  it("is off on a host that is not loopback unless asked for", async () => {
    const off = await start({ control: false });
    try {
      expect((await control(off.origin, "/health")).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
