// Zendesk event-subscription bodies as they arrive: ids as strings or numbers,
// statuses in any case, booleans as strings, unknown fields anywhere.
import { describe, expect, it } from "vitest";
import {
  HANDLED_TYPES,
  type ZendeskEvent,
  parseZendeskEvent,
} from "../../../../worker/src/helpdesk/zendesk/zendesk.events";

const COMMENT_ADDED = "zen:event-type:ticket.comment_added";
const CREATED = "zen:event-type:ticket.created";
const STATUS_CHANGED = "zen:event-type:ticket.status_changed";

function commentBody(comment: Record<string, unknown>, detail: Record<string, unknown> = {}) {
  return {
    type: COMMENT_ADDED,
    account_id: 12345,
    id: "7c9f0a2e-event",
    time: "2026-03-01T12:00:00Z",
    zendesk_event_version: "2022-11-06",
    subject: "zen:ticket:35436",
    detail: { id: "35436", requester_id: "800", subject: "Where is my order?", status: "OPEN", ...detail },
    event: { comment },
  };
}

function parsed(body: unknown): ZendeskEvent {
  const r = parseZendeskEvent(body);
  if (!r.ok) throw new Error(`expected a valid event, got: ${r.error}`);
  return r.event;
}
function problem(body: unknown): string {
  const r = parseZendeskEvent(body);
  if (r.ok) throw new Error(`expected a schema error, got ${r.event.kind}`);
  return r.error;
}

describe("parseZendeskEvent: comment_added", () => {
  it("normalises a public customer comment with string ids to numbers", () => {
    const ev = parsed(
      commentBody({
        id: "9001",
        body: "Hi!",
        is_public: true,
        author: { id: "800", is_staff: false, name: "Eva" },
      }),
    );
    expect(ev).toEqual({
      scope: { channel: null, brandId: null, groupId: null },
      occurredAt: Date.parse("2026-03-01T12:00:00Z"),
      kind: "comment_added",
      eventId: "7c9f0a2e-event",
      ticketId: 35436,
      requesterId: 800,
      subject: "Where is my order?",
      comment: { id: 9001, body: "Hi!", isPublic: true, author: { id: 800, isStaff: false, name: "Eva" } },
    });
  });

  it("reads is_public and is_staff sent as strings", () => {
    const ev = parsed(
      commentBody({
        id: 1,
        body: "note",
        is_public: "false",
        author: { id: 3, is_staff: "true", name: "Ana" },
      }),
    );
    expect(ev.kind === "comment_added" && ev.comment.isPublic).toBe(false);
    expect(ev.kind === "comment_added" && ev.comment.author.isStaff).toBe(true);
    const other = parsed(commentBody({ id: 1, is_public: "true", author: { id: 3, is_staff: "false" } }));
    expect(other).toMatchObject({ comment: { isPublic: true, author: { isStaff: false } } });
  });

  it("defaults: public, not staff, empty body, no name", () => {
    const ev = parsed(commentBody({ id: 5, author: { id: 6 } }));
    expect(ev).toMatchObject({
      comment: { id: 5, body: "", isPublic: true, author: { id: 6, isStaff: false, name: null } },
    });
  });

  it("keeps requester and subject null when Zendesk leaves them out, and accepts a numeric event id", () => {
    const ev = parsed({ ...commentBody({ id: 5, author: { id: 6 } }), id: 42, detail: { id: 77 } });
    expect(ev).toMatchObject({ eventId: "42", ticketId: 77, requesterId: null, subject: null });
  });

  it.each([
    ["no event", { event: undefined }, "event"],
    ["no comment", { event: { other: 1 } }, "comment"],
    ["a comment without author", { event: { comment: { id: 1 } } }, "author"],
    ["a non-numeric comment id", { event: { comment: { id: "abc", author: { id: 1 } } } }, "id"],
    [
      "is_public that is neither boolean nor 'true'/'false'",
      { event: { comment: { id: 1, is_public: "yes", author: { id: 1 } } } },
      "is_public",
    ],
  ])("refuses %s, naming what is wrong", (_label, patch, field) => {
    const msg = problem({ ...commentBody({ id: 1, author: { id: 1 } }), ...patch });
    expect(msg).toMatch(/^event: /);
    expect(msg).toContain(field);
  });
});

describe("parseZendeskEvent: ticket.created and status_changed", () => {
  it("parses a created ticket, with where it came from (channel, brand, group)", () => {
    const ev = parsed({
      type: CREATED,
      id: "e-1",
      detail: {
        id: "12",
        requester_id: 800,
        subject: "Refund",
        status: "NEW",
        via: { channel: "EMAIL" },
        brand_id: "360000001",
        group_id: null,
      },
      event: { meta: { sequence: 1 } },
    });
    expect(ev).toEqual({
      kind: "ticket_created",
      eventId: "e-1",
      ticketId: 12,
      requesterId: 800,
      subject: "Refund",
      scope: { channel: "email", brandId: 360000001, groupId: null },
    });
  });

  it("says in our words whether a status change closed the ticket, in any case", () => {
    const ev = parsed({
      type: STATUS_CHANGED,
      id: "e-2",
      detail: { id: 12, status: "SOLVED" },
      event: { previous: "Open", current: "SOLVED" },
    });
    expect(ev).toEqual({ kind: "status_changed", eventId: "e-2", ticketId: 12, closed: true });
    for (const [current, closed] of [
      ["CLOSED", true],
      ["pending", false],
      ["open", false],
      ["hold", false],
    ] as const) {
      expect(parsed({ type: STATUS_CHANGED, id: "e", detail: { id: 12 }, event: { current } })).toMatchObject(
        {
          closed,
        },
      );
    }
  });

  it("refuses a status Zendesk does not have, and a status change without current", () => {
    expect(
      problem({ type: STATUS_CHANGED, id: "e", detail: { id: 1 }, event: { current: "SNOOZED" } }),
    ).toMatch(/^event: current/);
    expect(
      problem({ type: STATUS_CHANGED, id: "e", detail: { id: 1 }, event: { previous: "open" } }),
    ).toMatch(/^event: current/);
  });
});

describe("parseZendeskEvent: envelope", () => {
  it("handles exactly the three contract types", () => {
    expect([...HANDLED_TYPES].sort()).toEqual([COMMENT_ADDED, CREATED, STATUS_CHANGED].sort());
  });

  it.each(["zen:event-type:ticket.priority_changed", "zen:event-type:user.created", "something-else"])(
    "ignores %s, whatever its detail holds",
    (type) => {
      expect(parsed({ type, id: "e-9", detail: "not even an object" })).toEqual({
        kind: "ignored",
        eventId: "e-9",
        type,
      });
    },
  );

  it.each([
    ["no type", { id: "e" }, "type"],
    ["an empty type", { type: "", id: "e" }, "type"],
    ["no id", { type: COMMENT_ADDED }, "id"],
  ])("refuses a body with %s", (_label, body, field) => {
    expect(problem(body)).toContain(field);
  });

  it.each([null, 42, "text", []])("refuses %j as a body", (body) => {
    expect(problem(body)).toMatch(/body/);
  });

  it.each([
    ["no detail", undefined],
    ["a detail without ticket id", { status: "open" }],
    ["a ticket id that is not a number", { id: "12a" }],
    ["a negative-looking ticket id", { id: "-12" }],
  ])("refuses a handled type with %s", (_label, detail) => {
    const msg = problem({ type: CREATED, id: "e", detail });
    expect(msg).toMatch(/^detail: /);
  });

  it("does not echo the body's text in its error", () => {
    const msg = problem({
      ...commentBody({ id: "x", body: "my card is 4111 1111 1111 1111", author: { id: 1 } }),
    });
    expect(msg).not.toContain("4111");
  });
});
