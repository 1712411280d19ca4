// Installation settings, one JSON value in D1, defaults filled in on read.
import { z } from "zod";
import { type Settings, SettingsSchema } from "../../../common/api.schema";
import { type Query, run } from "../lib/query";

export const DEFAULT_SETTINGS: Settings = {
  learning: { enabled: true, humanManagedOnly: false },
  defaultAutonomy: "auto",
  autoReleaseHours: null,
  brandTone: "Friendly, concise and precise. Use the customer's language.",
  handoffAcknowledgement: true,
  maxAiRepliesPerHour: 6,
};

export class SettingsRepo {
  constructor(private readonly db: D1Database) {}

  async get(): Promise<Settings> {
    return run(this.getQuery());
  }

  getQuery(): Query<Settings> {
    return {
      statement: this.db.prepare("SELECT value FROM settings WHERE key = 'settings'"),
      read: ([row]) => {
        const value = z.object({ value: z.string() }).safeParse(row);
        if (!value.success) return DEFAULT_SETTINGS;
        const parsed = SettingsSchema.partial().safeParse(JSON.parse(value.data.value));
        return parsed.success ? { ...DEFAULT_SETTINGS, ...parsed.data } : DEFAULT_SETTINGS;
      },
    };
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
