// Opens the connection to Zendesk through the SDK. The only file that imports the SDK;
// returns null outside Zendesk (no `origin`/`app_guid` in the URL).
import ZAFClient from "zendesk_app_framework_sdk";
import { createZaf, type Zaf } from "./client";

export function connectZaf(): Zaf | null {
  const raw = ZAFClient.init();
  return raw ? createZaf(raw) : null;
}
