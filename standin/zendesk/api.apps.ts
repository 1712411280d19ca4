// An account's app installations (the Apps API): list them, update their settings. Secure settings are stored
// but never shown in `settings`, as on Zendesk; only the control API reads them back (for the ZAF proxy stand-in).

import type { ApiContext } from "./api.ts";
import { isRecord, json, parseJson, type Route, type StandinRequest } from "./http.ts";

export type SettingValue = string | number | boolean | null;
export type Installation = {
  id: number;
  app_id: number;
  product: "support";
  /** Every setting, secure ones included. */
  settings: Record<string, SettingValue>;
  /** Names of the app's secure parameters (`"secure": true` in its manifest). */
  secure: string[];
  enabled: boolean;
  created_at: string;
  updated_at: string;
};

const isSetting = (v: unknown): v is SettingValue =>
  v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";

export function checkSettings(value: unknown): Record<string, SettingValue> | undefined {
  if (!isRecord(value)) return undefined;
  return Object.values(value).every(isSetting) ? (value as Record<string, SettingValue>) : undefined;
}

export class Installations {
  private readonly all = new Map<number, Installation>();
  private nextId: number;
  private readonly firstId: number;

  constructor(firstId = 360_000_001) {
    this.firstId = firstId;
    this.nextId = firstId;
  }

  install(
    input: { app_id: number; settings?: Record<string, SettingValue>; secure?: string[]; enabled?: boolean },
    at: string,
  ): Installation {
    const inst: Installation = {
      id: this.nextId++,
      app_id: input.app_id,
      product: "support",
      settings: { ...input.settings },
      secure: [...(input.secure ?? [])],
      enabled: input.enabled ?? true,
      created_at: at,
      updated_at: at,
    };
    this.all.set(inst.id, inst);
    return inst;
  }

  list(): Installation[] {
    return [...this.all.values()];
  }

  get(id: number): Installation | undefined {
    return this.all.get(id);
  }

  update(id: number, change: { settings?: Record<string, SettingValue>; enabled?: boolean }, at: string) {
    const inst = this.all.get(id);
    if (!inst) return undefined;
    inst.settings = { ...inst.settings, ...change.settings };
    if (change.enabled !== undefined) inst.enabled = change.enabled;
    inst.updated_at = at;
    return inst;
  }

  clear(): void {
    this.all.clear();
    this.nextId = this.firstId;
  }
}

/** An installation as the Apps API shows it: secure settings left out of `settings` and `settings_objects`. */
export function renderInstallation(inst: Installation) {
  const shown = Object.fromEntries(
    Object.entries(inst.settings).filter(([name]) => !inst.secure.includes(name)),
  );
  return {
    id: inst.id,
    app_id: inst.app_id,
    product: inst.product,
    settings: shown,
    settings_objects: Object.entries(shown).map(([name, value]) => ({ name, value })),
    enabled: inst.enabled,
    paid: false,
    collapsible: true,
    group_restrictions: [],
    role_restrictions: null,
    created_at: inst.created_at,
    updated_at: inst.updated_at,
  };
}

const NOT_FOUND = { error: "RecordNotFound", description: "Not found" };

function update(req: StandinRequest, ctx: ApiContext, match: RegExpExecArray) {
  const inst = ctx.apps.get(Number(match[1]));
  if (!inst) return json(404, NOT_FOUND);
  const raw = parseJson(req.body);
  if (!raw.ok) return raw.response;
  const body = isRecord(raw.value) ? raw.value : {};
  const settings = body.settings === undefined ? undefined : checkSettings(body.settings);
  const enabled = body.enabled;
  if ((body.settings !== undefined && !settings) || (enabled !== undefined && typeof enabled !== "boolean")) {
    return json(400, { error: "InvalidValue", description: "settings must be an object of plain values" });
  }
  const updated = ctx.apps.update(inst.id, { settings, enabled }, ctx.store.stampNow());
  return json(200, renderInstallation(updated ?? inst));
}

export const APP_ROUTES: Route<ApiContext>[] = [
  {
    method: "GET",
    pattern: /^\/api\/v2\/apps\/installations(?:\.json)?$/,
    handle: (_req, ctx) => json(200, { installations: ctx.apps.list().map(renderInstallation) }),
  },
  { method: "PUT", pattern: /^\/api\/v2\/apps\/installations\/(\d+)(?:\.json)?$/, handle: update },
];
