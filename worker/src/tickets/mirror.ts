// Our state as the helpdesk should show it (the adapter turns it into tags), and
// the key that says whether it changed since it was last written. Pure.
import type { Autonomy } from "../../../common/api.schema";
import type { Mirror } from "../helpdesk/helpdesk.port";
import type { TicketRecord } from "./ticket.record";

export function mirrorOf(rec: TicketRecord, hasAttention: boolean, autonomy: Autonomy): Mirror {
  return { state: rec.state, attention: hasAttention, aiOff: autonomy === "off" };
}

export const mirrorKey = (m: Mirror) =>
  `${m.state}|${m.attention ? "attention" : "-"}|${m.aiOff ? "off" : "-"}`;
