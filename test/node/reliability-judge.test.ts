// The reliability run's judge (test/reliability/judge.ts) must see what it exists to see: a message
// answered twice, a reply the Worker lost track of, a lost message. Pure: no stack needed.
import { describe, expect, it } from "vitest";
import { type DDraft, type DMessage, judgeTicket, type ZComment } from "../reliability/judge.ts";

const CUSTOMER = 5;
const AI = 9;
const base = { ticketId: 1, requesterId: CUSTOMER, aiAgentId: AI, state: "open", waiting: false };
const comment = (id: number, authorId: number, body = "text"): ZComment => ({
  id,
  authorId,
  isPublic: true,
  body,
});
const message = (commentId: number, disposition: string): [number, DMessage] => [
  commentId,
  { commentId, ticketId: 1, authorKind: "customer", disposition },
];
const sent = (id: number, commentId: number, replyTo: number[], extra: Partial<DDraft> = {}): DDraft => ({
  id,
  ticketId: 1,
  kind: "reply",
  status: "sent",
  commentId,
  replyTo,
  approved: false,
  ...extra,
});

describe("judgeTicket", () => {
  it("one message, one reply: an AI reply and nothing wrong", () => {
    const j = judgeTicket(
      { ...base, comments: [comment(10, CUSTOMER), comment(11, AI)] },
      new Map([message(10, "replied")]),
      [sent(1, 11, [10])],
    );
    expect(j.outcomes.ai_reply).toBe(1);
    expect(j.violations).toEqual([]);
  });

  it("sees a message two landed replies answer", () => {
    const j = judgeTicket(
      { ...base, comments: [comment(10, CUSTOMER), comment(11, AI), comment(12, AI)] },
      new Map([message(10, "replied")]),
      [sent(1, 11, [10]), sent(2, 12, [10])],
    );
    expect(j.violations.map((v) => v.kind).sort()).toEqual(["answered_twice", "more_replies_than_messages"]);
  });

  it("sees an AI comment the Worker has no sent draft for (a send it lost track of)", () => {
    const j = judgeTicket(
      { ...base, comments: [comment(10, CUSTOMER), comment(11, AI), comment(12, AI)] },
      new Map([message(10, "replied")]),
      [sent(2, 12, [10]), { ...sent(1, 11, [10]), status: "refused", commentId: null }],
    );
    expect(j.violations.map((v) => v.kind).sort()).toEqual([
      "more_replies_than_messages",
      "unrecorded_ai_comment",
    ]);
  });

  it("sees a message still pending, one never recorded, and a reply the Worker claims but Zendesk lacks", () => {
    const j = judgeTicket(
      { ...base, comments: [comment(10, CUSTOMER), comment(20, CUSTOMER), comment(30, CUSTOMER)] },
      new Map([message(10, "pending"), message(30, "replied")]),
      [],
    );
    expect(j.outcomes).toMatchObject({ pending: 1, never_recorded: 1, ai_reply: 1 });
    expect(j.violations.map((v) => v.kind).sort()).toEqual(["lost", "lost", "replied_without_reply"]);
  });

  it("a held draft a person approved answers an attention outcome; an acknowledgement is no reply", () => {
    const j = judgeTicket(
      { ...base, comments: [comment(10, CUSTOMER), comment(11, AI), comment(12, AI)] },
      new Map([message(10, "attention")]),
      [sent(1, 11, [], { kind: "ack" }), sent(2, 12, [10], { approved: true })],
    );
    expect([j.aiReplies, j.approvedReplies, j.acknowledgements]).toEqual([1, 1, 1]);
    expect(j.violations).toEqual([]);
  });

  it("a reply to a message recorded as an attention item, with no approval, is two outcomes", () => {
    const j = judgeTicket(
      { ...base, comments: [comment(10, CUSTOMER), comment(11, AI)] },
      new Map([message(10, "attention")]),
      [sent(1, 11, [10])],
    );
    expect(j.violations.map((v) => v.kind)).toEqual(["answered_but_recorded_otherwise"]);
  });
});
