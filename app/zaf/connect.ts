// Opens the connection to Zendesk through the SDK. The only file that imports the SDK;
// returns null outside Zendesk (no `origin`/`app_guid` in the URL). A location that needs more
// than the common seam passes its own wrapper (the admin area: createAdminZaf).
import ZAFClient from "zendesk_app_framework_sdk";
import { createZaf, type Zaf } from "./client";
import type { RawZafClient } from "./types";

export function connectZaf(): Zaf | null;
export function connectZaf<T>(wrap: (raw: RawZafClient) => T): T | null;
export function connectZaf(wrap: (raw: RawZafClient) => unknown = createZaf): unknown {
  const raw = ZAFClient.init();
  return raw ? wrap(raw) : null;
}
