// The views page: the views pane with counts, and one view's tickets, where a ticket with an
// open attention item carries an indicator. Also the form a customer writes a new ticket with.
import { esc, statusBadge, timeTag } from "./page.layout.ts";
import { type Row, VIEWS, type ViewKey } from "./tickets.ts";

const STATE_LABEL = { ai: "AI handling", human: "In progress", resolved: "Resolved" } as const;

export function viewsPane(counts: Record<ViewKey, number>, current: ViewKey | null, base: string): string {
  const items = VIEWS.map(
    (
      v,
    ) => `<li><a href="${esc(base)}/views/${v.key}"${v.key === current ? ' class="current" aria-current="page"' : ""}
      data-view="${v.key}"><span>${esc(v.title)}</span><span class="count">${counts[v.key]}</span></a></li>`,
  ).join("");
  return `<h2>Views</h2><ul class="views">${items}</ul>
<p class="pane-note">Zendesk views on the tags the oHallo Worker keeps on each ticket.</p>`;
}

export const attentionDot = (on: boolean) =>
  on
    ? `<span class="attention-dot" role="img" aria-label="Needs attention" title="Needs attention: see the oHallo app"></span>`
    : "";

function row(r: Row, now: Date, base: string): string {
  return `<tr data-ticket="${r.id}" data-state="${r.state}"${r.attention ? " data-attention" : ""}>
  <td class="indicator">${attentionDot(r.attention)}</td>
  <td>${statusBadge(r.status)}</td>
  <td class="id">#${r.id}</td>
  <td class="subject"><a href="${esc(base)}/tickets/${r.id}">${esc(r.subject)}</a></td>
  <td>${esc(r.requester)}</td>
  <td><span class="state state-${r.state}">${STATE_LABEL[r.state]}</span></td>
  <td class="muted">${timeTag(r.updatedAt, now)}</td>
</tr>`;
}

export function viewTable(view: ViewKey, list: readonly Row[], now: Date, base: string): string {
  const spec = VIEWS.find((v) => v.key === view);
  const body = list.length
    ? list.map((r) => row(r, now, base)).join("")
    : `<tr><td colspan="7" class="empty">No tickets in this view.</td></tr>`;
  return `<div class="view-head"><h1>${esc(spec?.title ?? view)}</h1>
  <span class="muted">${list.length} ticket${list.length === 1 ? "" : "s"} · ${esc(spec?.hint ?? "")}</span>
  <a class="button" href="${esc(base)}/tickets/new">New customer ticket</a></div>
<table class="tickets" aria-label="${esc(spec?.title ?? view)}">
<thead><tr><th class="indicator"><span class="sr-only">Attention</span></th><th>Status</th><th>ID</th><th>Subject</th>
<th>Requester</th><th>oHallo</th><th>Updated</th></tr></thead>
<tbody>${body}</tbody></table>`;
}

export function listBody(
  counts: Record<ViewKey, number>,
  view: ViewKey,
  list: readonly Row[],
  now: Date,
  base: string,
) {
  return `<div class="views-layout">
<aside class="views-pane" data-live="views">${viewsPane(counts, view, base)}</aside>
<section class="view" data-live="table">${viewTable(view, list, now, base)}</section>
</div>`;
}

export interface Example {
  subject: string;
  message: string;
  outcome: string;
}

function exampleList(examples: readonly Example[], base: string): string {
  if (!examples.length) return "";
  const items = examples
    .map(
      (e, i) =>
        `<li><a href="${esc(base)}/tickets/new?example=${i}">${esc(e.subject)}</a> <span class="muted">(${esc(e.outcome)})</span></li>`,
    )
    .join("");
  return `<h2 class="examples-title">Try one</h2><ul class="examples">${items}</ul>`;
}

export function newTicketBody(
  counts: Record<ViewKey, number>,
  examples: readonly Example[],
  chosen: Example | undefined,
  base: string,
) {
  return `<div class="views-layout">
<aside class="views-pane" data-live="views">${viewsPane(counts, null, base)}</aside>
<section class="view narrow">
  <h1>New customer ticket</h1>
  <p class="muted">Stands in for a customer's email to support. Zendesk creates the ticket and
  tells the oHallo Worker by a signed webhook; the AI answers it, or flags it for an agent.</p>
  ${exampleList(examples, base)}
  <form class="stack" method="post" action="${esc(base)}/tickets">
    <label>Customer name <input name="name" required value="Kari Nordmann"></label>
    <label>Email <input name="email" type="email" placeholder="kari@example.com"></label>
    <label>Subject <input name="subject" required value="${esc(chosen?.subject ?? "")}"></label>
    <label>Message <textarea name="body" rows="6" required>${esc(chosen?.message ?? "")}</textarea></label>
    <div class="actions"><button class="primary" type="submit">Submit as customer</button></div>
  </form>
</section></div>`;
}
