// GET/PATCH /api/settings: learning, default autonomy, auto release, brand tone,
// the acknowledgement and the reply cap, the agent AI replies are posted as
// (connected installations; the default one uses ZENDESK_AI_AGENT_ID) and the
// channels, brands and groups the AI may touch.
import { Hono } from "hono";
import { type Settings, SettingsPatchSchema } from "../../../common/api.schema";
import { type AppEnv, jsonBody } from "../http/app";
import { HttpError } from "../http/errors";
import type { Services } from "../services";

/** What GET shows: the stored settings, with the agent the AI really posts as. */
const shown = (s: Services, settings: Settings): Settings => ({
  ...settings,
  aiAgentId: s.installation.aiAgentId,
});

export const settingsRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const s = c.get("services");
    return c.json(shown(s, await s.settings.get()));
  })
  .patch("/", async (c) => {
    const s = c.get("services");
    const patch = SettingsPatchSchema.parse(await jsonBody(c.req.raw));
    const current = await s.settings.get();
    if (patch.aiAgentId !== undefined) {
      if (s.installation.kind === "default") {
        throw new HttpError(
          400,
          "The default installation posts as ZENDESK_AI_AGENT_ID; set that variable instead",
        );
      }
      if (patch.aiAgentId !== null) {
        const user = await s.helpdesk.getUser(patch.aiAgentId);
        if (!user?.active || (user.role !== "agent" && user.role !== "admin")) {
          throw new HttpError(400, `User ${patch.aiAgentId} is not an active agent or admin of this account`);
        }
      }
    }
    const next: Settings = {
      learning: { ...current.learning, ...patch.learning },
      defaultAutonomy: patch.defaultAutonomy ?? current.defaultAutonomy,
      autoReleaseHours:
        patch.autoReleaseHours === undefined ? current.autoReleaseHours : patch.autoReleaseHours,
      brandTone: patch.brandTone ?? current.brandTone,
      handoffAcknowledgement: patch.handoffAcknowledgement ?? current.handoffAcknowledgement,
      maxAiRepliesPerHour: patch.maxAiRepliesPerHour ?? current.maxAiRepliesPerHour,
      aiAgentId: patch.aiAgentId === undefined ? current.aiAgentId : patch.aiAgentId,
      scope: patch.scope ?? current.scope,
      retentionDays: patch.retentionDays ?? current.retentionDays,
    };
    await s.settings.put(next);
    if (patch.aiAgentId !== undefined) {
      await c.get("app").installations.setAiAgent(s.installation.id, next.aiAgentId, s.now());
      const aiAgentId = next.aiAgentId ?? s.installation.connectedById;
      return c.json({ ...next, aiAgentId });
    }
    return c.json(shown(s, next));
  });
