// The app's nav_bar location in the workspace (the admin area): the real built admin.html framed
// full page through the ZAF host, as Zendesk shows an app opened from the left rail.
import { esc } from "./page.layout.ts";
import { type PageConfig, zafHostEmbed } from "./zaf-host.page.ts";

export function adminBody(zaf: PageConfig): string {
  return `<section class="nav-app" aria-label="${esc(zaf.appName)}">
<iframe id="app" title="${esc(zaf.appName)}"></iframe>
</section>
${zafHostEmbed(zaf)}`;
}
