// The Knowledge base and Policies tabs without a DOM: a filtered, paged list (search, status,
// topic), create and edit through a checked form, archive and restore, delete after a
// confirmation, and publishing an approved KB entry to Guide. Must never touch the DOM or ZAF.
import type { PublishResult } from "../../../common/admin.schema";
import type { EntriesApi, EntryStatus } from "../../api/admin-api";
import type { ApiError } from "../../api/errors";
import type { ApiResult } from "../../api/worker-api";
import { type FieldErrors, type Fields, Store } from "../store";
import type { Checked } from "./entry-form";

export const PAGE_SIZE = 25;

export interface Filters {
  q: string;
  status: EntryStatus | "";
  topic: string;
}

export type Announcement = "created" | "saved" | "archived" | "restored" | "deleted" | "published";

export interface EntriesState<E> {
  phase: "idle" | "loading" | "ready" | "failed";
  items: E[];
  total: number;
  offset: number;
  filters: Filters;
  loadError: ApiError | null;
  form: { mode: "create" } | { mode: "edit"; id: number } | null;
  formErrors: FieldErrors;
  /** "save", or the action and entry it runs on ("archive:12", "publish:12"). */
  busy: string | null;
  confirmDelete: number | null;
  /** The last action's failure; `id` null for the form. */
  failure: { id: number | null; action: string; error: ApiError } | null;
  published: Readonly<Record<number, PublishResult>>;
  announcement: Announcement | null;
}

export interface EntriesDeps<E> {
  api: EntriesApi<E>;
  check(fields: Fields): Checked<object>;
  publish?: (id: number) => Promise<ApiResult<PublishResult>>;
  /** How long typing in the search box waits before it asks (default 250 ms). */
  searchDelayMs?: number;
}

export class EntriesController<E extends { id: number; status: EntryStatus }> extends Store<EntriesState<E>> {
  private readonly deps: EntriesDeps<E>;
  private loads = 0;
  private searchTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(deps: EntriesDeps<E>) {
    super({
      phase: "idle",
      items: [],
      total: 0,
      offset: 0,
      filters: { q: "", status: "", topic: "" },
      loadError: null,
      form: null,
      formErrors: {},
      busy: null,
      confirmDelete: null,
      failure: null,
      published: {},
      announcement: null,
    });
    this.deps = deps;
  }

  get kind() {
    return this.deps.api.kind;
  }

  get canPublish() {
    return this.deps.publish !== undefined;
  }

  async load(): Promise<void> {
    const run = ++this.loads;
    if (this.state.phase !== "ready") this.set({ phase: "loading" });
    const { filters, offset } = this.state;
    const result = await this.deps.api.list({
      q: filters.q,
      status: filters.status || undefined,
      topic: filters.topic,
      limit: PAGE_SIZE,
      offset,
    });
    if (run !== this.loads) return; // a newer load answers instead
    if (!result.ok) {
      this.set({ phase: this.state.phase === "ready" ? "ready" : "failed", loadError: result.error });
      return;
    }
    const { items, total } = result.value;
    // Deleting the last entry of a page: show the page before.
    if (items.length === 0 && offset > 0 && total > 0) {
      this.set({ offset: Math.max(0, offset - PAGE_SIZE) });
      return this.load();
    }
    this.set({ phase: "ready", loadError: null, items, total });
  }

  /** Filters apply at once; typed search waits a moment so each keystroke is not a request. */
  setFilter(patch: Partial<Filters>): Promise<void> {
    this.set({ filters: { ...this.state.filters, ...patch }, offset: 0 });
    if (this.searchTimer) clearTimeout(this.searchTimer);
    const onlyText = Object.keys(patch).every((k) => k === "q");
    const delay = this.deps.searchDelayMs ?? 250;
    if (!onlyText || delay <= 0) return this.load();
    return new Promise((resolve) => {
      this.searchTimer = setTimeout(() => {
        this.searchTimer = null;
        void this.load().then(resolve);
      }, delay);
    });
  }

  page(direction: 1 | -1): Promise<void> {
    const offset = Math.max(0, this.state.offset + direction * PAGE_SIZE);
    if (offset === this.state.offset || offset >= this.state.total) return Promise.resolve();
    this.set({ offset });
    return this.load();
  }

  openCreate() {
    this.set({ form: { mode: "create" }, formErrors: {}, failure: null, confirmDelete: null });
  }

  openEdit(id: number) {
    this.set({ form: { mode: "edit", id }, formErrors: {}, failure: null, confirmDelete: null });
  }

  closeForm() {
    this.set({ form: null, formErrors: {}, failure: null });
  }

  entry(id: number): E | null {
    return this.state.items.find((e) => e.id === id) ?? null;
  }

  async save(fields: Fields): Promise<void> {
    const { form, busy } = this.state;
    if (!form || busy) return;
    const checked = this.deps.check(fields);
    if (!checked.ok) {
      this.set({ formErrors: checked.errors });
      return;
    }
    this.set({ busy: "save", formErrors: {}, failure: null, announcement: null });
    const input = checked.value as Record<string, unknown>;
    const result =
      form.mode === "create" ? await this.deps.api.create(input) : await this.deps.api.update(form.id, input);
    if (!result.ok) {
      this.set({ busy: null, failure: { id: null, action: "save", error: result.error } });
      return;
    }
    this.set({ busy: null, form: null, announcement: form.mode === "create" ? "created" : "saved" });
    await this.load();
  }

  archive(id: number) {
    return this.act(id, "archive", "archived", () => this.deps.api.update(id, { status: "archived" }));
  }

  /** An archived entry comes back approved: in use again. */
  restore(id: number) {
    return this.act(id, "restore", "restored", () => this.deps.api.update(id, { status: "approved" }));
  }

  askDelete(id: number) {
    this.set({ confirmDelete: id, failure: null });
  }

  cancelDelete() {
    this.set({ confirmDelete: null });
  }

  confirmDelete(): Promise<void> {
    const id = this.state.confirmDelete;
    if (id === null) return Promise.resolve();
    return this.act(id, "delete", "deleted", () => this.deps.api.remove(id));
  }

  async publish(id: number): Promise<void> {
    const publish = this.deps.publish;
    if (!publish || this.state.busy) return;
    this.set({ busy: `publish:${id}`, failure: null, announcement: null });
    const result = await publish(id);
    if (!result.ok) {
      this.set({ busy: null, failure: { id, action: "publish", error: result.error } });
      return;
    }
    this.set({
      busy: null,
      published: { ...this.state.published, [id]: result.value },
      announcement: "published",
    });
  }

  dispose() {
    if (this.searchTimer) clearTimeout(this.searchTimer);
  }

  private async act(
    id: number,
    action: string,
    announcement: Announcement,
    run: () => Promise<ApiResult<unknown>>,
  ): Promise<void> {
    if (this.state.busy) return;
    this.set({ busy: `${action}:${id}`, failure: null, announcement: null });
    const result = await run();
    if (!result.ok) {
      this.set({ busy: null, confirmDelete: null, failure: { id, action, error: result.error } });
      return;
    }
    this.set({ busy: null, confirmDelete: null, announcement });
    await this.load();
  }
}
