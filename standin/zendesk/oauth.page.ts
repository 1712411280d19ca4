// The HTML Zendesk shows a signed-in user during an OAuth authorization: the consent page (Allow / Deny) and the
// error page for a request that must not redirect anywhere (unknown client, unregistered redirect URI). Pure.

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const layout = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;color:#2f3941}
form{display:inline-block;margin-right:.5rem}button{font-size:1rem;padding:.5rem 1.25rem;cursor:pointer}
.allow{background:#1f73b7;color:#fff;border:0;border-radius:4px}.deny{background:#fff;border:1px solid #87929d;border-radius:4px}
li{margin:.25rem 0}</style></head><body>${body}</body></html>`;

export type ConsentPage = {
  subdomain: string;
  clientName: string;
  userName: string;
  scope: string;
  /** Where both forms post, and the authorization request's parameters they carry along. */
  action: string;
  params: Record<string, string>;
};

export function consentPage(p: ConsentPage): string {
  const hidden = Object.entries(p.params)
    .map(([name, value]) => `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`)
    .join("");
  const form = (decision: "allow" | "deny", label: string) =>
    `<form method="post" action="${esc(p.action)}">${hidden}<input type="hidden" name="decision" value="${decision}">` +
    `<button type="submit" class="${decision}" name="${decision}">${label}</button></form>`;
  const scopes = p.scope
    .split(" ")
    .filter((s) => s !== "")
    .map((s) => `<li><code>${esc(s)}</code></li>`)
    .join("");
  return layout(
    `Allow ${p.clientName}?`,
    `<h1>${esc(p.clientName)} would like to access your Zendesk account</h1>
<p>Signed in to <strong>${esc(p.subdomain)}</strong> as <strong>${esc(p.userName)}</strong>.</p>
<p>It asks for:</p><ul>${scopes}</ul>
${form("allow", "Allow")}${form("deny", "Deny")}`,
  );
}

export function errorPage(error: string, description: string): string {
  return layout(
    "Authorization error",
    `<h1>Authorization error</h1><p><code>${esc(error)}</code></p><p>${esc(description)}</p>`,
  );
}
