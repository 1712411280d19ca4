// The Zendesk adapter against the stand-in's real wire format: both auth
// schemes, pagination, safe_update's 409, and failures classified for retry.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { HelpdeskError } from "../../worker/src/helpdesk/helpdesk.port";
import { staticAuth, ZendeskClient } from "../../worker/src/helpdesk/zendesk/zendesk.client";
import { ZendeskHelpdesk } from "../../worker/src/helpdesk/zendesk/zendesk.helpdesk";
import type { ZendeskAuth } from "../../worker/src/config";
import {
  AI_AGENT_ID,
  control,
  createTicket,
  freshTicketId,
  nextSecond,
  zendeskTicket,
} from "./support/harness";

const origin = () => env.ZENDESK_API_ORIGIN;
const tokenAuth = { kind: "token", email: "ai@nordlys.example", token: "test-token" } as const;
const helpdesk = (auth: ZendeskAuth) =>
  new ZendeskHelpdesk(new ZendeskClient(origin(), staticAuth(auth), null));
const zendesk = () => helpdesk(tokenAuth);

async function failure(p: Promise<unknown>): Promise<HelpdeskError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HelpdeskError) return e;
    throw e;
  }
  throw new Error("expected a HelpdeskError");
}

describe("ZendeskHelpdesk", () => {
  it("authenticates with an API token and with OAuth; wrong credentials are a 401 no retry fixes", async () => {
    const id = await createTicket({ body: "hello" });
    expect((await zendesk().getTicket(id)).id).toBe(id);
    const oauth = helpdesk({ kind: "oauth", token: "test-oauth-token" });
    expect((await oauth.getTicket(id)).id).toBe(id);
    const wrong = await failure(helpdesk({ ...tokenAuth, token: "nope" }).getTicket(id));
    expect(wrong).toMatchObject({ status: 401, retryable: false });
    expect(wrong.message).not.toContain("nope");
  });

  it("reads every comment across cursor pages, oldest first", async () => {
    const id = freshTicketId();
    const comments = Array.from({ length: 230 }, (_, i) => ({ body: `message ${i}`, author: "requester" }));
    await control("POST", "/tickets", {
      id,
      subject: "long",
      requester: { name: "Long Talker" },
      comments,
      notify: false,
    });
    const read = await zendesk().listComments(id);
    expect(read).toHaveLength(230);
    expect(read[0]?.body).toBe("message 0");
    expect(read[229]?.body).toBe("message 229");
    const pages = (await control("GET", `/requests?ticketId=${id}`)) as { path: string }[];
    expect(pages.filter((r) => r.path.endsWith("/comments.json"))).toHaveLength(3);
  });

  it("posts a public reply with safe_update; a stale stamp is a conflict and changes nothing", async () => {
    const id = await createTicket({ body: "hello" });
    const t = await zendesk().getTicket(id);
    // Zendesk's stamps have whole seconds: the reply must land in a later second to make `t` stale.
    await nextSecond();
    const posted = await zendesk().postReply({
      ticketId: id,
      body: "Hi!",
      authorId: AI_AGENT_ID,
      stamp: t.stamp,
    });
    expect(posted.outcome).toBe("posted");
    const stale = await zendesk().postReply({
      ticketId: id,
      body: "Again",
      authorId: AI_AGENT_ID,
      stamp: t.stamp,
    });
    expect(stale).toEqual({ outcome: "conflict" });
    const after = await zendesk().listComments(id);
    expect(after.map((c) => c.body)).toEqual(["hello", "Hi!"]);
    expect(after[1]).toMatchObject({ authorId: AI_AGENT_ID, isPublic: true });
  });

  it("two changes within one second share a stamp: safe_update cannot tell them apart (so our guard is D1's)", async () => {
    const id = await createTicket({ body: "hello" });
    const t = await zendesk().getTicket(id);
    expect(t.stamp).toMatch(/:\d{2}Z$/);
    const first = await zendesk().postReply({
      ticketId: id,
      body: "One",
      authorId: AI_AGENT_ID,
      stamp: t.stamp,
    });
    const after = await zendesk().getTicket(id);
    // Within the same second, the stamp did not move and a second write on `t` is accepted, as by Zendesk.
    if (after.stamp === t.stamp) {
      const second = await zendesk().postReply({
        ticketId: id,
        body: "Two",
        authorId: AI_AGENT_ID,
        stamp: t.stamp,
      });
      expect(second.outcome).toBe("posted");
    }
    expect(first.outcome).toBe("posted");
  });

  it("a 429 is retryable and carries Retry-After; a 5xx is retryable; a 404 is not", async () => {
    const id = await createTicket({ body: "hello" });
    await control("POST", "/faults", { match: { ticketId: id }, status: 429, retryAfter: 7, times: 1 });
    expect(await failure(zendesk().getTicket(id))).toMatchObject({
      status: 429,
      retryable: true,
      retryAfterMs: 7000,
    });
    await control("POST", "/faults", { match: { ticketId: id }, status: 503, times: 1 });
    expect(await failure(zendesk().getTicket(id))).toMatchObject({ status: 503, retryable: true });
    expect(await failure(zendesk().getTicket(999_999))).toMatchObject({ status: 404, retryable: false });
  });

  it("a timed-out write is retryable and marked uncertain (it may have been applied)", async () => {
    const id = await createTicket({ body: "hello" });
    await control("POST", "/faults", { match: { ticketId: id, method: "PUT" }, delayMs: 600, times: 1 });
    const slow = new ZendeskHelpdesk(new ZendeskClient(origin(), staticAuth(tokenAuth), null, 150));
    const t = await slow.getTicket(id);
    const e = await failure(
      slow.postReply({ ticketId: id, body: "Hi", authorId: AI_AGENT_ID, stamp: t.stamp }),
    );
    expect(e).toMatchObject({ retryable: true, uncertain: true });
  });

  it("mirrors our state as tags and solves in one update", async () => {
    const id = await createTicket({ body: "hello" });
    await zendesk().mirror(id, { state: "in_progress", attention: true, aiOff: false }, { solve: true });
    const t = await zendesk().getTicket(id);
    expect(t.closed).toBe(true);
    const { ticket } = await zendeskTicket(id);
    expect(ticket.tags).toEqual(expect.arrayContaining(["ohallo_human", "ohallo_attention"]));
    expect(ticket.tags).not.toContain("ohallo_ai");
    const puts = ((await control("GET", `/requests?ticketId=${id}`)) as { method: string }[]).filter(
      (r) => r.method === "PUT",
    );
    expect(puts).toHaveLength(1);
  });

  it("a reply can carry the mirror in the same update, and says which comment it became", async () => {
    const id = await createTicket({ body: "hello" });
    const t = await zendesk().getTicket(id);
    const posted = await zendesk().postReply({
      ticketId: id,
      body: "Hi!",
      authorId: AI_AGENT_ID,
      stamp: t.stamp,
      mirror: { state: "open", attention: false, aiOff: false },
    });
    const { ticket, comments } = await zendeskTicket(id);
    expect(posted).toEqual({ outcome: "posted", commentId: comments.at(-1)?.id });
    expect(ticket.tags).toContain("ohallo_ai");
  });

  it("a solve Zendesk refuses (fields it requires) is a SolveRefused, nothing changed", async () => {
    const id = await createTicket({ body: "hello" });
    await control("POST", "/faults", { match: { ticketId: id, method: "PUT" }, status: 422, times: 1 });
    const e = await failure(
      zendesk().mirror(id, { state: "resolved", attention: false, aiOff: false }, { solve: true }),
    );
    expect(e.name).toBe("SolveRefused");
    expect((await zendesk().getTicket(id)).closed).toBe(false);
  });
});
