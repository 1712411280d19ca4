// The last check before any public comment leaves the Worker: no template
// placeholder (Zendesk's proxy and triggers expand `{{...}}`) and no configured
// secret, whoever wrote the text (the model, or an agent editing a draft). Pure.

/** The shape of the API secrets this Worker gives installations (installations/connect): never sent. */
export const API_SECRET_PATTERN = /ohs_[A-Za-z0-9_-]{32,}/;

/** Why `body` must not be posted publicly, or null when it may. */
export function unsafeForCustomer(body: string, secrets: readonly string[]): "placeholder" | "secret" | null {
  if (body.includes("{{") || body.includes("}}")) return "placeholder";
  // Zendesk's proxy fills `{{setting.api_secret}}` in before the Worker sees the body.
  if (API_SECRET_PATTERN.test(body)) return "secret";
  for (const secret of secrets) {
    if (secret.length >= 8 && body.includes(secret)) return "secret";
  }
  return null;
}
