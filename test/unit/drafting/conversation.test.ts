// The conversation the AI reads (who said what) and the customer messages a
// reply must answer, including what a human held but never answered.
import { describe, expect, it } from "vitest";
import { buildConversation, unansweredMessages } from "../../../worker/src/drafting/conversation";
import type { HelpdeskComment } from "../../../worker/src/helpdesk/helpdesk.port";
import type { AuthorKind, Disposition, StoredMessage } from "../../../worker/src/tickets/message.repo";

const AI = 900001;
const REQUESTER = 500;

const comment = (id: number, authorId: number, body: string, isPublic = true): HelpdeskComment => ({
  id,
  authorId,
  body,
  isPublic,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, id)).toISOString(),
});

let clock = 0;
function msg(
  commentId: number,
  authorKind: AuthorKind,
  disposition: Disposition,
  over: Partial<StoredMessage> = {},
): StoredMessage {
  return {
    commentId,
    ticketId: 1,
    authorKind,
    authorId: authorKind === "customer" ? REQUESTER : authorKind === "ai" ? AI : 77,
    authorName: null,
    isPublic: true,
    body: `message ${commentId}`,
    disposition,
    createdAt: ++clock,
    ...over,
  };
}
const ids = (ms: StoredMessage[]) => ms.map((m) => m.commentId);

describe("buildConversation", () => {
  it("classifies authors: the AI agent, the requester, anyone else as an agent; order and text kept", () => {
    const turns = buildConversation(
      [
        comment(1, REQUESTER, "Where is my parcel?"),
        comment(2, AI, "It ships today."),
        comment(3, 77, "Note", false),
      ],
      [],
      { aiAgentId: AI, requesterId: REQUESTER },
    );
    expect(turns).toEqual([
      { role: "customer", name: null, body: "Where is my parcel?", isPublic: true },
      { role: "ai", name: null, body: "It ships today.", isPublic: true },
      { role: "agent", name: null, body: "Note", isPublic: false },
    ]);
  });

  it("what the webhook recorded (is_staff) wins over the requester guess, and brings the name", () => {
    // A CC'd customer who is not the requester, and a staff member who filed the ticket for someone.
    const known = [
      msg(10, "customer", "pending", { authorId: 600, authorName: "Eva" }),
      msg(11, "agent", "none", { authorId: REQUESTER, authorName: "Ana" }),
    ];
    const turns = buildConversation([comment(10, 600, "me too"), comment(11, REQUESTER, "on it")], known, {
      aiAgentId: AI,
      requesterId: REQUESTER,
    });
    expect(turns.map((t) => [t.role, t.name])).toEqual([
      ["customer", "Eva"],
      ["agent", "Ana"],
    ]);
  });

  it("the AI agent's comments are the AI's even if recorded otherwise", () => {
    const turns = buildConversation([comment(5, AI, "hi")], [msg(5, "agent", "none", { authorId: AI })], {
      aiAgentId: AI,
      requesterId: REQUESTER,
    });
    expect(turns[0]?.role).toBe("ai");
  });

  it("with no known requester, unrecorded authors other than the AI are agents", () => {
    const turns = buildConversation([comment(1, REQUESTER, "?"), comment(2, AI, "!")], [], {
      aiAgentId: AI,
      requesterId: null,
    });
    expect(turns.map((t) => t.role)).toEqual(["agent", "ai"]);
  });
});

describe("unansweredMessages", () => {
  it("returns every pending customer message, wherever it stands, with or without includeHeld", () => {
    const ms = [msg(1, "customer", "pending"), msg(2, "agent", "none"), msg(3, "customer", "pending")];
    expect(ids(unansweredMessages(ms, false))).toEqual([1, 3]);
    expect(ids(unansweredMessages(ms, true))).toEqual([1, 3]);
  });

  it("never returns settled customer messages or anyone else's", () => {
    const ms = [
      msg(1, "customer", "replied"),
      msg(2, "customer", "attention"),
      msg(3, "customer", "none"),
      msg(4, "agent", "pending"),
      msg(5, "ai", "pending"),
    ];
    expect(unansweredMessages(ms, true)).toEqual([]);
  });

  it("held messages only when the AI takes the ticket back (includeHeld)", () => {
    const ms = [msg(1, "customer", "held"), msg(2, "customer", "held")];
    expect(unansweredMessages(ms, false)).toEqual([]);
    expect(ids(unansweredMessages(ms, true))).toEqual([1, 2]);
  });

  it("held messages only after the last public reply by an agent or the AI", () => {
    const ms = [
      msg(1, "customer", "held"),
      msg(2, "agent", "none"), // the human answered 1 publicly
      msg(3, "customer", "held"),
      msg(4, "ai", "none"), // and the AI answered 3
      msg(5, "customer", "held"),
      msg(6, "customer", "pending"),
    ];
    expect(ids(unansweredMessages(ms, true))).toEqual([5, 6]);
  });

  it("an internal note is not an answer", () => {
    const ms = [
      msg(1, "customer", "held"),
      msg(2, "agent", "none", { isPublic: false }),
      msg(3, "customer", "held"),
    ];
    expect(ids(unansweredMessages(ms, true))).toEqual([1, 3]);
  });

  it("a pending message before the last human reply is still returned (pending always counts)", () => {
    const ms = [msg(1, "customer", "pending"), msg(2, "agent", "none"), msg(3, "customer", "held")];
    expect(ids(unansweredMessages(ms, true))).toEqual([1, 3]);
  });
});
