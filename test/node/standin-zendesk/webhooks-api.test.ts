// The Webhooks API: create (validated), list with cursor pagination, show, update, patch, delete, the signing
// secret; each account delivers each event to each of its active subscribed webhooks with that webhook's secret.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZendeskStandin } from "../../../standin/zendesk/server.ts";
import { api, control, receiver, start } from "./support.ts";

let zd: ZendeskStandin;
let o: string;
const EVENTS = [
  "zen:event-type:ticket.comment_added",
  "zen:event-type:ticket.created",
  "zen:event-type:ticket.status_changed",
];
const hook = (extra: Record<string, unknown> = {}) => ({
  webhook: {
    name: "oHallo",
    status: "active",
    endpoint: "https://worker.example/webhooks/zendesk",
    http_method: "POST",
    request_format: "json",
    subscriptions: EVENTS,
    ...extra,
  },
});

beforeAll(async () => {
  zd = await start();
  o = zd.origin;
});
afterAll(() => zd.close());

describe("Webhooks API", () => {
  it("creates a webhook (201) with a Zendesk-like string id and no secret in the answer", async () => {
    const res = await api(o, "/api/v2/webhooks", { method: "POST", body: hook() });
    expect(res.status).toBe(201);
    expect(res.body.webhook).toMatchObject({
      id: expect.stringMatching(/^01[0-9A-HJKMNP-TV-Z]{24}$/),
      name: "oHallo",
      status: "active",
      subscriptions: EVENTS,
      created_by: "900001",
    });
    expect(res.body.webhook.created_at).toMatch(/:\d\dZ$/);
    expect(JSON.stringify(res.body)).not.toContain("secret");
    const secret = await api(o, `/api/v2/webhooks/${res.body.webhook.id}/signing_secret`);
    expect(secret.body).toEqual({ signing_secret: { algorithm: "SHA256", secret: expect.any(String) } });
  });

  it("refuses a webhook missing what Zendesk requires, naming each field", async () => {
    const res = await api(o, "/api/v2/webhooks", {
      method: "POST",
      body: {
        webhook: { name: "", status: "on", endpoint: "not a url", http_method: "GET", subscriptions: EVENTS },
      },
    });
    expect(res.status).toBe(400);
    const fields = res.body.errors.map((e: { source: { pointer: string } }) => e.source.pointer);
    expect(fields).toEqual(
      expect.arrayContaining([
        "/webhook/name",
        "/webhook/status",
        "/webhook/endpoint",
        "/webhook/request_format",
      ]),
    );
    expect(fields).toContain("/webhook/subscriptions");
    const none = await api(o, "/api/v2/webhooks", { method: "POST", body: hook({ subscriptions: [] }) });
    expect(none.status).toBe(400);
    expect((await api(o, "/api/v2/webhooks", { method: "POST", body: {} })).status).toBe(400);
  });

  it("keeps a signing secret given on create", async () => {
    const res = await api(o, "/api/v2/webhooks", {
      method: "POST",
      body: hook({ signing_secret: { algorithm: "SHA256", secret: "given-secret" } }),
    });
    const secret = await api(o, `/api/v2/webhooks/${res.body.webhook.id}/signing_secret`);
    expect(secret.body.signing_secret.secret).toBe("given-secret");
  });

  it("lists with cursor pagination and filters", async () => {
    const all = await api(o, "/api/v2/webhooks");
    expect(all.body.meta.has_more).toBe(false);
    expect(all.body.webhooks.length).toBeGreaterThanOrEqual(2);
    const first = await api(o, "/api/v2/webhooks?page[size]=1");
    expect(first.body.webhooks).toHaveLength(1);
    expect(first.body.meta.has_more).toBe(true);
    const next = await api(o, first.body.links.next.slice(o.length));
    expect(next.body.webhooks[0].id).not.toBe(first.body.webhooks[0].id);
    expect((await api(o, "/api/v2/webhooks?filter[status]=inactive")).body.webhooks).toEqual([]);
  });

  it("shows, patches (204), replaces (204), resets the secret and deletes (204, then 404)", async () => {
    const id = (await api(o, "/api/v2/webhooks", { method: "POST", body: hook() })).body.webhook.id;
    expect((await api(o, `/api/v2/webhooks/${id}`)).body.webhook.id).toBe(id);
    const patched = await api(o, `/api/v2/webhooks/${id}`, {
      method: "PATCH",
      body: { webhook: { status: "inactive" } },
    });
    expect(patched.status).toBe(204);
    expect((await api(o, `/api/v2/webhooks/${id}`)).body.webhook).toMatchObject({
      status: "inactive",
      name: "oHallo",
    });
    const partialPut = await api(o, `/api/v2/webhooks/${id}`, {
      method: "PUT",
      body: { webhook: { name: "x" } },
    });
    expect(partialPut.status).toBe(400);
    expect(
      (await api(o, `/api/v2/webhooks/${id}`, { method: "PUT", body: hook({ name: "renamed" }) })).status,
    ).toBe(204);
    const before = (await api(o, `/api/v2/webhooks/${id}/signing_secret`)).body.signing_secret.secret;
    const reset = await api(o, `/api/v2/webhooks/${id}/signing_secret`, { method: "POST" });
    expect(reset.body.signing_secret.secret).not.toBe(before);
    expect((await api(o, `/api/v2/webhooks/${id}`, { method: "DELETE" })).status).toBe(204);
    const gone = await api(o, `/api/v2/webhooks/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.errors[0].code).toBe("RecordNotFound");
  });

  it("fails creation on demand, so a caller's rollback can be tested", async () => {
    await control(o, "/faults", "POST", { match: { method: "POST", path: "/api/v2/webhooks" }, status: 500 });
    expect((await api(o, "/api/v2/webhooks", { method: "POST", body: hook() })).status).toBe(500);
    expect((await api(o, "/api/v2/webhooks", { method: "POST", body: hook() })).status).toBe(201);
  });
});

describe("deliveries to registered webhooks", () => {
  it("delivers each event to each active subscribed webhook of the account, signed with its own secret", async () => {
    const sub = "deliver";
    await control(o, "/accounts", "POST", {
      subdomain: sub,
      apiToken: "t",
      admin: { name: "A", email: "a@d.example" },
    });
    const base = `${o}/${sub}`;
    const auth = `Basic ${btoa("a@d.example/token:t")}`;
    const one = await receiver(() => ({ status: 202 }));
    const two = await receiver(() => ({ status: 202 }));
    const off = await receiver(() => ({ status: 202 }));
    const make = async (endpoint: string, extra: Record<string, unknown> = {}) =>
      (await api(base, "/api/v2/webhooks", { method: "POST", auth, body: hook({ endpoint, ...extra }) })).body
        .webhook.id;
    const id1 = await make(one.url);
    const id2 = await make(two.url, { subscriptions: ["zen:event-type:ticket.status_changed"] });
    await make(off.url, { status: "inactive" });
    const secretOf = async (id: string) =>
      (await api(base, `/api/v2/webhooks/${id}/signing_secret`, { auth })).body.signing_secret.secret;
    const [s1, s2] = [await secretOf(id1), await secretOf(id2)];
    await control(base, "/tickets", "POST", {
      id: 5,
      subject: "Hi",
      requester: { name: "C" },
      comments: [{ body: "hi" }],
    });
    await control(base, "/tickets/5", "PATCH", { status: "solved" });
    await zd.settled();
    try {
      // Deliveries are concurrent requests: like Zendesk's, they may arrive in any order.
      expect(one.received.map((r) => JSON.parse(r.body).type).sort()).toEqual([
        "zen:event-type:ticket.comment_added",
        "zen:event-type:ticket.created",
        "zen:event-type:ticket.status_changed",
      ]);
      expect(two.received.map((r) => JSON.parse(r.body).type)).toEqual([
        "zen:event-type:ticket.status_changed",
      ]);
      expect(off.received).toEqual([]);
      for (const [r, id, secret] of [
        [one, id1, s1],
        [two, id2, s2],
      ] as const) {
        for (const got of r.received) {
          const ts = String(got.headers["x-zendesk-webhook-signature-timestamp"]);
          expect(got.headers["x-zendesk-webhook-signature"]).toBe(
            createHmac("sha256", secret)
              .update(ts + got.body)
              .digest("base64"),
          );
          expect(got.headers["x-zendesk-webhook-id"]).toBe(id);
          expect(got.headers["x-zendesk-account-id"]).toBe("10000002");
        }
      }
      // The other accounts' webhooks heard nothing of it.
      expect((await control(o, "/deliveries?ticketId=5")).body).toEqual([]);
    } finally {
      await Promise.all([one.close(), two.close(), off.close()]);
    }
  });
});
