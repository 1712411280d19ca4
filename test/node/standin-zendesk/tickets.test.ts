// The ticket routes at the wire: errors, tags, Zendesk's status moves, whole-second stamps and safe_update,
// and an account's required-to-solve fields.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZendeskStandin } from "../../../standin/zendesk/server.ts";
import { AI, api, atSecondStart, control, seedTicket, start } from "./support.ts";

const WHOLE_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
let zd: ZendeskStandin;
let o: string;

beforeAll(async () => {
  zd = await start();
  o = zd.origin;
});
afterAll(() => zd.close());

describe("tickets", () => {
  it("answers 404 for a missing ticket and an unknown route", async () => {
    const missing = await api(o, "/api/v2/tickets/999999.json");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: "RecordNotFound", description: "Not found" });
    const unknown = await api(o, "/api/v2/nothing-here.json");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe("InvalidEndpoint");
  });

  it("creates a ticket (201) with its URL on the caller's base, and reads users", async () => {
    const created = await api(o, "/api/v2/tickets.json", {
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
    expect(created.body.ticket.url).toBe(`${o}/api/v2/tickets/${created.body.ticket.id}.json`);
    expect(created.body.ticket.id).toBeGreaterThan(1_000_000);
    const user = await api(o, `/api/v2/users/${created.body.ticket.requester_id}.json`);
    expect(user.body.user).toMatchObject({
      name: "Ola",
      email: "ola@example.com",
      role: "end-user",
      active: true,
    });
  });

  it("answers 422 RecordInvalid for a bad status or an empty comment", async () => {
    await seedTicket(o, 102);
    const badStatus = await api(o, "/api/v2/tickets/102.json", {
      method: "PUT",
      body: { ticket: { status: "done" } },
    });
    expect(badStatus.status).toBe(422);
    expect(badStatus.body.error).toBe("RecordInvalid");
    expect(badStatus.body.details.status).toBeDefined();
    const empty = await api(o, "/api/v2/tickets/102.json", {
      method: "PUT",
      body: { ticket: { comment: { body: " " } } },
    });
    expect(empty.status).toBe(422);
  });

  it("adds tags with PUT, sets with POST, removes with DELETE", async () => {
    await seedTicket(o, 301, { tags: ["vip"] });
    const added = await api(o, "/api/v2/tickets/301/tags.json", {
      method: "PUT",
      body: { tags: ["ohallo_ai"] },
    });
    expect(added.body.tags).toEqual(["vip", "ohallo_ai"]);
    const set = await api(o, "/api/v2/tickets/301/tags.json", {
      method: "POST",
      body: { tags: ["ohallo_human", "x"] },
    });
    expect(set.status).toBe(201);
    expect(set.body.tags).toEqual(["ohallo_human", "x"]);
    const removed = await api(o, "/api/v2/tickets/301/tags.json", {
      method: "DELETE",
      body: { tags: ["x"] },
    });
    expect(removed.body.tags).toEqual(["ohallo_human"]);
    const update = await api(o, "/api/v2/tickets/301.json", {
      method: "PUT",
      body: { ticket: { additional_tags: ["ohallo_attention"], remove_tags: ["ohallo_human"] } },
    });
    expect(update.body.ticket.tags).toEqual(["ohallo_attention"]);
  });

  it("reopens a solved ticket on a customer comment and reports the status change", async () => {
    await seedTicket(o, 602, { status: "solved" });
    const res = await control(o, "/tickets/602/comments", "POST", { body: "Actually, one more thing" });
    expect(res.body.ticket.status).toBe("open");
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual([
      "zen:event-type:ticket.comment_added",
      "zen:event-type:ticket.status_changed",
    ]);
  });
});

describe("updated_at and safe_update", () => {
  it("stamps in whole seconds; a stale stamp from an earlier second is refused with 409 and changes nothing", async () => {
    await seedTicket(o, 201);
    const before = (await api(o, "/api/v2/tickets/201.json")).body.ticket;
    expect(before.updated_at).toMatch(WHOLE_SECONDS);
    await new Promise((r) => setTimeout(r, 1100));
    const customer = await control(o, "/tickets/201/comments", "POST", { body: "Hello?" });
    expect(customer.body.ticket.updated_at > before.updated_at).toBe(true);

    const reply = { comment: { body: "AI reply", public: true, author_id: AI }, status: "pending" };
    const stale = await api(o, "/api/v2/tickets/201.json", {
      method: "PUT",
      body: { ticket: { ...reply, safe_update: true, updated_stamp: before.updated_at } },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual({
      error: "UpdateConflict",
      description:
        "Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.",
    });
    const unchanged = await control(o, "/tickets/201");
    expect(unchanged.body.ticket).toEqual(customer.body.ticket);
    expect(unchanged.body.comments).toHaveLength(2);

    const ok = await api(o, "/api/v2/tickets/201.json", {
      method: "PUT",
      body: { ticket: { ...reply, safe_update: true, updated_stamp: unchanged.body.ticket.updated_at } },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.audit.events.map((e: { type: string }) => e.type)).toEqual(["Comment", "Change"]);
  });

  it("two changes within one second share a stamp, so a stale stamp within that second passes, as on Zendesk", async () => {
    await seedTicket(o, 203, { notify: false });
    await atSecondStart();
    await control(o, "/tickets/203", "PATCH", { additional_tags: ["first"], notify: false });
    const read = (await api(o, "/api/v2/tickets/203.json")).body.ticket;
    await control(o, "/tickets/203/comments", "POST", { body: "I wrote again", notify: false });
    const after = (await control(o, "/tickets/203")).body.ticket;
    expect(after.updated_at).toBe(read.updated_at);
    const blind = await api(o, "/api/v2/tickets/203.json", {
      method: "PUT",
      body: {
        ticket: {
          comment: { body: "AI reply", author_id: AI },
          safe_update: true,
          updated_stamp: read.updated_at,
        },
      },
    });
    expect(blind.status).toBe(200);
  });

  it("keeps millisecond stamps for an account that opts in", async () => {
    await control(o, "/settings", "PUT", { stamps: "milliseconds" });
    try {
      await seedTicket(o, 204, { notify: false });
      const t = (await api(o, "/api/v2/tickets/204.json")).body.ticket;
      expect(t.updated_at).toMatch(/\.\d{3}Z$/);
    } finally {
      await control(o, "/settings", "PUT", { stamps: "seconds" });
    }
  });

  it("answers 422 to safe_update without a stamp", async () => {
    await seedTicket(o, 205, { notify: false });
    const res = await api(o, "/api/v2/tickets/205.json", {
      method: "PUT",
      body: { ticket: { status: "open", safe_update: true } },
    });
    expect(res.status).toBe(422);
  });
});

describe("required to solve", () => {
  it("refuses a solve without the account's required fields (422, nothing changed), accepts it with them", async () => {
    const required = { fields: [{ id: 360001, title: "Reason for contact" }] };
    expect((await control(o, "/solve-requirements", "PUT", required)).status).toBe(200);
    try {
      await seedTicket(o, 401, { notify: false });
      const refused = await api(o, "/api/v2/tickets/401.json", {
        method: "PUT",
        body: { ticket: { status: "solved", comment: { body: "Solved!", author_id: AI } } },
      });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        error: "RecordInvalid",
        details: { base: [{ description: "Reason for contact: needed", field_key: 360001 }] },
      });
      const unchanged = await control(o, "/tickets/401");
      expect(unchanged.body.ticket.status).toBe("new");
      expect(unchanged.body.comments).toHaveLength(1);
      const ui = await control(o, "/tickets/401", "PATCH", { status: "solved" });
      expect(ui.status).toBe(422);
      const solved = await api(o, "/api/v2/tickets/401.json", {
        method: "PUT",
        body: { ticket: { status: "solved", custom_fields: [{ id: 360001, value: "billing" }] } },
      });
      expect(solved.status).toBe(200);
      expect(solved.body.ticket.custom_fields).toEqual([{ id: 360001, value: "billing" }]);
    } finally {
      await control(o, "/solve-requirements", "PUT", { fields: [] });
    }
  });
});
