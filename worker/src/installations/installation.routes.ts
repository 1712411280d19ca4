// GET /api/installation (the caller's installation and whether everything is in
// place), DELETE (disconnect: the Worker's webhook removed, tokens and secrets
// erased, the data deleted after the grace period unless it connects again), and
// GET /api/installation/export (all of its data, as JSON). Never a secret.
import { Hono } from "hono";
import type { AppEnv } from "../http/app";
import { HttpError } from "../http/errors";
import { GRACE_MS } from "./installation";

export const installationRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const s = c.get("services");
    const inst = s.installation;
    const connected = inst.status === "connected";
    return c.json({
      subdomain: inst.subdomain,
      connected,
      kind: inst.kind,
      checks: connected ? await s.admin.checks() : [],
    });
  })
  .get("/export", async (c) => {
    const s = c.get("services");
    const app = c.get("app");
    const { id, subdomain, kind, status, aiAgentId, connectedById, deleteAfter } = s.installation;
    const data = await app.data(s.installation).export();
    c.header("Content-Disposition", `attachment; filename="ohallo-${subdomain}.json"`);
    return c.json({
      installation: { id, subdomain, kind, status, aiAgentId, connectedById, deleteAfter },
      exportedAt: new Date(s.now()).toISOString(),
      data,
    });
  })
  .delete("/", async (c) => {
    const s = c.get("services");
    const app = c.get("app");
    const inst = s.installation;
    if (inst.kind === "default") {
      throw new HttpError(
        409,
        "The default installation is configured by the Worker's variables; it cannot be disconnected here.",
      );
    }
    // Best effort in Zendesk (the token may already be gone); the Worker's side always happens.
    await s.admin
      .removeWebhook()
      .catch((e) => console.warn(`disconnect: removing the webhook failed: ${String(e)}`));
    const deleteAfter = s.now() + GRACE_MS;
    await app.installations.disconnect(inst.id, "disconnected by an admin", s.now(), {
      eraseAll: true,
      deleteAfter,
    });
    return c.json({
      subdomain: inst.subdomain,
      connected: false,
      deleteAfter: new Date(deleteAfter).toISOString(),
    });
  });
