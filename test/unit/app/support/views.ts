// Ticket views as the Worker sends them, for unit tests. Built to pass the shared schema.
import type { TicketView } from "../../../../common/api.schema";

export function ticketView(patch: Partial<TicketView> = {}): TicketView {
  return {
    ticketId: 42,
    state: "open",
    owner: null,
    autonomy: "auto",
    autoReleaseHours: null,
    waiting: false,
    attention: [],
    pendingDraft: null,
    events: [],
    ...patch,
  };
}

export const ana = { id: 7, name: "Ana Agent" };
export const bo = { id: 8, name: "Bo Colleague" };
