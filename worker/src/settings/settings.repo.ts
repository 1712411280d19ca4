// Installation settings, one JSON value in D1 per key, defaults filled in on read: `settings` (how the
// AI works) and `guide` (where KB entries are published in the help center).
import * as z from "zod";
import { type GuideSettings, GuideSettingsSchema } from "../../../common/admin.schema";
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

/** Nothing chosen: the help center's first section and permission group, its default locale. */
export const DEFAULT_GUIDE: GuideSettings = { sectionId: null, permissionGroupId: null, locale: null };

const StoredValue = z.object({ value: z.string() });

function stored(row: unknown): unknown {
  const value = StoredValue.safeParse(row);
  if (!value.success) return undefined;
  try {
    return JSON.parse(value.data.value);
  } catch {
    return undefined;
  }
}

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
        const value = stored(row);
        if (value === undefined) return DEFAULT_SETTINGS;
        const parsed = SettingsSchema.partial().safeParse(value);
        return parsed.success ? { ...DEFAULT_SETTINGS, ...parsed.data } : DEFAULT_SETTINGS;
      },
    };
  }

  async put(settings: Settings): Promise<void> {
    await this.putValue("settings", settings);
  }

  async guide(): Promise<GuideSettings> {
    return run(this.guideQuery());
  }

  guideQuery(): Query<GuideSettings> {
    return {
      statement: this.db
        .prepare("SELECT value FROM settings WHERE installation_id = ? AND key = 'guide'")
        .bind(this.inst),
      read: ([row]) => {
        const parsed = GuideSettingsSchema.partial().safeParse(stored(row));
        return parsed.success ? { ...DEFAULT_GUIDE, ...parsed.data } : DEFAULT_GUIDE;
      },
    };
  }

  async putGuide(guide: GuideSettings): Promise<void> {
    await this.putValue("guide", guide);
  }

  private async putValue(key: "settings" | "guide", value: unknown): Promise<void> {
    await this.db
      .prepare(
        `INSERT INTO settings (installation_id, key, value) VALUES (?, ?, ?)
         ON CONFLICT (installation_id, key) DO UPDATE SET value = excluded.value`,
      )
      .bind(this.inst, key, JSON.stringify(value))
      .run();
  }
}
