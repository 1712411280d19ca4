// The Worker's entry: a list of mounts, the queue consumer and the cron.
import { Hono } from "hono";
import { attentionRoutes } from "./attention/attention.routes";
import { type AppEnv, withServices } from "./http/app";
import { requireApiSecret } from "./http/auth";
import { onError } from "./http/errors";
import { kbRoutes } from "./kb/kb.routes";
import { policyRoutes } from "./policies/policy.routes";
import { handleBatch } from "./queue/consumer";
import { buildServices } from "./services";
import { settingsRoutes } from "./settings/settings.routes";
import { statsRoutes } from "./stats/stats.routes";
import { autoRelease } from "./tickets/auto-release";
import { ticketRoutes } from "./tickets/ticket.routes";
import { webhookRoutes } from "./webhooks/webhook.routes";

const api = new Hono<AppEnv>()
  .use(requireApiSecret)
  .route("/tickets", ticketRoutes)
  .route("/attention-items", attentionRoutes)
  .route("/kb-entries", kbRoutes)
  .route("/policy-entries", policyRoutes)
  .route("/settings", settingsRoutes)
  .route("/stats", statsRoutes);

export const app = new Hono<AppEnv>()
  .get("/healthz", (c) => c.json({ ok: true }))
  .use(withServices)
  .route("/webhooks", webhookRoutes)
  .route("/api", api)
  .notFound((c) => c.json({ error: "Not found" }, 404))
  .onError(onError);

export default {
  fetch: app.fetch,
  async queue(batch, env, _ctx) {
    await handleBatch(buildServices(env), batch);
  },
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(autoRelease(buildServices(env)));
  },
} satisfies ExportedHandler<Env>;
