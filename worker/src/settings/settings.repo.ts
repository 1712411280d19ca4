// Installation settings, one JSON value in D1, defaults filled in on read.
import { z } from "zod";
import { type Settings, SettingsSchema } from "../../../common/api.schema";
import { type Query, run } from "../lib/query";
import type { Scope } from "../lib/scope";

export const DEFAULT_SETTINGS: Settings = {
  learning: { enabled: true, humanManagedOnly: false },
  defaultAutonomy: "auto",
  autoReleaseHours: null,
  brandTone: "Friendly, concise and precise. Use the customer's language.",
  handoffAcknowledgement: true,
  maxAiRepliesPerHour: 6,
  aiAgentId: null,
  scope: { channels: [], brandIds: [], groupIds: [] },
  retentionDays: 90,
};

export class SettingsRepo {
  private readonly db: D1Database;
  private readonly inst: string;
  constructor(scope: Scope) {
    this.db = scope.db;
    this.inst = scope.installationId;
  }

  async get(): Promise<Settings> {
    return run(this.getQuery());
  }

  getQuery(): Query<Settings> {
    return {
      statement: this.db
        .prepare("SELECT value FROM settings WHERE installation_id = ? AND key = 'settings'")
        .bind(this.inst),
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
        `INSERT INTO settings (installation_id, key, value) VALUES (?, 'settings', ?)
         ON CONFLICT (installation_id, key) DO UPDATE SET value = excluded.value`,
      )
      .bind(this.inst, JSON.stringify(settings))
      .run();
  }
}
