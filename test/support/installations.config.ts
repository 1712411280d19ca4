// The connected-installations setup every workerd test runs with: one global OAuth
// client (registered in the Zendesk stand-in by global-setup), the app's id, the
// Worker's public origin as tests call it, an encryption key, marketplace headers.
export const TEST_OAUTH_CLIENT = {
  identifier: "zdg-ohallo-test",
  secret: "test-oauth-client-secret-7c1e",
} as const;
export const TEST_APP_ID = 424242;
/** The origin `exports.default.fetch` is called with in tests. */
export const TEST_PUBLIC_ORIGIN = "http://worker";
/** base64 of 32 fixed bytes (tests only). */
export const TEST_ENCRYPTION_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
export const TEST_MARKETPLACE = {
  name: "oHallo",
  organizationId: "9001",
  appId: String(TEST_APP_ID),
} as const;
