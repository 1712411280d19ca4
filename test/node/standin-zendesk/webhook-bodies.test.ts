// Webhook bodies and signatures as Zendesk sends them: ids as strings, statuses upper case, the full envelope
// and ticket detail, base64(HMAC-SHA256(secret, timestamp + body)).
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZendeskStandin } from "../../../standin/zendesk/server.ts";
import {
  commentAddedEvent,
  signWebhook,
  statusChangedEvent,
  webhookHeaders,
} from "../../../standin/zendesk/webhooks.ts";
import { control, start } from "./support.ts";

const hmac = (secret: string, data: string) => createHmac("sha256", secret).update(data).digest("base64");
const ticket = {
  id: 7,
  subject: "s",
  status: "open",
  requester_id: 3,
  assignee_id: null,
  tags: [],
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
};
const input = { accountId: 1, ticket, eventId: "e1", time: "2026-01-01T00:00:00.123Z" };

describe("signatures", () => {
  // Zendesk's older doc page: its vector was computed over body + timestamp.
  const vector = {
    secret: "HRkRd4BeOAoUkfZr-mhauJT64rvBASlJRoIyPsd3zeA=",
    body: '{"say": "hello"}',
    timestamp: "2021-07-25T10:00:00Z",
    signature: "tRDSF7URY8BLCDlaBcQ7FHu051Zk+aAB0NKMP53teMw=",
  };

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
});

describe("bodies", () => {
  it("carries ids as strings, statuses upper case and time to the nanosecond by default", () => {
    const comment = commentAddedEvent({
      ...input,
      ticket: { ...ticket, group_id: 55, brand_id: 66, via: { channel: "email" } },
      comment: { id: 9, body: "b", public: true },
      author: { id: 3, name: "C", is_staff: false },
      actorId: 3,
    });
    expect(comment).toMatchObject({
      type: "zen:event-type:ticket.comment_added",
      account_id: 1,
      id: "e1",
      time: "2026-01-01T00:00:00.123000000Z",
      subject: "zen:ticket:7",
      zendesk_event_version: "2022-11-06",
      detail: {
        id: "7",
        status: "OPEN",
        requester_id: "3",
        submitter_id: "3",
        actor_id: "3",
        group_id: "55",
        brand_id: "66",
        assignee_id: null,
        via: { channel: "email" },
        is_public: true,
      },
      event: {
        comment: { id: "9", body: "b", is_public: true, author: { id: "3", is_staff: false, name: "C" } },
      },
    });
    const status = statusChangedEvent({ ...input, previous: "open", current: "solved" });
    expect(status.event).toEqual({ previous: "OPEN", current: "SOLVED" });
  });

  it("keeps the numeric, lower-case shape for a caller that asks for it", () => {
    const shape = { stringIds: false, upperCaseStatus: false };
    const status = statusChangedEvent({ ...input, previous: "open", current: "solved" }, shape);
    expect(status.event).toEqual({ previous: "open", current: "solved" });
    expect(status.detail.id).toBe(7);
    expect(status.time).toBe("2026-01-01T00:00:00.123Z");
  });
});

describe("bodies the stand-in produces", () => {
  let zd: ZendeskStandin;
  beforeAll(async () => {
    zd = await start({ accountId: 777 });
  });
  afterAll(() => zd.close());

  it("describes the ticket as Zendesk does, with whole-second stamps and the web channel", async () => {
    const created = await control(zd.origin, "/tickets", "POST", {
      id: 11,
      subject: "Help",
      requester: { id: 31, name: "C" },
      comments: [{ body: "hi" }],
      group_id: 44,
    });
    const [first, second] = created.body.events;
    expect(first.type).toBe("zen:event-type:ticket.created");
    expect(first).toMatchObject({
      account_id: 777,
      detail: { id: "11", status: "NEW", group_id: "44", brand_id: null, via: { channel: "web" } },
    });
    expect(first.detail.updated_at).toMatch(/:\d\dZ$/);
    expect(second.event.comment).toMatchObject({
      id: expect.any(String),
      is_public: true,
      author: { id: "31" },
    });
  });
});
