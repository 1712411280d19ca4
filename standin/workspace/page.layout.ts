// The workspace's page frame (left rail, top bar with the account switcher and the agent picker)
// and small HTML helpers. Every page of an account lives under `/{subdomain}` (its `base`), as
// each Zendesk account has its own host. Everything put into HTML goes through `esc`; no page ever
// holds a secret.
/** The app's own page (its nav_bar location, the admin area), under the account's base. */
export const ADMIN_PATH = "/apps/ohallo";

export interface Agent {
  id: number;
  name: string;
}

/** A Zendesk account the workspace shows. */
export interface AccountRef {
  subdomain: string;
  /** The shop's name (the switcher, the title). */
  name: string;
}

export const esc = (text: string | number) =>
  String(text).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/** Today: "09:25 PM"; another day: "Nov 24, 09:25 PM" (en-US, as the sidebar shows it; the machine's time zone). */
export function shortTime(iso: string, now: Date): string {
  const date = new Date(iso);
  const time = date.toLocaleTimeString("en-US", { hour: "2-digit", minute: "2-digit" });
  if (date.toDateString() === now.toDateString()) return time;
  return `${date.toLocaleDateString("en-US", { month: "short", day: "numeric" })}, ${time}`;
}

export const timeTag = (iso: string, now: Date) =>
  `<time datetime="${esc(iso)}" title="${esc(new Date(iso).toUTCString())}">${esc(shortTime(iso, now))}</time>`;

export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? "")
    .join("");

const STATUS_LETTER: Record<string, string> = {
  new: "N",
  open: "O",
  pending: "P",
  hold: "H",
  solved: "S",
  closed: "C",
};

/** Zendesk's status badge: a coloured letter in the list, the word on the ticket. */
export const statusBadge = (status: string, long = false) =>
  `<span class="status status-${esc(status)}" title="${esc(status)}">${
    long ? esc(status[0]?.toUpperCase() + status.slice(1)) : (STATUS_LETTER[status] ?? "?")
  }</span>`;

export interface Frame {
  title: string;
  /** The account shown, and those one can switch to. */
  account: AccountRef;
  accounts: readonly AccountRef[];
  /** `/{subdomain}`: every link of the page is under it. */
  base: string;
  agent: Agent;
  agents: readonly Agent[];
  /** The path (under `base`) to come back to after switching agent or account. */
  path: string;
  /** What the live script watches (see client/live.ts). */
  live: { version: string; ticket?: { id: number; version: string } };
  /** The ticket tab in the top bar, when a ticket is open. */
  tab?: { id: number; subject: string };
  /** The app's own page (nav_bar) is open. */
  app?: boolean;
  body: string;
}

/** Zendesk's account switcher: the same page in the other account (a ticket's page: its views). */
function accountPicker(f: Frame): string {
  const options = f.accounts
    .map(
      (a) =>
        `<option value="${esc(a.subdomain)}"${a.subdomain === f.account.subdomain ? " selected" : ""}>${esc(a.name)} (${esc(a.subdomain)})</option>`,
    )
    .join("");
  return `<form class="account-picker" method="post" action="/account">
  <input type="hidden" name="next" value="${esc(f.path)}">
  <label>Account <select name="account" data-autosubmit aria-label="Account">${options}</select></label>
  <noscript><button type="submit">Switch</button></noscript>
</form>`;
}

function agentPicker(f: Frame): string {
  const options = f.agents
    .map((a) => `<option value="${a.id}"${a.id === f.agent.id ? " selected" : ""}>${esc(a.name)}</option>`)
    .join("");
  return `<form class="agent-picker" method="post" action="${esc(f.base)}/agent">
  <input type="hidden" name="next" value="${esc(f.path)}">
  <span class="avatar small" aria-hidden="true">${esc(initials(f.agent.name))}</span>
  <label>Signed in as <select name="agent" data-autosubmit aria-label="Signed in as">${options}</select></label>
  <noscript><button type="submit">Switch</button></noscript>
</form>`;
}

const svg = (path: string) =>
  `<svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true"><path d="${path}" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>`;
const ICON = {
  views: svg("M4 5h12M4 10h12M4 15h12"),
  add: svg("M10 4v12M4 10h12"),
  app: svg("M5 4h10a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2h-5l-4 3v-3H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"),
};

export function page(f: Frame): string {
  const ticket = f.live.ticket;
  const b = esc(f.base);
  const data = `data-base="${b}" data-account="${esc(f.account.subdomain)}" data-version="${esc(f.live.version)}"${
    ticket ? ` data-ticket="${ticket.id}" data-ticket-version="${esc(ticket.version)}"` : ""
  }`;
  const tab = f.tab
    ? `<a class="tab current" href="${b}/tickets/${f.tab.id}">${esc(f.tab.subject)} <span class="muted">#${f.tab.id}</span></a>`
    : f.app
      ? `<a class="tab current" href="${b}${ADMIN_PATH}">oHallo</a>`
      : "";
  const onViews = !f.tab && !f.app;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>${esc(f.title)} · ${esc(f.account.name)} (local Zendesk stand-in)</title>
<link rel="stylesheet" href="/garden.css"><link rel="stylesheet" href="/workspace.css">
<script src="/workspace.js" defer></script></head>
<body ${data}>
<nav class="rail" aria-label="Products">
  <a class="brand" href="${b}/views/ai" title="${esc(f.account.name)}: views">${esc(initials(f.account.name).slice(0, 1))}</a>
  <a class="rail-item${onViews ? " current" : ""}" href="${b}/views/ai" title="Views" aria-label="Views">${ICON.views}</a>
  <a class="rail-item" href="${b}/tickets/new" title="New customer ticket" aria-label="New customer ticket">${ICON.add}</a>
  <a class="rail-item${f.app ? " current" : ""}" href="${b}${ADMIN_PATH}" title="oHallo (the app's admin area)" aria-label="oHallo admin">${ICON.app}</a>
</nav>
<header class="topbar">
  <nav class="tabs"><a class="tab${onViews ? " current" : ""}" href="${b}/views/ai">Views</a>${tab}</nav>
  <span class="standin-note" title="Zendesk's agent workspace, played locally">Local Zendesk stand-in</span>
  ${accountPicker(f)}
  ${agentPicker(f)}
</header>
<main>${f.body}</main>
</body></html>`;
}
