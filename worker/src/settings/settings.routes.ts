// GET/PATCH /api/settings: learning, default autonomy, auto release, brand tone.
import { Hono } from "hono";
import { SettingsPatchSchema } from "../../../common/api.schema";
import { type AppEnv, jsonBody } from "../http/app";

export const settingsRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.json(await c.get("services").settings.get()))
  .patch("/", async (c) => {
    const s = c.get("services");
    const patch = SettingsPatchSchema.parse(await jsonBody(c.req.raw));
    const current = await s.settings.get();
    const next = {
      learning: { ...current.learning, ...patch.learning },
      defaultAutonomy: patch.defaultAutonomy ?? current.defaultAutonomy,
      autoReleaseHours:
        patch.autoReleaseHours === undefined ? current.autoReleaseHours : patch.autoReleaseHours,
      brandTone: patch.brandTone ?? current.brandTone,
      handoffAcknowledgement: patch.handoffAcknowledgement ?? current.handoffAcknowledgement,
      maxAiRepliesPerHour: patch.maxAiRepliesPerHour ?? current.maxAiRepliesPerHour,
    };
    await s.settings.put(next);
    return c.json(next);
  });
