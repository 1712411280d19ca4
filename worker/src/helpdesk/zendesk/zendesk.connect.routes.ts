// GET /connect/zendesk?subdomain= (302 to Zendesk's consent page) and the OAuth
// callback, which answers with a small page saying the account is connected or
// which step failed. Only when the Worker has an OAuth client (404 otherwise).
import { Hono } from "hono";
import type { AppEnv } from "../../http/app";
import { SUBDOMAIN } from "../../installations/installation";
import { finishConnect, startConnect } from "./zendesk.connect";

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch,
  );

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:14px/1.5 system-ui,sans-serif;color:#2f3941;max-width:34rem;margin:4rem auto;padding:0 1rem}
h1{font-size:20px}.ok{color:#186146}.fail{color:#cc3340}</style></head><body>${body}</body></html>`;
}

export const connectRoutes = new Hono<AppEnv>()
  .use(async (c, next) => {
    if (!c.get("app").config.connect) return c.json({ error: "Not found" }, 404);
    await next();
  })
  .get("/zendesk", async (c) => {
    const subdomain = (c.req.query("subdomain") ?? "").trim().toLowerCase();
    if (!SUBDOMAIN.test(subdomain)) {
      return c.json(
        { error: "subdomain must be a Zendesk subdomain like acme ([a-z0-9][a-z0-9-]{0,62})" },
        400,
      );
    }
    return c.redirect(await startConnect(c.get("app"), subdomain), 302);
  })
  .get("/zendesk/callback", async (c) => {
    const r = await finishConnect(c.get("app"), {
      code: c.req.query("code"),
      state: c.req.query("state"),
      error: c.req.query("error"),
    });
    if (r.ok) {
      const html = page(
        "Connected",
        `<h1 class="ok">${escapeHtml(r.subdomain)} is connected to oHallo</h1>
<p>The AI now answers this Zendesk account's tickets as its settings say. You can close this window and
open oHallo in Zendesk.</p>`,
      );
      return c.html(html, 200);
    }
    const html = page(
      "Not connected",
      `<h1 class="fail">The account was not connected</h1>
<p>The step that failed: <strong>${escapeHtml(r.step)}</strong>.</p><p>${escapeHtml(r.detail)}</p>
<p>Nothing was left half done. Try again from oHallo's Connection tab.</p>`,
    );
    return c.html(html, r.status);
  });
