// The workspace page's only script: keeps the page current without reloading it (polls
// /live, swaps the server-rendered [data-live] regions, and tells the framed sidebar
// `ticket.updated` through the ZAF host when its ticket changed), and posts the reply
// forms without reloading the sidebar. The page works without it, only less live.
interface ZafHostGlobal {
  trigger(event: string, message?: unknown): boolean;
}
interface Live {
  version: string;
  ticket: string | null;
  status: string | null;
}

const POLL_MS = 1000;
const body = document.body;
const ticketId = body.dataset.ticket;
let version = body.dataset.version ?? "";
let ticketVersion = body.dataset.ticketVersion ?? "";
let ticketStatus: string | null = null;
let busy = false;

const zafHost = () => (window as unknown as { zafHost?: ZafHostGlobal }).zafHost;

/** Re-renders the live regions from a fresh copy of this page; forms and the sidebar stay. */
async function swapRegions(): Promise<void> {
  const res = await fetch(location.href, { headers: { accept: "text/html" } });
  if (!res.ok) return;
  const fresh = new DOMParser().parseFromString(await res.text(), "text/html");
  for (const region of document.querySelectorAll<HTMLElement>("[data-live]")) {
    const next = fresh.querySelector<HTMLElement>(`[data-live="${region.dataset.live}"]`);
    if (next && next.innerHTML !== region.innerHTML) region.innerHTML = next.innerHTML;
  }
  const conversation = document.querySelector(".conversation");
  if (conversation) conversation.scrollTop = conversation.scrollHeight;
}

async function check(): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    const query = ticketId ? `?ticket=${encodeURIComponent(ticketId)}` : "";
    const live = (await (await fetch(`${body.dataset.base ?? ""}/live${query}`)).json()) as Live;
    if (live.version !== version) {
      version = live.version;
      await swapRegions();
    }
    if (ticketId && live.ticket && live.ticket !== ticketVersion) {
      ticketVersion = live.ticket;
      // Zendesk tells the app whenever its ticket changes; the sidebar then reads its state again.
      zafHost()?.trigger("ticket.updated");
      if (ticketStatus !== null && live.status !== ticketStatus) zafHost()?.trigger("ticket.status.changed");
    }
    ticketStatus = live.status;
    body.dataset.liveVersion = version;
  } catch {
    // The server is restarting or gone; the next poll tries again.
  } finally {
    busy = false;
  }
}

async function submit(form: HTMLFormElement, submitter: HTMLElement | null): Promise<void> {
  const data = new URLSearchParams();
  for (const [key, value] of new FormData(form, submitter))
    if (typeof value === "string") data.append(key, value);
  const buttons = form.querySelectorAll("button");
  for (const b of buttons) b.disabled = true;
  form.querySelector(".form-error")?.remove();
  try {
    const res = await fetch(form.action, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
      body: data,
    });
    const answer = (await res.json()) as { ok?: boolean; error?: string };
    if (!res.ok) throw new Error(answer.error ?? `HTTP ${res.status}`);
    form.reset();
    await check();
  } catch (error) {
    const note = document.createElement("p");
    note.className = "form-error";
    note.setAttribute("role", "alert");
    note.textContent = `Not sent: ${(error as Error).message}`;
    form.append(note);
  } finally {
    for (const b of buttons) b.disabled = false;
  }
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-enhance")) return;
  event.preventDefault();
  void submit(form, event.submitter);
});
document.addEventListener("change", (event) => {
  const select = event.target;
  if (select instanceof HTMLSelectElement && select.hasAttribute("data-autosubmit")) select.form?.submit();
});
setInterval(() => void check(), POLL_MS);
