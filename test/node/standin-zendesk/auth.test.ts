// Who a request is: API token and static OAuth token, Zendesk's 401 bodies, users as Zendesk answers them
// (role, active, suspended), and what suspended, deleted or end users may no longer do.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZendeskStandin } from "../../../standin/zendesk/server.ts";
import { AI, api, BASIC, control, EMAIL, OAUTH, seedTicket, start, TOKEN } from "./support.ts";

let zd: ZendeskStandin;
let o: string;

beforeAll(async () => {
  zd = await start();
  o = zd.origin;
});
afterAll(() => zd.close());

describe("credentials", () => {
  it("answers 401 Couldn't authenticate you to a missing or wrong API token, 200 to the right one", async () => {
    await seedTicket(o, 101);
    const wrongToken = `Basic ${btoa(`${EMAIL}/token:nope`)}`;
    const wrongEmail = `Basic ${btoa(`other@nordlys.example/token:${TOKEN}`)}`;
    for (const auth of ["", wrongToken, wrongEmail, `Basic ${btoa(`${EMAIL}:${TOKEN}`)}`]) {
      const res = await api(o, "/api/v2/tickets/101.json", { auth });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: "Couldn't authenticate you" });
    }
    expect((await api(o, "/api/v2/tickets/101.json")).status).toBe(200);
    expect((await api(o, "/api/v2/tickets/101.json", { auth: `Bearer ${OAUTH}` })).status).toBe(200);
  });

  it("answers an unknown bearer token with Zendesk's invalid_token body", async () => {
    const res = await api(o, "/api/v2/users/me.json", { auth: "Bearer nope" });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error: "invalid_token",
      error_description:
        "The access token provided is expired, revoked, malformed or invalid for other reasons.",
    });
  });

  it("checks credentials before anything else: a bad one never learns whether a ticket exists", async () => {
    const res = await api(o, "/api/v2/tickets/999999.json", { auth: "Basic bm9wZQ==" });
    expect(res.status).toBe(401);
  });
});

describe("users", () => {
  it("users/me is the admin behind the credentials, with role, role_type and active", async () => {
    const me = (await api(o, "/api/v2/users/me.json")).body.user;
    expect(me).toMatchObject({
      id: AI,
      email: EMAIL,
      role: "admin",
      role_type: 4,
      active: true,
      suspended: false,
    });
  });

  it("a suspended agent stays active but is suspended; a deleted one is inactive", async () => {
    await control(o, "/users", "POST", { id: 710, name: "Ana", role: "agent" });
    await control(o, "/users", "POST", { id: 711, name: "Bo", role: "agent" });
    expect((await control(o, "/users/710", "PATCH", { suspended: true })).status).toBe(200);
    expect((await control(o, "/users/711", "DELETE")).status).toBe(200);
    const ana = (await api(o, "/api/v2/users/710.json")).body.user;
    const bo = (await api(o, "/api/v2/users/711.json")).body.user;
    expect(ana).toMatchObject({ role: "agent", role_type: 0, active: true, suspended: true });
    expect(bo).toMatchObject({ role: "agent", active: false });
    // Re-declaring a user (tests do it freely) does not undo a suspension or a deletion.
    await control(o, "/users", "POST", { id: 710, name: "Ana", role: "agent" });
    expect((await api(o, "/api/v2/users/710.json")).body.user.suspended).toBe(true);
    await control(o, "/users/710", "PATCH", { suspended: false });
    expect((await api(o, "/api/v2/users/710.json")).body.user.suspended).toBe(false);
  });

  it("refuses a deleted agent as assignee", async () => {
    await control(o, "/users", "POST", { id: 712, name: "Cy", role: "agent" });
    await control(o, "/users/712", "DELETE");
    await seedTicket(o, 102, { notify: false });
    const res = await api(o, "/api/v2/tickets/102.json", {
      method: "PUT",
      body: { ticket: { assignee_id: 712 } },
    });
    expect(res.status).toBe(422);
  });
});

describe("who may call what", () => {
  it("the credentials of a suspended admin stop working", async () => {
    const other = await start({ apiUser: { id: 920001 } });
    try {
      expect((await api(other.origin, "/api/v2/users/me.json")).status).toBe(200);
      await control(other.origin, "/users/920001", "PATCH", { suspended: true });
      expect((await api(other.origin, "/api/v2/users/me.json")).status).toBe(401);
      expect((await api(other.origin, "/api/v2/users/me.json", { auth: `Bearer ${OAUTH}` })).status).toBe(
        401,
      );
    } finally {
      await other.close();
    }
  });

  it("webhooks and app installations are for admins only", async () => {
    const agent = await start({ apiUser: { id: 920002 } });
    try {
      await control(agent.origin, "/users", "POST", { id: 920002, name: "Agent", role: "agent" });
      expect((await api(agent.origin, "/api/v2/webhooks")).status).toBe(403);
      expect((await api(agent.origin, "/api/v2/apps/installations.json")).status).toBe(403);
      expect((await api(agent.origin, "/api/v2/users/me.json")).status).toBe(200);
      expect((await api(agent.origin, "/api/v2/views.json")).status).toBe(200);
    } finally {
      await agent.close();
    }
  });

  it("keeps answering the same credentials after a reset", async () => {
    await control(o, "/reset", "POST");
    expect((await api(o, "/api/v2/users/me.json", { auth: BASIC })).body.user.id).toBe(AI);
  });
});
