// Installation settings, one JSON value in D1, defaults filled in on read.
import { type Settings, SettingsSchema } from "../../../common/api.schema";

export const DEFAULT_SETTINGS: Settings = {
  learning: { enabled: true, humanManagedOnly: false },
  defaultAutonomy: "auto",
  autoReleaseHours: null,
  brandTone: "Friendly, concise and precise. Use the customer's language.",
};

export class SettingsRepo {
  constructor(private readonly db: D1Database) {}

  async get(): Promise<Settings> {
    const row = await this.db
      .prepare("SELECT value FROM settings WHERE key = 'settings'")
      .first<{ value: string }>();
    if (!row) return DEFAULT_SETTINGS;
    const parsed = SettingsSchema.partial().safeParse(JSON.parse(row.value));
    return parsed.success ? { ...DEFAULT_SETTINGS, ...parsed.data } : DEFAULT_SETTINGS;
  }

  async put(settings: Settings): Promise<void> {
    await this.db
      .prepare(
        "INSERT INTO settings (key, value) VALUES ('settings', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      )
      .bind(JSON.stringify(settings))
      .run();
  }
}
