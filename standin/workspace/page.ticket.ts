// The ticket page: properties, the conversation (customer, agent and AI comments; internal
// notes marked), the agent's composer ("Send via email"), a box to write as the customer, and
// the real built sidebar framed beside it through the ZAF host (zafHostEmbed).
import type { Ticket } from "../zendesk/model.ts";
import type { PageConfig } from "./zaf-host.page.ts";
import { zafHostEmbed } from "./zaf-host.page.ts";
import { type Agent, esc, initials, statusBadge, timeTag } from "./page.layout.ts";
import { attentionDot } from "./page.list.ts";
import { type Entry, needsAttention, ohalloState } from "./tickets.ts";

export interface TicketPage {
  ticket: Ticket;
  requester: string;
  entries: readonly Entry[];
  agent: Agent;
  zaf: PageConfig;
  appIcon: string;
  /** The account's base path (`/{subdomain}`). */
  base: string;
}

const STATE_TEXT = { ai: "AI handling", human: "In progress", resolved: "Resolved" } as const;
const KIND_BADGE = { ai: "AI agent", agent: "Agent", customer: "" } as const;

function entry(e: Entry, now: Date): string {
  const badges = [
    KIND_BADGE[e.author.kind]
      ? `<span class="badge kind-${e.author.kind}">${KIND_BADGE[e.author.kind]}</span>`
      : "",
    e.public ? "" : `<span class="badge note">Internal note</span>`,
  ].join(" ");
  const avatar = e.author.kind === "ai" ? "AI" : initials(e.author.name);
  return `<li class="entry by-${e.author.kind}${e.public ? "" : " internal"}" data-comment="${e.id}"
  data-author-kind="${e.author.kind}" data-public="${e.public}">
  <span class="avatar by-${e.author.kind}" aria-hidden="true">${esc(avatar)}</span>
  <div class="bubble"><div class="meta"><strong class="author">${esc(e.author.name)}</strong> ${badges}
  ${timeTag(e.at, now)}</div><div class="body">${esc(e.body)}</div></div></li>`;
}

export const conversationHtml = (entries: readonly Entry[], now: Date) =>
  entries.map((e) => entry(e, now)).join("");

export function headHtml(t: Ticket): string {
  return `<h1>${esc(t.subject)}</h1>
<div class="ticket-meta">${statusBadge(t.status, true)}<span class="muted">#${t.id} · via web form</span></div>`;
}

export function propsHtml(t: Ticket, requester: string): string {
  const state = ohalloState(t);
  const tags =
    t.tags.map((tag) => `<span class="tag">${esc(tag)}</span>`).join("") || "<span class=muted>none</span>";
  return `<dl class="props">
<dt>Requester</dt><dd>${esc(requester)}</dd>
<dt>Status</dt><dd>${statusBadge(t.status, true)}</dd>
<dt>oHallo</dt><dd><span id="ticket-state" class="state state-${state}" data-state="${state}">${STATE_TEXT[state]}</span>
${needsAttention(t) ? `<span class="attention-label">${attentionDot(true)} Needs attention</span>` : ""}</dd>
<dt>Tags</dt><dd class="tags">${tags}</dd>
</dl>`;
}

export function ticketBody(p: TicketPage, now: Date): string {
  const t = p.ticket;
  return `<div class="ticket-layout">
<aside class="ticket-props" data-live="props">${propsHtml(t, p.requester)}</aside>
<section class="ticket-main">
  <header class="ticket-head" data-live="head">${headHtml(t)}</header>
  <ol class="conversation" aria-label="Conversation" data-live="conversation">${conversationHtml(p.entries, now)}</ol>
  <form class="composer" method="post" action="${esc(p.base)}/tickets/${t.id}/comments" data-enhance>
    <input type="hidden" name="as" value="agent">
    <div class="composer-head">Reply as <strong>${esc(p.agent.name)}</strong> to ${esc(p.requester)}</div>
    <textarea name="body" rows="4" required aria-label="Reply" placeholder="Write a public reply or an internal note"></textarea>
    <div class="actions">
      <button type="submit" name="public" value="false">Add internal note</button>
      <button type="submit" name="public" value="true" class="primary">Send via email</button>
    </div>
  </form>
  <form class="customer-box" method="post" action="${esc(p.base)}/tickets/${t.id}/comments" data-enhance>
    <input type="hidden" name="as" value="customer">
    <div class="composer-head"><strong>Write as the customer</strong>
    <span class="muted">(stands in for ${esc(p.requester)}'s email; Zendesk sends it to the Worker as a webhook)</span></div>
    <textarea name="body" rows="3" required aria-label="Customer message" placeholder="The customer writes…"></textarea>
    <div class="actions"><button type="submit" class="customer">Send as ${esc(p.requester)}</button></div>
  </form>
</section>
<aside class="apps" aria-label="Apps"><section id="panel">
  <header><img alt="" src="${esc(p.appIcon)}"> ${esc(p.zaf.appName)}</header>
  <div class="panel-body"><iframe id="app" title="${esc(p.zaf.appName)}"></iframe></div>
</section></aside>
</div>
${zafHostEmbed(p.zaf)}`;
}
