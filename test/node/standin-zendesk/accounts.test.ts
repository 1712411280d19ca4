// Many accounts on one server: `{origin}/{subdomain}/...` is that account, the root is the default one. Each has
// its own records, id ranges, credentials, events, faults, limits and request log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZendeskStandin } from "../../../standin/zendesk/server.ts";
import { api, BASIC, control, seedTicket, start } from "./support.ts";

let zd: ZendeskStandin;
let o: string;
const basic = (email: string, token: string) => `Basic ${btoa(`${email}/token:${token}`)}`;
const ACME = basic("admin@acme.example", "acme-token");
const GLOBEX = basic("admin@globex.example", "globex-token");

beforeAll(async () => {
  zd = await start({ subdomain: "nordlys" });
  o = zd.origin;
  for (const [subdomain, token] of [
    ["acme", "acme-token"],
    ["globex", "globex-token"],
  ] as const) {
    const res = await control(o, "/accounts", "POST", {
      subdomain,
      admin: { name: `${subdomain} admin`, email: `admin@${subdomain}.example` },
      apiToken: token,
    });
    expect(res.status).toBe(201);
    expect(res.body.account).toMatchObject({
      subdomain,
      base: `${o}/${subdomain}`,
      admin: { role: "admin" },
    });
  }
});
afterAll(() => zd.close());

describe("accounts", () => {
  it("lists every account; refuses a taken, reserved or malformed subdomain", async () => {
    const list = (await control(o, "/accounts")).body.accounts.map((a: { subdomain: string }) => a.subdomain);
    expect(list).toEqual(["nordlys", "acme", "globex"]);
    expect((await control(o, "/accounts", "POST", { subdomain: "acme" })).status).toBe(409);
    for (const subdomain of ["api", "oauth", "Bad_Name", "-x"]) {
      expect((await control(o, "/accounts", "POST", { subdomain })).status).toBe(400);
    }
    expect((await api(o, "/nowhere/api/v2/users/me.json")).status).toBe(404);
  });

  it("answers the default account at the root and at its own subdomain", async () => {
    expect((await api(o, "/api/v2/users/me.json")).body.user.id).toBe(900001);
    expect((await api(`${o}/nordlys`, "/api/v2/users/me.json")).body.user.id).toBe(900001);
  });

  it("keeps each account's tickets, users and ids to itself", async () => {
    await seedTicket(`${o}/acme`, 500);
    expect((await api(`${o}/acme`, "/api/v2/tickets/500.json", { auth: ACME })).status).toBe(200);
    expect((await api(`${o}/globex`, "/api/v2/tickets/500.json", { auth: GLOBEX })).status).toBe(404);
    expect((await api(o, "/api/v2/tickets/500.json")).status).toBe(404);
    const create = (base: string, auth: string) =>
      api(base, "/api/v2/tickets.json", {
        method: "POST",
        auth,
        body: { ticket: { comment: { body: "Hi" } } },
      });
    const a = (await create(`${o}/acme`, ACME)).body.ticket;
    const g = (await create(`${o}/globex`, GLOBEX)).body.ticket;
    const d = (await create(o, BASIC)).body.ticket;
    expect(new Set([a.id, g.id, d.id]).size).toBe(3);
    expect(a.url).toBe(`${o}/acme/api/v2/tickets/${a.id}.json`);
    const me = (await api(`${o}/acme`, "/api/v2/users/me.json", { auth: ACME })).body.user;
    expect(me).toMatchObject({ name: "acme admin", email: "admin@acme.example", role: "admin" });
    expect(me.id).not.toBe(900001);
  });

  it("accepts each account's credentials only on that account", async () => {
    expect((await api(`${o}/acme`, "/api/v2/users/me.json", { auth: GLOBEX })).status).toBe(401);
    expect((await api(`${o}/acme`, "/api/v2/users/me.json", { auth: BASIC })).status).toBe(401);
    expect((await api(o, "/api/v2/users/me.json", { auth: ACME })).status).toBe(401);
  });

  it("keeps events, faults, limits and the request log per account", async () => {
    await seedTicket(`${o}/globex`, 600);
    const events = (await control(`${o}/globex`, "/events?ticketId=600")).body;
    expect(events.map((e: { body: { account_id: number } }) => e.body.account_id)).toEqual([
      10000003, 10000003,
    ]);
    expect((await control(`${o}/acme`, "/events?ticketId=600")).body).toEqual([]);

    await control(`${o}/acme`, "/faults", "POST", { match: { pathPrefix: "/api/v2/users" }, status: 503 });
    expect((await api(`${o}/globex`, "/api/v2/users/me.json", { auth: GLOBEX })).status).toBe(200);
    expect((await api(`${o}/acme`, "/api/v2/users/me.json", { auth: ACME })).status).toBe(503);

    await control(`${o}/acme`, "/rate-limit", "PUT", { requestsPerMinute: 1 });
    expect((await api(`${o}/acme`, "/api/v2/users/me.json", { auth: ACME })).status).toBe(200);
    expect((await api(`${o}/acme`, "/api/v2/users/me.json", { auth: ACME })).status).toBe(429);
    expect((await api(`${o}/globex`, "/api/v2/users/me.json", { auth: GLOBEX })).status).toBe(200);

    const log = (await control(`${o}/acme`, "/requests")).body;
    expect(log.length).toBeGreaterThan(0);
    expect(log.every((r: { path: string }) => r.path.startsWith("/api/v2/"))).toBe(true);
    const globexPaths = (await control(`${o}/globex`, "/requests")).body.map((r: { path: string }) => r.path);
    expect(globexPaths).toContain("/api/v2/users/me.json");
    expect(zd.account("acme")?.requests.list().length).toBe(log.length);
  });

  it("resets one account, or the whole server from the root", async () => {
    await control(`${o}/globex`, "/reset", "POST");
    expect((await control(`${o}/globex`, "/tickets/600")).status).toBe(404);
    expect((await control(`${o}/acme`, "/tickets/500")).status).toBe(200);
    await control(o, "/reset", "POST");
    expect((await control(o, "/accounts")).body.accounts).toHaveLength(1);
    expect((await api(`${o}/acme`, "/api/v2/users/me.json", { auth: ACME })).status).toBe(404);
  });
});
