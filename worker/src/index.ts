// The Worker's entry: a list of mounts, the queue consumer and the cron.
import { Hono } from "hono";
import { attentionRoutes } from "./attention/attention.routes";
import { connectRoutes } from "./helpdesk/zendesk/zendesk.connect.routes";
import { webhookRoutes } from "./helpdesk/zendesk/zendesk.webhook.routes";
import { type AppEnv, withApp } from "./http/app";
import { requireApiSecret } from "./http/auth";
import { onError } from "./http/errors";
import { installationRoutes } from "./installations/installation.routes";
import { kbRoutes } from "./kb/kb.routes";
import { policyRoutes } from "./policies/policy.routes";
import { handleBatch } from "./queue/consumer";
import { buildApp } from "./services";
import { settingsRoutes } from "./settings/settings.routes";
import { statsRoutes } from "./stats/stats.routes";
import { housekeeping } from "./housekeeping";
import { ticketRoutes } from "./tickets/ticket.routes";

const api = new Hono<AppEnv>()
  .use(requireApiSecret)
  .route("/tickets", ticketRoutes)
  .route("/attention-items", attentionRoutes)
  .route("/kb-entries", kbRoutes)
  .route("/policy-entries", policyRoutes)
  .route("/settings", settingsRoutes)
  .route("/stats", statsRoutes)
  .route("/installation", installationRoutes);

export const app = new Hono<AppEnv>()
  .get("/healthz", (c) => c.json({ ok: true }))
  .use(withApp)
  .route("/webhooks", webhookRoutes)
  .route("/connect", connectRoutes)
  .route("/api", api)
  .notFound((c) => c.json({ error: "Not found" }, 404))
  .onError(onError);

export default {
  fetch: app.fetch,
  async queue(batch, env, _ctx) {
    await handleBatch(buildApp(env), batch);
  },
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(housekeeping(buildApp(env)));
  },
} satisfies ExportedHandler<Env>;
