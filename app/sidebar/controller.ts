// The sidebar's behaviour without a DOM: loads the ticket's oHallo state, runs the
// actions, asks before forcing, re-reads after every action and whenever Zendesk says the
// ticket changed, and polls while visible. Must never touch the DOM or call the SDK.
import type { Agent, Autonomy, TicketView } from "../../common/ticket.schema";
import type { ApiError } from "../api/errors";
import { type ApiResult, createWorkerApi, type WorkerApi } from "../api/worker-api";
import type { Zaf } from "../zaf/client";
import { SIDEBAR_LOCALES, englishSidebar } from "../i18n/catalogs";
import { type Catalog, pickLocale } from "../i18n/i18n";
import { releaseNeedsConfirmation, takeOverNeedsConfirmation } from "./view-model";

export type Action = "take_over" | "release" | "resolve" | "approve" | "discard" | "autonomy" | "dismiss";
export type Problem = ApiError | { kind: "no_ticket"; status: 0; detail: null };

/** A question the agent must answer before anything is sent. */
export type Pending =
  | { kind: "confirm_release"; owner: Agent }
  /** Taking over a colleague's ticket: asked before `force` is sent. */
  | { kind: "confirm_take_over"; owner: Agent }
  | { kind: "take_over_conflict"; owner: Agent };

export interface SidebarState {
  phase: "starting" | "loading" | "ready" | "failed";
  /** Zendesk's locale for the agent ("de", "pt-BR"); null until known. */
  userLocale: string | null;
  /** The locale the sidebar speaks (one it has strings for) and those strings. */
  locale: string;
  catalog: Catalog;
  me: Agent | null;
  view: TicketView | null;
  /** The last read failed (cleared by the next good read). */
  loadError: Problem | null;
  /** The last action failed (cleared by the next action). */
  actionError: ApiError | null;
  busy: Action | null;
  pending: Pending | null;
}

export interface Visibility {
  visible(): boolean;
  onChange(listener: () => void): void;
}

export interface ControllerDeps {
  zaf: Zaf;
  visibility: Visibility;
  pollMs?: number;
  makeApi?: (zaf: Zaf, backendUrl: string | null) => WorkerApi;
  /** Fetches a locale's strings (English needs none); a failure leaves the sidebar in English. */
  loadCatalog?: (locale: string) => Promise<Catalog>;
}

type Run = (api: WorkerApi, ticketId: number, me: Agent) => Promise<ApiResult<void>>;

export class SidebarController {
  state: SidebarState = {
    phase: "starting",
    userLocale: null,
    locale: "en",
    catalog: englishSidebar,
    me: null,
    view: null,
    loadError: null,
    actionError: null,
    busy: null,
    pending: null,
  };
  private readonly listeners = new Set<(s: SidebarState) => void>();
  private readonly deps: ControllerDeps;
  private api: WorkerApi | null = null;
  private ticketId = 0;
  private inflight: Promise<void> | null = null;
  private again = false;
  private active = true;
  private timer: ReturnType<typeof setInterval> | null = null;
  private disposed = false;

  constructor(deps: ControllerDeps) {
    this.deps = deps;
  }

  subscribe(listener: (s: SidebarState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<void> {
    const { zaf, visibility } = this.deps;
    await zaf.registered;
    const user = await zaf.get("currentUser").catch(() => null);
    const me = user?.name.trim() ? { id: user.id, name: user.name.trim() } : null;
    const locale = pickLocale(user?.locale, SIDEBAR_LOCALES);
    // The agent's language is loaded before anything is shown in it (no flash of English).
    const catalog =
      locale === "en" || !this.deps.loadCatalog
        ? englishSidebar
        : await this.deps.loadCatalog(locale).catch(() => null);
    this.set({
      userLocale: user?.locale ?? null,
      me,
      locale: catalog ? locale : "en",
      catalog: catalog ?? englishSidebar,
    });
    const ticketId = await zaf.get("ticket.id").catch(() => null);
    if (ticketId === null) {
      this.set({ phase: "failed", loadError: { kind: "no_ticket", status: 0, detail: null } });
      return;
    }
    this.ticketId = ticketId;
    const backendUrl = (await zaf.settings()).backend_url;
    this.api = (this.deps.makeApi ?? createWorkerApi)(
      zaf,
      typeof backendUrl === "string" ? backendUrl : null,
    );
    for (const event of ["ticket.updated", "ticket.status.changed"] as const)
      zaf.on(event, () => this.refresh());
    zaf.on("app.activated", () => {
      this.active = true;
      this.syncPolling(false);
      void this.refresh();
    });
    zaf.on("app.deactivated", () => {
      this.active = false;
      this.syncPolling(false);
    });
    visibility.onChange(() => this.syncPolling(true));
    this.set({ phase: "loading" });
    await this.refresh();
    this.syncPolling(false);
  }

  /** Reads the state again; calls made while a read is running coalesce into one more read. */
  refresh(): Promise<void> {
    if (!this.api) return Promise.resolve();
    if (this.inflight) {
      this.again = true;
      return this.inflight;
    }
    this.inflight = (async () => {
      do {
        this.again = false;
        await this.readOnce();
      } while (this.again);
      this.inflight = null;
    })();
    return this.inflight;
  }

  takeOver(force = false) {
    const { view, me } = this.state;
    if (!force && view?.owner && takeOverNeedsConfirmation(view, me)) {
      this.set({ pending: { kind: "confirm_take_over", owner: view.owner }, actionError: null });
      return Promise.resolve();
    }
    return this.act("take_over", (api, id, agent) => api.takeOver(id, agent, force));
  }

  release() {
    const { view, me } = this.state;
    if (view?.owner && releaseNeedsConfirmation(view, me)) {
      this.set({ pending: { kind: "confirm_release", owner: view.owner }, actionError: null });
      return Promise.resolve();
    }
    return this.act("release", (api, id, agent) => api.release(id, agent));
  }

  /** The agent confirmed: release someone else's ticket with `force`. */
  confirmRelease() {
    return this.act("release", (api, id, me) => api.release(id, me, true));
  }

  cancelPending() {
    this.set({ pending: null });
  }

  resolve() {
    return this.act("resolve", (api, id, me) => api.resolve(id, me));
  }

  approveDraft(body?: string) {
    const draft = this.state.view?.pendingDraft;
    if (!draft) return Promise.resolve();
    return this.act("approve", (api, id, me) => api.approveDraft(id, draft.id, me, body));
  }

  discardDraft() {
    const draft = this.state.view?.pendingDraft;
    if (!draft) return Promise.resolve();
    return this.act("discard", (api, id, me) => api.discardDraft(id, draft.id, me));
  }

  /** Closes an attention item; the ticket stays as it is (a wait for a person ends). */
  dismissAttention(itemId: number) {
    return this.act("dismiss", (api, _id, me) => api.dismissAttention(itemId, me));
  }

  setAutonomy(mode: Autonomy) {
    return this.act("autonomy", (api, id, me) => api.setAutonomy(id, mode, me));
  }

  dispose() {
    this.disposed = true;
    this.stopPolling();
    this.listeners.clear();
  }

  private async act(action: Action, run: Run): Promise<void> {
    const { me, busy } = this.state;
    if (busy || !me || !this.api) return;
    this.set({ busy: action, actionError: null, pending: null });
    const result = await run(this.api, this.ticketId, me);
    await this.refresh();
    let actionError = result.ok ? null : result.error;
    let pending: Pending | null = null;
    const view = this.state.view;
    // A take over refused because a colleague holds the ticket: say who, and offer to force it.
    if (actionError?.kind === "conflict" && action === "take_over" && view?.owner) {
      if (releaseNeedsConfirmation(view, me)) {
        pending = { kind: "take_over_conflict", owner: view.owner };
        actionError = null;
      }
    }
    this.set({ busy: null, actionError, pending });
  }

  private async readOnce(): Promise<void> {
    if (!this.api) return;
    const result = await this.api.getTicket(this.ticketId);
    if (result.ok) {
      this.set({ phase: "ready", view: result.value, loadError: null });
    } else {
      this.set({ phase: this.state.view ? "ready" : "failed", loadError: result.error });
    }
  }

  /** Polls only while the app is active and the page visible; catches up when it shows again. */
  private syncPolling(catchUp: boolean) {
    const shouldPoll = this.active && this.deps.visibility.visible() && !this.disposed;
    if (shouldPoll && !this.timer) {
      this.timer = setInterval(() => this.refresh(), this.deps.pollMs ?? 15_000);
      if (catchUp) void this.refresh();
    } else if (!shouldPoll) {
      this.stopPolling();
    }
  }

  private stopPolling() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private set(patch: Partial<SidebarState>) {
    if (this.disposed) return;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }
}
