// The Connection tab without a DOM: the installation's checks (GET /api/installation), connect
// (the Worker's OAuth start in a new window), export (a JSON file) and disconnect after a
// confirmation. A Worker without these calls yet answers 404: the tab says so.
import type { Installation } from "../../../common/admin.schema";
import type { AdminApi } from "../../api/admin-api";
import type { ApiError } from "../../api/errors";
import { Store } from "../store";

export interface ConnectionDeps {
  api: AdminApi;
  /** The Zendesk account's subdomain, from ZAF (used until the Worker names it). */
  subdomain: string | null;
  openWindow(url: string): void;
  download(fileName: string, text: string): void;
}

export interface ConnectionState {
  phase: "idle" | "loading" | "ready" | "unavailable" | "failed";
  installation: Installation | null;
  loadError: ApiError | null;
  busy: "export" | "disconnect" | null;
  confirmDisconnect: boolean;
  failure: ApiError | null;
  announcement: "connect_opened" | "exported" | "disconnected" | null;
}

export class ConnectionController extends Store<ConnectionState> {
  private readonly deps: ConnectionDeps;

  constructor(deps: ConnectionDeps) {
    super({
      phase: "idle",
      installation: null,
      loadError: null,
      busy: null,
      confirmDisconnect: false,
      failure: null,
      announcement: null,
    });
    this.deps = deps;
  }

  get subdomain(): string | null {
    return this.state.installation?.subdomain ?? this.deps.subdomain;
  }

  /** Null when there is no backend URL or no subdomain to connect. */
  get connectUrl(): string | null {
    const subdomain = this.subdomain;
    return subdomain ? this.deps.api.connectUrl(subdomain) : null;
  }

  async load(): Promise<void> {
    this.set({ phase: "loading" });
    const result = await this.deps.api.installation();
    if (result.ok) this.set({ phase: "ready", installation: result.value, loadError: null });
    else if (result.error.kind === "not_found") this.set({ phase: "unavailable", loadError: null });
    else this.set({ phase: "failed", loadError: result.error });
  }

  connect() {
    const url = this.connectUrl;
    if (!url) return;
    this.deps.openWindow(url);
    this.set({ announcement: "connect_opened", failure: null });
  }

  async exportData(): Promise<void> {
    if (this.state.busy) return;
    this.set({ busy: "export", failure: null, announcement: null });
    const result = await this.deps.api.exportData();
    if (!result.ok) {
      this.set({ busy: null, failure: result.error });
      return;
    }
    this.deps.download(`ohallo-${this.subdomain ?? "export"}.json`, result.value);
    this.set({ busy: null, announcement: "exported" });
  }

  askDisconnect() {
    this.set({ confirmDisconnect: true, failure: null, announcement: null });
  }

  cancelDisconnect() {
    this.set({ confirmDisconnect: false });
  }

  async disconnect(): Promise<void> {
    if (this.state.busy || !this.state.confirmDisconnect) return;
    this.set({ busy: "disconnect", failure: null });
    const result = await this.deps.api.disconnect();
    if (!result.ok) {
      this.set({ busy: null, confirmDisconnect: false, failure: result.error });
      return;
    }
    this.set({ busy: null, confirmDisconnect: false, announcement: "disconnected" });
    await this.load();
  }
}
