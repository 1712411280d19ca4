// The last check before any public comment leaves the Worker: no template
// placeholder (Zendesk's proxy and triggers expand `{{...}}`) and no configured
// secret, whoever wrote the text (the model, or an agent editing a draft). Pure.

/** Why `body` must not be posted publicly, or null when it may. */
export function unsafeForCustomer(body: string, secrets: readonly string[]): "placeholder" | "secret" | null {
  if (body.includes("{{") || body.includes("}}")) return "placeholder";
  for (const secret of secrets) {
    if (secret.length >= 8 && body.includes(secret)) return "secret";
  }
  return null;
}
