// Our state as Zendesk tags, for the app's views: `ohallo_ai` (open), `ohallo_human`
// (in progress), `ohallo_attention` (an open attention item), `ohallo_ai_off` (open,
// the AI silent on it). A resolved ticket carries neither ai nor human. Pure.
import type { Mirror } from "../helpdesk.port";

export function mirrorTags(m: Mirror): { add: string[]; remove: string[] } {
  const add: string[] = [];
  const remove: string[] = [];
  (m.state === "open" ? add : remove).push("ohallo_ai");
  (m.state === "open" && m.aiOff ? add : remove).push("ohallo_ai_off");
  (m.state === "in_progress" ? add : remove).push("ohallo_human");
  (m.attention ? add : remove).push("ohallo_attention");
  return { add, remove };
}
