// Faults a test installs, and Zendesk's Update Ticket limits, on by default: 100 a minute per account and 30 in
// ten minutes per ticket and user, answered 429 with Retry-After; configurable per account.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZendeskStandin } from "../../../standin/zendesk/server.ts";
import { api, control, seedTicket, start } from "./support.ts";

let zd: ZendeskStandin;
let o: string;

beforeAll(async () => {
  zd = await start();
  o = zd.origin;
});
afterAll(() => zd.close());

const tag = (id: number, t: string) =>
  api(o, `/api/v2/tickets/${id}.json`, { method: "PUT", body: { ticket: { additional_tags: [t] } } });

describe("faults", () => {
  it("answers 429 with Retry-After for the next N matching requests, then normally", async () => {
    await seedTicket(o, 501);
    const fault = await control(o, "/faults", "POST", {
      match: { ticketId: 501 },
      status: 429,
      times: 2,
      retryAfter: 7,
    });
    expect(fault.status).toBe(201);
    expect((await api(o, "/api/v2/users/me.json")).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await api(o, "/api/v2/tickets/501.json");
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("7");
      expect(res.body.error).toBe("APIRateLimitExceeded");
    }
    expect((await api(o, "/api/v2/tickets/501.json")).status).toBe(200);
    const log = await control(o, "/requests?ticketId=501");
    expect(log.body.map((r: { status: number }) => r.status)).toEqual([429, 429, 200]);
    expect(log.body[0]).toMatchObject({ method: "GET", path: "/api/v2/tickets/501.json" });
  });

  it("delays matching requests by delayMs and then handles them", async () => {
    await seedTicket(o, 502);
    await control(o, "/faults", "POST", {
      match: { method: "GET", pathPrefix: "/api/v2/tickets/502" },
      delayMs: 200,
    });
    let started = performance.now();
    expect((await api(o, "/api/v2/tickets/502.json")).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    started = performance.now();
    await api(o, "/api/v2/tickets/502.json");
    expect(performance.now() - started).toBeLessThan(150);
  });

  it("garbles an answer with `body`: alone after applying the write, with a status instead of it", async () => {
    await seedTicket(o, 504, { notify: false });
    await control(o, "/faults", "POST", {
      match: { method: "PUT", ticketId: 504 },
      body: '{"ticket": {"id": 504, "sta',
    });
    const garbled = await tag(504, "applied");
    expect(garbled.status).toBe(200);
    expect(garbled.body).toBe('{"ticket": {"id": 504, "sta');
    expect((await api(o, "/api/v2/tickets/504.json")).body.ticket.tags).toContain("applied");
    await control(o, "/faults", "POST", { match: { ticketId: 504 }, status: 500, body: "<html>oops" });
    const failed = await tag(504, "refused");
    expect([failed.status, failed.body]).toEqual([500, "<html>oops"]);
    expect((await api(o, "/api/v2/tickets/504.json")).body.ticket.tags).not.toContain("refused");
  });

  it("answers 5xx and 4xx faults in the shape of the API they hit; DELETE clears them", async () => {
    await seedTicket(o, 503);
    await control(o, "/faults", "POST", { match: { ticketId: 503 }, status: 503, times: 5 });
    expect((await api(o, "/api/v2/tickets/503.json")).status).toBe(503);
    expect((await control(o, "/faults", "DELETE")).body.cleared).toBe(1);
    expect((await api(o, "/api/v2/tickets/503.json")).status).toBe(200);
    await control(o, "/faults", "POST", { match: { method: "POST", path: "/api/v2/webhooks" }, status: 422 });
    const refused = await api(o, "/api/v2/webhooks", { method: "POST", body: { webhook: {} } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ code: "RecordInvalid" });
    const bad = await control(o, "/faults", "POST", { match: {}, status: 418 });
    expect(bad.status).toBe(400);
  });
});

describe("Update Ticket limits", () => {
  it("limits Update Ticket to 30 in ten minutes per ticket and user by default", async () => {
    await seedTicket(o, 601, { notify: false });
    for (let i = 0; i < 30; i++) expect((await tag(601, `t${i}`)).status).toBe(200);
    const limited = await tag(601, "t30");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(500);
    // Reading, the tag endpoints and another ticket are other counts.
    expect((await api(o, "/api/v2/tickets/601.json")).status).toBe(200);
    expect(
      (await api(o, "/api/v2/tickets/601/tags.json", { method: "PUT", body: { tags: ["x"] } })).status,
    ).toBe(200);
    await seedTicket(o, 602, { notify: false });
    expect((await tag(602, "y")).status).toBe(200);
    await control(o, "/clock", "POST", { advanceMs: 600_000 });
    expect((await tag(601, "after")).status).toBe(200);
  });

  it("limits Update Ticket to 100 a minute per account by default", async () => {
    await control(o, "/clock", "POST", { advanceMs: 600_000 });
    const ids = [701, 702, 703, 704];
    for (const id of ids) await seedTicket(o, id, { notify: false });
    const statuses: number[] = [];
    for (let i = 0; i < 101; i++) statuses.push((await tag(ids[i % 4] ?? 701, `n${i}`)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(100);
    expect(statuses.at(-1)).toBe(429);
  });

  it("is configurable per account, and DELETE switches the limits off", async () => {
    await control(o, "/clock", "POST", { advanceMs: 600_000 });
    const set = await control(o, "/rate-limit", "PUT", { ticketUpdatesPerMinute: 1 });
    expect(set.body.rateLimit).toEqual({
      requestsPerMinute: null,
      ticketUpdatesPerMinute: 1,
      ticketUpdatesPerTicketUser: 30,
    });
    await seedTicket(o, 801, { notify: false });
    expect((await tag(801, "a")).status).toBe(200);
    expect((await tag(801, "b")).status).toBe(429);
    await control(o, "/rate-limit", "DELETE");
    for (let i = 0; i < 35; i++) expect((await tag(801, `c${i}`)).status).toBe(200);
    await control(o, "/rate-limit", "PUT", { requestsPerMinute: 2 });
    expect((await api(o, "/api/v2/tickets/801.json")).status).toBe(200);
    expect((await api(o, "/api/v2/tickets/801.json")).status).toBe(200);
    expect((await api(o, "/api/v2/tickets/801.json")).status).toBe(429);
    await control(o, "/reset", "POST");
  });
});
