// The Settings tab without a DOM: reads GET /api/settings, checks the form and sends only what
// changed (PATCH), and resets the form to what the Worker answered.
import type { AdminSettings } from "../../../common/admin.schema";
import type { AdminApi } from "../../api/admin-api";
import type { ApiError } from "../../api/errors";
import { type FieldErrors, type Fields, Store } from "../store";
import { settingsPatch } from "./settings.view-model";

export interface SettingsState {
  phase: "idle" | "loading" | "ready" | "failed";
  settings: AdminSettings | null;
  loadError: ApiError | null;
  formErrors: FieldErrors;
  saving: boolean;
  failure: ApiError | null;
  /** "saved", or "unchanged" when there was nothing to send. */
  announcement: "saved" | "unchanged" | null;
  /** Changes whenever the form must show the Worker's values again. */
  formVersion: number;
}

export class SettingsController extends Store<SettingsState> {
  private readonly api: AdminApi;

  constructor(api: AdminApi) {
    super({
      phase: "idle",
      settings: null,
      loadError: null,
      formErrors: {},
      saving: false,
      failure: null,
      announcement: null,
      formVersion: 0,
    });
    this.api = api;
  }

  /** Opening the tab reloads; the form is only re-created when the Worker's values changed, so what
   * the admin typed meanwhile stays. */
  async load(): Promise<void> {
    this.set({ phase: "loading" });
    const result = await this.api.settings();
    if (result.ok) {
      const changed = JSON.stringify(result.value) !== JSON.stringify(this.state.settings);
      this.set({
        phase: "ready",
        settings: result.value,
        loadError: null,
        formVersion: this.state.formVersion + (changed ? 1 : 0),
      });
    } else this.set({ phase: this.state.settings ? "ready" : "failed", loadError: result.error });
  }

  async save(fields: Fields): Promise<void> {
    const { settings, saving } = this.state;
    if (!settings || saving) return;
    const check = settingsPatch(settings, fields);
    if (!check.ok) {
      this.set({ formErrors: check.errors, announcement: null });
      return;
    }
    if (Object.keys(check.patch).length === 0) {
      this.set({ formErrors: {}, failure: null, announcement: "unchanged" });
      return;
    }
    this.set({ saving: true, formErrors: {}, failure: null, announcement: null });
    const result = await this.api.saveSettings(check.patch);
    if (!result.ok) {
      this.set({ saving: false, failure: result.error });
      return;
    }
    this.set({
      saving: false,
      settings: result.value,
      announcement: "saved",
      formVersion: this.state.formVersion + 1,
    });
  }

  /** Back to what the Worker holds. */
  reset() {
    this.set({ formErrors: {}, failure: null, announcement: null, formVersion: this.state.formVersion + 1 });
  }
}
