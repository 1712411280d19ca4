// The Statistics tab without a DOM: reads GET /api/stats for the chosen range (7, 30 or 90
// days up to now) and keeps the last good answer while a new range loads.
import type { Stats } from "../../../common/admin.schema";
import type { AdminApi } from "../../api/admin-api";
import type { ApiError } from "../../api/errors";
import { Store } from "../store";
import { type RangeDays, rangeFor } from "./stats.view-model";

export interface StatsState {
  phase: "idle" | "loading" | "ready" | "failed";
  days: RangeDays;
  stats: Stats | null;
  loadError: ApiError | null;
}

export class StatsController extends Store<StatsState> {
  private readonly api: AdminApi;
  private readonly now: () => Date;
  private loads = 0;

  constructor(api: AdminApi, now: () => Date = () => new Date()) {
    super({ phase: "idle", days: 30, stats: null, loadError: null });
    this.api = api;
    this.now = now;
  }

  async load(): Promise<void> {
    const run = ++this.loads;
    this.set({ phase: "loading" });
    const { from, to } = rangeFor(this.state.days, this.now());
    const result = await this.api.stats(from, to);
    if (run !== this.loads) return;
    if (result.ok) this.set({ phase: "ready", stats: result.value, loadError: null });
    else this.set({ phase: this.state.stats ? "ready" : "failed", loadError: result.error });
  }

  setDays(days: RangeDays): Promise<void> {
    if (days === this.state.days && this.state.phase === "ready") return Promise.resolve();
    this.set({ days });
    return this.load();
  }
}
