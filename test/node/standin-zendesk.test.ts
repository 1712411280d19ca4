// The Zendesk stand-in at the wire: what a Support API client and a webhook receiver see.
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZendeskStandin, type ZendeskStandin } from "../../standin/zendesk/server.ts";
import {
  commentAddedEvent,
  signWebhook,
  statusChangedEvent,
  webhookHeaders,
} from "../../standin/zendesk/webhooks.ts";

const EMAIL = "ai@nordlys.example";
const TOKEN = "test-token";
const OAUTH = "oauth-test-token";
const BASIC = `Basic ${btoa(`${EMAIL}/token:${TOKEN}`)}`;
const MS_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

let zd: ZendeskStandin;

beforeAll(async () => {
  zd = await startZendeskStandin({
    email: EMAIL,
    apiToken: TOKEN,
    oauthToken: OAUTH,
    apiUser: { id: 900001 },
  });
});
afterAll(() => zd.close());

async function api(path: string, init: { method?: string; body?: unknown; auth?: string } = {}) {
  const res = await fetch(`${zd.origin}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: init.auth ?? BASIC, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text.startsWith("{") || text.startsWith("[") ? JSON.parse(text) : text,
  };
}

async function control(path: string, method = "GET", body?: unknown) {
  const res = await fetch(`${zd.origin}/__standin${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function seedTicket(id: number, extra: Record<string, unknown> = {}) {
  const res = await control("/tickets", "POST", {
    id,
    subject: `Ticket ${id}`,
    requester: { name: "Customer", email: `customer-${id}@example.com` },
    comments: [{ body: "Where is my order?" }],
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body;
}

describe("Support API auth and errors", () => {
  it("answers 401 to missing or wrong credentials, 200 to token and OAuth", async () => {
    await seedTicket(101);
    const wrongToken = `Basic ${btoa(`${EMAIL}/token:nope`)}`;
    const wrongEmail = `Basic ${btoa(`other@nordlys.example/token:${TOKEN}`)}`;
    for (const auth of ["", wrongToken, wrongEmail, "Bearer nope", `Basic ${btoa(`${EMAIL}:${TOKEN}`)}`]) {
      const res = await api("/api/v2/tickets/101.json", { auth });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: "Couldn't authenticate you" });
    }
    expect((await api("/api/v2/tickets/101.json")).status).toBe(200);
    expect((await api("/api/v2/tickets/101.json", { auth: `Bearer ${OAUTH}` })).status).toBe(200);
  });

  it("answers 404 for a missing ticket and an unknown route", async () => {
    const missing = await api("/api/v2/tickets/999999.json");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: "RecordNotFound", description: "Not found" });
    const unknown = await api("/api/v2/nothing-here.json");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe("InvalidEndpoint");
  });

  it("creates a ticket (201) and reads users", async () => {
    const created = await api("/api/v2/tickets.json", {
      method: "POST",
      body: {
        ticket: {
          subject: "New",
          comment: { body: "Hi" },
          requester: { name: "Ola", email: "ola@example.com" },
        },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.ticket).toMatchObject({ subject: "New", status: "new", description: "Hi" });
    const user = await api(`/api/v2/users/${created.body.ticket.requester_id}.json`);
    expect(user.body.user).toMatchObject({ name: "Ola", email: "ola@example.com", role: "end-user" });
    expect((await api("/api/v2/users/me.json")).body.user).toMatchObject({ id: 900001, email: EMAIL });
  });

  it("answers 422 RecordInvalid for a bad status or an empty comment", async () => {
    await seedTicket(102);
    const badStatus = await api("/api/v2/tickets/102.json", {
      method: "PUT",
      body: { ticket: { status: "done" } },
    });
    expect(badStatus.status).toBe(422);
    expect(badStatus.body.error).toBe("RecordInvalid");
    expect(badStatus.body.details.status).toBeDefined();
    const empty = await api("/api/v2/tickets/102.json", {
      method: "PUT",
      body: { ticket: { comment: { body: " " } } },
    });
    expect(empty.status).toBe(422);
    expect(empty.body.error).toBe("RecordInvalid");
  });
});

describe("safe_update", () => {
  it("refuses a stale stamp with 409 and changes nothing, accepts the current one", async () => {
    await seedTicket(201);
    const before = (await api("/api/v2/tickets/201.json")).body.ticket;
    expect(before.updated_at).toMatch(MS_ISO);
    const customer = await control("/tickets/201/comments", "POST", { body: "Hello?" });
    expect(customer.body.ticket.updated_at > before.updated_at).toBe(true);

    const reply = { comment: { body: "AI reply", public: true, author_id: 900001 }, status: "pending" };
    const stale = await api("/api/v2/tickets/201.json", {
      method: "PUT",
      body: { ticket: { ...reply, safe_update: true, updated_stamp: before.updated_at } },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual({
      error: "UpdateConflict",
      description:
        "Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.",
    });
    const unchanged = await control("/tickets/201");
    expect(unchanged.body.ticket).toEqual(customer.body.ticket);
    expect(unchanged.body.comments).toHaveLength(2);

    const current = unchanged.body.ticket.updated_at;
    const ok = await api("/api/v2/tickets/201.json", {
      method: "PUT",
      body: { ticket: { ...reply, safe_update: true, updated_stamp: current } },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.ticket.status).toBe("pending");
    expect(ok.body.ticket.updated_at > current).toBe(true);
    expect(ok.body.audit.events.map((e: { type: string }) => e.type)).toEqual(["Comment", "Change"]);
    const comments = (await control("/tickets/201")).body.comments;
    expect(comments.at(-1)).toMatchObject({ body: "AI reply", public: true, author_id: 900001 });
    expect(comments.at(-1).id).toBeGreaterThan(10000000);
  });

  it("moves updated_at by at least 1 ms on every change, even within one millisecond", async () => {
    await seedTicket(202);
    const stamps: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await api("/api/v2/tickets/202/tags.json", { method: "PUT", body: { tags: [`t${i}`] } });
      expect(res.status).toBe(200);
      stamps.push((await api("/api/v2/tickets/202.json")).body.ticket.updated_at);
    }
    for (let i = 1; i < stamps.length; i++)
      expect(Date.parse(stamps[i] ?? "")).toBeGreaterThan(Date.parse(stamps[i - 1] ?? ""));
  });
});

describe("tags", () => {
  it("adds with PUT, sets with POST, removes with DELETE, and bumps updated_at", async () => {
    await seedTicket(301, { tags: ["vip"] });
    const stamp = async () => (await api("/api/v2/tickets/301.json")).body.ticket.updated_at;
    const t0 = await stamp();
    const added = await api("/api/v2/tickets/301/tags.json", {
      method: "PUT",
      body: { tags: ["ohallo_ai"] },
    });
    expect(added.body.tags).toEqual(["vip", "ohallo_ai"]);
    const t1 = await stamp();
    expect(t1 > t0).toBe(true);
    const set = await api("/api/v2/tickets/301/tags.json", {
      method: "POST",
      body: { tags: ["ohallo_human", "x"] },
    });
    expect(set.status).toBe(201);
    expect(set.body.tags).toEqual(["ohallo_human", "x"]);
    const removed = await api("/api/v2/tickets/301/tags.json", { method: "DELETE", body: { tags: ["x"] } });
    expect(removed.body.tags).toEqual(["ohallo_human"]);
    expect((await stamp()) > t1).toBe(true);
    expect((await api("/api/v2/tickets/301/tags.json")).body.tags).toEqual(["ohallo_human"]);

    const update = await api("/api/v2/tickets/301.json", {
      method: "PUT",
      body: { ticket: { additional_tags: ["ohallo_attention"], remove_tags: ["ohallo_human"] } },
    });
    expect(update.body.ticket.tags).toEqual(["ohallo_attention"]);
  });
});

describe("comment pagination", () => {
  it("pages 250 comments by 100 with cursors and links", async () => {
    const comments = Array.from({ length: 250 }, (_, i) => ({ body: `message ${i}` }));
    await seedTicket(401, { comments, notify: false });
    const seen: string[] = [];
    const pages: { has_more: boolean; count: number }[] = [];
    let next: string | null = `${zd.origin}/api/v2/tickets/401/comments.json`;
    while (next) {
      const res = await api(next.slice(zd.origin.length));
      expect(res.status).toBe(200);
      pages.push({ has_more: res.body.meta.has_more, count: res.body.comments.length });
      seen.push(...res.body.comments.map((c: { body: string }) => c.body));
      expect(res.body.meta.after_cursor).toEqual(expect.any(String));
      if (res.body.links.next) expect(res.body.links.next.startsWith(`${zd.origin}/api/v2/`)).toBe(true);
      next = res.body.meta.has_more ? res.body.links.next : null;
    }
    expect(pages).toEqual([
      { has_more: true, count: 100 },
      { has_more: true, count: 100 },
      { has_more: false, count: 50 },
    ]);
    expect(seen).toEqual(comments.map((c) => c.body));

    const first = await api("/api/v2/tickets/401/comments.json?page[size]=100");
    const second = await api(
      `/api/v2/tickets/401/comments.json?page[size]=100&page[after]=${first.body.meta.after_cursor}`,
    );
    expect(second.body.comments[0].body).toBe("message 100");
    expect(second.body.links.prev).toEqual(expect.stringContaining("page%5Bbefore%5D"));
    const last = await api(
      `/api/v2/tickets/401/comments.json?page[size]=10&page[after]=${second.body.meta.after_cursor}`,
    );
    expect(last.body.comments[0].body).toBe("message 200");

    const desc = await api("/api/v2/tickets/401/comments.json?page[size]=3&sort_order=desc");
    expect(desc.body.comments.map((c: { body: string }) => c.body)).toEqual([
      "message 249",
      "message 248",
      "message 247",
    ]);
    expect((await api("/api/v2/tickets/401/comments.json?page[size]=101")).status).toBe(400);
  });
});

describe("faults and rate limits", () => {
  it("answers 429 with Retry-After for the next N matching requests, then normally", async () => {
    await seedTicket(501);
    const fault = await control("/faults", "POST", {
      match: { ticketId: 501 },
      status: 429,
      times: 2,
      retryAfter: 7,
    });
    expect(fault.status).toBe(201);
    const other = await api("/api/v2/users/me.json");
    expect(other.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await api("/api/v2/tickets/501.json");
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("7");
      expect(res.body.error).toBe("APIRateLimitExceeded");
    }
    expect((await api("/api/v2/tickets/501.json")).status).toBe(200);
    const log = await control("/requests?ticketId=501");
    expect(log.body.map((r: { status: number }) => r.status)).toEqual([429, 429, 200]);
    expect(log.body[0]).toMatchObject({ method: "GET", path: "/api/v2/tickets/501.json" });
  });

  it("delays matching requests by delayMs and then handles them", async () => {
    await seedTicket(502);
    await control("/faults", "POST", {
      match: { method: "GET", pathPrefix: "/api/v2/tickets/502" },
      delayMs: 200,
      times: 1,
    });
    let started = performance.now();
    const slow = await api("/api/v2/tickets/502.json");
    expect(slow.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    started = performance.now();
    await api("/api/v2/tickets/502.json");
    expect(performance.now() - started).toBeLessThan(150);
  });

  it("answers 5xx faults, and DELETE clears them", async () => {
    await seedTicket(503);
    await control("/faults", "POST", { match: { ticketId: 503 }, status: 503, times: 5 });
    expect((await api("/api/v2/tickets/503.json")).status).toBe(503);
    expect((await control("/faults", "DELETE")).body.cleared).toBe(1);
    expect((await api("/api/v2/tickets/503.json")).status).toBe(200);
  });

  it("limits Update Ticket per minute like Zendesk when configured", async () => {
    await seedTicket(504);
    await control("/rate-limit", "PUT", { ticketUpdatesPerMinute: 1 });
    const body = { ticket: { additional_tags: ["a"] } };
    expect((await api("/api/v2/tickets/504.json", { method: "PUT", body })).status).toBe(200);
    const limited = await api("/api/v2/tickets/504.json", { method: "PUT", body });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await api("/api/v2/tickets/504.json")).status).toBe(200);
    await control("/rate-limit", "DELETE");
  });
});

describe("webhook bodies and signatures", () => {
  // Zendesk's older doc page: its vector was computed over body + timestamp.
  const vector = {
    secret: "HRkRd4BeOAoUkfZr-mhauJT64rvBASlJRoIyPsd3zeA=",
    body: '{"say": "hello"}',
    timestamp: "2021-07-25T10:00:00Z",
    signature: "tRDSF7URY8BLCDlaBcQ7FHu051Zk+aAB0NKMP53teMw=",
  };
  const hmac = (secret: string, data: string) => createHmac("sha256", secret).update(data).digest("base64");

  it("signs timestamp + body (the old vector matches body + timestamp, so it differs)", async () => {
    expect(hmac(vector.secret, vector.body + vector.timestamp)).toBe(vector.signature);
    const ours = await signWebhook(vector.secret, vector.timestamp, vector.body);
    expect(ours).toBe(hmac(vector.secret, vector.timestamp + vector.body));
    expect(ours).not.toBe(vector.signature);
  });

  it("builds the headers of a delivery", async () => {
    const headers = await webhookHeaders({
      secret: "s",
      rawBody: "{}",
      accountId: 42,
      timestamp: "2026-01-01T00:00:00Z",
    });
    expect(headers).toMatchObject({
      "X-Zendesk-Webhook-Signature": hmac("s", "2026-01-01T00:00:00Z{}"),
      "X-Zendesk-Webhook-Signature-Timestamp": "2026-01-01T00:00:00Z",
      "X-Zendesk-Account-Id": "42",
      "Content-Type": "application/json",
    });
    expect(headers["X-Zendesk-Webhook-Id"]).toBeTruthy();
    expect(headers["X-Zendesk-Webhook-Invocation-Id"]).toBeTruthy();
  });

  it("can shape ids as strings and statuses in upper case", () => {
    const ticket = {
      id: 7,
      subject: "s",
      status: "open",
      requester_id: 3,
      assignee_id: null,
      tags: [],
      created_at: "2026-01-01T00:00:00.000Z",
      updated_at: "2026-01-01T00:00:00.000Z",
    };
    const input = { accountId: 1, ticket, eventId: "e1", time: "2026-01-01T00:00:00Z" };
    const comment = commentAddedEvent(
      {
        ...input,
        comment: { id: 9, body: "b", public: true },
        author: { id: 3, name: "C", is_staff: false },
      },
      { stringIds: true, upperCaseStatus: true },
    );
    expect(comment).toMatchObject({
      type: "zen:event-type:ticket.comment_added",
      id: "e1",
      subject: "zen:ticket:7",
      zendesk_event_version: "2022-11-06",
      detail: { id: "7", status: "OPEN", requester_id: "3" },
      event: {
        comment: { id: "9", body: "b", is_public: true, author: { id: "3", is_staff: false, name: "C" } },
      },
    });
    const status = statusChangedEvent({ ...input, previous: "open", current: "solved" });
    expect(status.event).toEqual({ previous: "open", current: "solved" });
    expect(status.detail.id).toBe(7);
  });
});

describe("webhook delivery", () => {
  it("delivers signed events to a receiver and retries a 500 with the same event id", async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    let failuresLeft = 1;
    const receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(failuresLeft-- > 0 ? 500 : 202).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const address = receiver.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const secret = "receiver-secret";
    const hooked = await startZendeskStandin({
      email: EMAIL,
      apiToken: TOKEN,
      accountId: 777,
      webhook: { url: `http://127.0.0.1:${port}/webhooks/zendesk`, secret, retryDelaysMs: [20, 20, 20] },
    });
    try {
      const created = await fetch(`${hooked.origin}/__standin/tickets`, {
        method: "POST",
        body: JSON.stringify({
          id: 601,
          subject: "Help",
          requester: { name: "C" },
          comments: [{ body: "hi" }],
        }),
      });
      const { events } = await created.json();
      expect(events.map((e: { type: string }) => e.type)).toEqual([
        "zen:event-type:ticket.created",
        "zen:event-type:ticket.comment_added",
      ]);
      await fetch(`${hooked.origin}/api/v2/tickets/601.json`, {
        method: "PUT",
        headers: { authorization: BASIC, "content-type": "application/json" },
        body: JSON.stringify({ ticket: { status: "solved" } }),
      });
      await hooked.settled();

      for (const delivery of received) {
        const timestamp = String(delivery.headers["x-zendesk-webhook-signature-timestamp"]);
        expect(delivery.headers["x-zendesk-webhook-signature"]).toBe(
          createHmac("sha256", secret)
            .update(timestamp + delivery.body)
            .digest("base64"),
        );
        expect(delivery.headers["x-zendesk-account-id"]).toBe("777");
        expect(delivery.headers["x-zendesk-webhook-id"]).toBeTruthy();
      }
      const bodies = received.map((r) => JSON.parse(r.body));
      const ids = bodies.map((b) => b.id);
      expect(received).toHaveLength(4);
      expect(new Set(ids).size).toBe(3);
      const retried = ids.find((id, i) => ids.indexOf(id) !== i);
      expect(received.filter((r) => JSON.parse(r.body).id === retried).map((r) => r.body)).toHaveLength(2);
      const status = bodies.find((b) => b.type === "zen:event-type:ticket.status_changed");
      expect(status).toMatchObject({
        account_id: 777,
        subject: "zen:ticket:601",
        event: { previous: "new", current: "solved" },
      });
      const log = await (await fetch(`${hooked.origin}/__standin/deliveries?ticketId=601`)).json();
      expect(log.map((d: { state: string }) => d.state)).toEqual(["delivered", "delivered", "delivered"]);
    } finally {
      await hooked.close();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it("reopens a solved ticket on a customer comment and reports the status change", async () => {
    await seedTicket(602, { status: "solved" });
    const res = await control("/tickets/602/comments", "POST", { body: "Actually, one more thing" });
    expect(res.body.ticket.status).toBe("open");
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual([
      "zen:event-type:ticket.comment_added",
      "zen:event-type:ticket.status_changed",
    ]);
    expect(res.body.events[0].event.comment.author.is_staff).toBe(false);
  });
});

describe("control API", () => {
  it("seeds history with the status asked for, and refuses a bad seed whole", async () => {
    const agent = { id: 710, name: "Bo", role: "agent" };
    const seeded = await seedTicket(702, {
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
    const bad = await control("/tickets", "POST", {
      id: 703,
      subject: "Bad",
      requester: { name: "C" },
      comments: [{ body: "ok" }, { body: "  " }],
    });
    expect(bad.status).toBe(422);
    expect((await control("/tickets/703")).status).toBe(404);
  });

  it("upserts users and resets everything", async () => {
    const agent = await control("/users", "POST", { id: 700, name: "Ana", role: "agent" });
    expect(agent.body.user).toMatchObject({ id: 700, role: "agent" });
    await seedTicket(701);
    const byAgent = await control("/tickets/701/comments", "POST", {
      body: "I will take this",
      author: { id: 700, name: "Ana", role: "agent" },
    });
    expect(byAgent.body.events[0].event.comment.author).toEqual({ id: 700, is_staff: true, name: "Ana" });
    expect((await control("/reset", "POST")).status).toBe(200);
    expect((await control("/tickets/701")).status).toBe(404);
    expect(await (await fetch(`${zd.origin}/__standin/requests`)).json()).toEqual([]);
    expect((await api("/api/v2/users/me.json")).body.user.id).toBe(900001);
  });
});
