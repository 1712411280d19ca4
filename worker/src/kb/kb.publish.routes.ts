// POST /api/kb-entries/{id}/publish: an approved entry as a draft article in Zendesk Guide. One mapping
// from what went wrong to an answer an admin can act on; Guide's refusals are 422 (a retry alone will
// not help), Zendesk outages 502 (http/errors.ts). No message carries a credential or the request.
import { Hono } from "hono";
import type { ArticleRefusal } from "../helpdesk/helpdesk.port";
import type { AppEnv } from "../http/app";
import { HttpError, notFound } from "../http/errors";
import { pathId } from "../http/ids";
import { type PublishFailure, publishEntry } from "./kb.publish";

const SETTINGS = "choose another in the admin area's Settings (Guide)";

function refusalMessage(r: ArticleRefusal): string {
  switch (r.kind) {
    case "no_help_center":
      return "This Zendesk account has no Guide (Help Center) the app can reach: enable Guide in Zendesk first";
    case "no_section":
      return "Guide has no section to put the article in: create one in Guide, or choose one in Settings";
    case "no_permission_group":
      return "Guide has no permission group for the article: create one in Guide, or choose one in Settings";
    case "not_found":
      return `Guide has no section ${r.placement.sectionId} or no permission group ${r.placement.permissionGroupId} (or Guide is off): ${SETTINGS}`;
    case "forbidden":
      return "Zendesk does not let the user oHallo acts as create Guide articles: it must be a Guide admin, or an agent with management permissions";
    case "invalid":
      return `Guide refused the article: ${r.detail}`;
  }
}

function failure(f: PublishFailure): HttpError {
  switch (f.kind) {
    case "not_found":
      return notFound("KB entry");
    case "not_approved":
      return new HttpError(409, `Only approved entries can be published; this one is ${f.status}`);
    case "busy":
      return new HttpError(409, "This entry is being published right now; try again in a minute");
    case "refused":
      return new HttpError(422, refusalMessage(f.refusal));
    case "uncertain":
      return new HttpError(
        502,
        `Zendesk did not confirm the article (${f.detail}); it may exist all the same: look in Guide before publishing again`,
      );
  }
}

export const publishRoutes = new Hono<AppEnv>().post("/:id/publish", async (c) => {
  const s = c.get("services");
  const id = pathId(c.req.param("id"), "KB entry");
  const guide = await s.settings.guide();
  const result = await publishEntry(
    { publications: s.publications, helpdesk: s.helpdesk, guide, now: s.now },
    id,
  );
  if (!result.ok) throw failure(result.error);
  return c.json(result.value, result.value.created ? 201 : 200);
});
