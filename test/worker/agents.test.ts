// The acting agent is checked with Zendesk: an active agent or admin of the
// account, never the AI's own user; the name recorded is Zendesk's.
import { describe, expect, it } from "vitest";
import { AI_AGENT_ID, ANA, api, control, createTicket } from "./support/harness";

const calls = [
  (id: number) => `/tickets/${id}/takeover`,
  (id: number) => `/tickets/${id}/release`,
  (id: number) => `/tickets/${id}/resolve`,
];

describe("the acting agent", () => {
  it("forged agents are refused with 403 and change nothing", async () => {
    const id = await createTicket({ body: "hello" });
    const requester = id + 5_000_000; // harness: the requester's user id
    const forged = [
      { id: AI_AGENT_ID, name: "oHallo AI" },
      { id: requester, name: "Greta Customer" },
      { id: 654_321, name: "Nobody" },
    ];
    for (const agent of forged) {
      for (const path of calls) {
        const r = await api("POST", path(id), { agent });
        expect(r.status, `${path(id)} as ${agent.name}`).toBe(403);
      }
      expect((await api("POST", `/tickets/${id}/autonomy`, { mode: "off", agent })).status).toBe(403);
    }
    const view = (await api("GET", `/tickets/${id}`)).body;
    expect(view).toMatchObject({ state: "open", owner: null, autonomy: "auto" });
  });

  it("a call without an agent, or with an agent id that is not a number, is a 400", async () => {
    const id = await createTicket({ body: "hello" });
    for (const body of [{}, { agent: { id: "700001", name: "Ana" } }, { agent: { id: 1.5, name: "Ana" } }]) {
      expect((await api("POST", `/tickets/${id}/takeover`, body)).status).toBe(400);
    }
  });

  it("the name recorded is Zendesk's, whatever the body says", async () => {
    const id = await createTicket({ body: "hello" });
    const r = await api("POST", `/tickets/${id}/takeover`, { agent: { id: ANA.id, name: "Mallory" } });
    expect(r.status).toBe(200);
    expect(r.body.owner).toEqual({ id: ANA.id, name: ANA.name });
    expect(r.body.events.at(-1).actor.name).toBe(ANA.name);
  });

  it("an admin of the account may act", async () => {
    const admin = { id: 700_010, name: "Ada Admin" };
    await control("POST", "/users", { ...admin, role: "admin" });
    const id = await createTicket({ body: "hello" });
    expect((await api("POST", `/tickets/${id}/takeover`, { agent: admin })).status).toBe(200);
  });
});
