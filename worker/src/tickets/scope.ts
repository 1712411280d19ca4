// Which tickets the AI may touch: an admin can limit it to some channels, brands
// or groups (an empty list allows all), to start small. Pure.
import type { Scope } from "../../../common/api.schema";
import type { TicketScope } from "../helpdesk/helpdesk.port";

export function inScope(ticket: TicketScope, limits: Scope): boolean {
  const allows = <T>(list: readonly T[], value: T | null) =>
    list.length === 0 || (value !== null && list.includes(value));
  return (
    allows(limits.channels, ticket.channel) &&
    allows(limits.brandIds, ticket.brandId) &&
    allows(limits.groupIds, ticket.groupId)
  );
}
