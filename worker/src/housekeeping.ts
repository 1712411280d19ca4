// The cron: for every installation, hand back tickets whose human went quiet
// (auto release) and apply retention; delete the data of installations
// disconnected longer than the grace period. One installation's failure never
// stops another's.
import { DEFAULT_INSTALLATION } from "./lib/scope";
import type { App } from "./services";
import { autoRelease } from "./tickets/auto-release";

export async function housekeeping(app: App): Promise<void> {
  const ids = [
    ...(app.config.zendesk ? [DEFAULT_INSTALLATION] : []),
    ...(await app.installations.connectedIds()),
  ];
  for (const id of ids) {
    try {
      const s = await app.forInstallation(id);
      if (!s) continue;
      await autoRelease(s);
      const erased = await app.retention(s.installation, (await s.settings.get()).retentionDays);
      if (erased.messages + erased.drafts + erased.deliveries > 0) {
        console.info(`retention for ${id}: ${JSON.stringify(erased)}`);
      }
    } catch (e) {
      console.error(
        `housekeeping of installation ${id} failed: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  for (const id of await app.installations.dueForDeletion(app.now())) {
    const inst = await app.installations.get(id);
    if (inst) await app.data(inst).deleteAll();
    await app.installations.forget(id);
  }
}
