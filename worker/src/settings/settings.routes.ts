// GET/PATCH /api/settings: learning, default autonomy, auto release, brand tone,
// the acknowledgement and the reply cap, the agent AI replies are posted as
// (connected installations; the default one uses ZENDESK_AI_AGENT_ID) and the
// channels, brands and groups the AI may touch; and `guide`, where "Publish to Guide" puts a KB
// entry's draft article (section, permission group, locale; null: the help center's first or default).
import { Hono } from "hono";
import * as z from "zod";
import { type GuideSettings, GuideSettingsSchema } from "../../../common/admin.schema";
import { type Settings, SettingsPatchSchema } from "../../../common/api.schema";
import { type AppEnv, jsonBody } from "../http/app";
import { HttpError } from "../http/errors";
import type { Services } from "../services";

/** What GET shows: the stored settings, with the agent the AI really posts as. */
const shown = (s: Services, settings: Settings): Settings => ({
  ...settings,
  aiAgentId: s.installation.aiAgentId,
});

/** Zendesk's locale codes: `en-us`, `de`, `pt-br`, `zh-tw` (lower case, as Guide writes them). */
const LOCALE = /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/;
const GuidePatch = z.object({ guide: GuideSettingsSchema.partial().optional() });

function nextGuide(current: GuideSettings, patch: Partial<GuideSettings> | undefined): GuideSettings {
  const next = { ...current, ...patch };
  const locale = next.locale === null ? null : next.locale.toLowerCase();
  if (locale !== null && !LOCALE.test(locale)) {
    throw new HttpError(400, `guide.locale: "${locale}" is not a Zendesk locale such as en-us or de`);
  }
  return { ...next, locale };
}

export const settingsRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const s = c.get("services");
    const [settings, guide] = await s.reads.all([s.settings.getQuery(), s.settings.guideQuery()]);
    return c.json({ ...shown(s, settings), guide });
  })
  .patch("/", async (c) => {
    const s = c.get("services");
    const body = await jsonBody(c.req.raw);
    const patch = SettingsPatchSchema.parse(body);
    const guidePatch = GuidePatch.parse(body).guide;
    const [current, currentGuide] = await s.reads.all([s.settings.getQuery(), s.settings.guideQuery()]);
    const guide = nextGuide(currentGuide, guidePatch);
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
    if (guidePatch !== undefined) await s.settings.putGuide(guide);
    if (patch.aiAgentId !== undefined) {
      await c.get("app").installations.setAiAgent(s.installation.id, next.aiAgentId, s.now());
      const aiAgentId = next.aiAgentId ?? s.installation.connectedById;
      return c.json({ ...next, aiAgentId, guide });
    }
    return c.json({ ...shown(s, next), guide });
  });
