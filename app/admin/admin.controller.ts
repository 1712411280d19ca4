// The admin area (nav_bar) without a DOM: connects to Zendesk, builds one controller per tab
// over the shared Worker API, keeps the selected tab, and reads a tab's data when it is shown
// (the pending count at once, for the tab's number). Must never touch the DOM or the SDK.
import { type AdminApi, createAdminApi } from "../api/admin-api";
import { type Catalog, pickLocale } from "../i18n/i18n";
import type { AdminZaf } from "../zaf/admin-client";
import type { Zaf } from "../zaf/client";
import { ConnectionController } from "./connection/connection.controller";
import { EntriesController } from "./entries/entries.controller";
import type { AnyEntry } from "./entries/entries.view-model";
import { kbInput, policyInput } from "./entries/entry-form";
import { ADMIN_LOCALES } from "./i18n";
import { ImportController } from "./import/import.controller";
import { ReviewController } from "./review/review.controller";
import { SettingsController } from "./settings/settings.controller";
import { StatsController } from "./stats/stats.controller";
import { Store } from "./store";

export const TABS = ["review", "kb", "policies", "stats", "settings", "connection"] as const;
export type Tab = (typeof TABS)[number];

export interface AdminDeps {
  zaf: AdminZaf;
  openWindow(url: string): void;
  download(fileName: string, text: string): void;
  /** The admin's strings in a locale other than English; null when they cannot be had. */
  loadStrings(locale: string): Promise<Catalog | null>;
  makeApi?: (zaf: Zaf, backendUrl: string | null) => AdminApi;
  searchDelayMs?: number;
  now?: () => Date;
}

export interface Parts {
  review: ReviewController;
  kb: EntriesController<AnyEntry>;
  policies: EntriesController<AnyEntry>;
  kbImport: ImportController;
  policyImport: ImportController;
  stats: StatsController;
  settings: SettingsController;
  connection: ConnectionController;
}

export interface AdminState {
  phase: "starting" | "ready";
  /** The admin's language among ADMIN_LOCALES, and its strings (null: English). */
  locale: string;
  strings: Catalog | null;
  tab: Tab;
}

/** Arrow keys move along the tabs (wrapping), Home and End jump: WAI-ARIA's tabs pattern. */
export function nextTab(current: Tab, key: string): Tab | null {
  const i = TABS.indexOf(current);
  const last = TABS.length - 1;
  const to =
    key === "ArrowRight"
      ? (i + 1) % TABS.length
      : key === "ArrowLeft"
        ? (i + last) % TABS.length
        : key === "Home"
          ? 0
          : key === "End"
            ? last
            : null;
  return to === null ? null : (TABS[to] ?? null);
}

export const ticketUrl = (subdomain: string, ticketId: number) =>
  `https://${subdomain}.zendesk.com/agent/tickets/${ticketId}`;

export class AdminController extends Store<AdminState> {
  parts: Parts | null = null;
  private readonly deps: AdminDeps;
  private subdomain: string | null = null;

  constructor(deps: AdminDeps) {
    super({ phase: "starting", locale: "en", strings: null, tab: "review" });
    this.deps = deps;
  }

  async start(): Promise<void> {
    const { zaf } = this.deps;
    await zaf.registered;
    const user = await zaf.get("currentUser").catch(() => null);
    const locale = pickLocale(user?.locale, ADMIN_LOCALES);
    const [strings, settings, subdomain] = await Promise.all([
      locale === "en" ? null : this.deps.loadStrings(locale).catch(() => null),
      zaf.settings(),
      zaf.subdomain(),
    ]);
    this.subdomain = subdomain;
    const backendUrl = typeof settings.backend_url === "string" ? settings.backend_url : null;
    this.parts = this.build((this.deps.makeApi ?? createAdminApi)(zaf, backendUrl));
    this.set({ phase: "ready", locale: strings ? locale : "en", strings });
    const loads = [this.parts.review.load()];
    if (this.state.tab !== "review") loads.push(this.loadTab(this.state.tab));
    await Promise.all(loads);
  }

  select(tab: Tab): Promise<void> {
    if (tab === this.state.tab) return Promise.resolve();
    this.set({ tab });
    return this.loadTab(tab);
  }

  /** Opens the ticket in Zendesk's workspace; outside it, in a new window. */
  async openTicket(ticketId: number): Promise<void> {
    if (await this.deps.zaf.openTicket(ticketId)) return;
    if (this.subdomain) this.deps.openWindow(ticketUrl(this.subdomain, ticketId));
  }

  ticketHref(ticketId: number): string | null {
    return this.subdomain ? ticketUrl(this.subdomain, ticketId) : null;
  }

  private loadTab(tab: Tab): Promise<void> {
    const p = this.parts;
    if (!p) return Promise.resolve();
    const byTab: Record<Tab, () => Promise<void>> = {
      review: () => p.review.load(),
      kb: () => p.kb.load(),
      policies: () => p.policies.load(),
      stats: () => p.stats.load(),
      settings: () => p.settings.load(),
      connection: () => p.connection.load(),
    };
    return byTab[tab]();
  }

  private build(api: AdminApi): Parts {
    const { searchDelayMs } = this.deps;
    const kb = new EntriesController<AnyEntry>({
      api: api.kb,
      check: kbInput,
      publish: api.publish,
      searchDelayMs,
    });
    const policies = new EntriesController<AnyEntry>({
      api: api.policies,
      check: policyInput,
      searchDelayMs,
    });
    return {
      review: new ReviewController(api),
      kb,
      policies,
      kbImport: new ImportController(api.kb, () => void kb.load()),
      policyImport: new ImportController(api.policies, () => void policies.load()),
      stats: new StatsController(api, this.deps.now),
      settings: new SettingsController(api),
      connection: new ConnectionController({
        api,
        subdomain: this.subdomain,
        openWindow: this.deps.openWindow,
        download: this.deps.download,
      }),
    };
  }
}
