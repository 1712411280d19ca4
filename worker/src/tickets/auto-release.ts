// The cron side of ownership: hands tickets back to the AI when their human
// went quiet for longer than the ticket's (or the default) auto-release hours.
import type { Services } from "../services";
import { applyEvent } from "./ticket.service";

export async function autoRelease(s: Services): Promise<number> {
  const settings = await s.settings.get();
  const due = await s.tickets.dueForAutoRelease(s.now(), settings.autoReleaseHours);
  let released = 0;
  for (const ticketId of due) {
    const stored = await s.tickets.get(ticketId);
    const hours = stored.autoReleaseHours ?? settings.autoReleaseHours;
    if (hours === null) continue;
    const r = await applyEvent(s, ticketId, { type: "auto_release", hours }, { inlineSync: true });
    if (r.ok && r.value.record.state === "open") released++;
  }
  return released;
}
