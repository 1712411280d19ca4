// Types for the untyped ZAF SDK package: only what app/zaf/connect.ts touches.
// The rest of the app must use the typed seam in ./client.ts, never the SDK.
declare module "zendesk_app_framework_sdk" {
  import type { RawZafClient } from "./types";
  const ZAFClient: { init(): RawZafClient | false };
  export default ZAFClient;
}
