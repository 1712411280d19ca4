// Turns what was observed into report lines and failures, the same way for every part.
import type { Judged, Violation } from "./judge.ts";
import { explain, type Landings, type TicketSet } from "./observe.ts";
import { formatCounts } from "./report.ts";
import type { Settings } from "./settings.ts";
import type { Stack } from "./stack.ts";
import type { Tally } from "./tally.ts";

/** What every part gets. */
export interface RunContext {
  stack: Stack;
  settings: Settings;
  landings: Landings;
  log: (line: string) => void;
}

/** The stories of the first ticket of each kind of violation (three at most). */
export async function evidence(
  ctx: RunContext,
  tickets: TicketSet,
  violations: readonly { kind: string; ticketId: number }[],
): Promise<string[]> {
  const seen = new Set<string>();
  const picked: { kind: string; ticketId: number }[] = [];
  for (const v of violations) {
    if (seen.has(v.kind) || picked.length >= 3) continue;
    seen.add(v.kind);
    picked.push(v);
  }
  const lines: string[] = [];
  for (const v of picked) {
    const account = [...tickets.entries()].find(([, ids]) => ids.has(v.ticketId))?.[0];
    if (!account) continue;
    lines.push(`(${v.kind})`, ...(await explain(ctx.stack, account, v.ticketId, ctx.landings)));
  }
  return lines;
}

/** Violations by kind, with up to three examples each. */
export function violationFailures(violations: readonly Violation[]): string[] {
  const byKind = new Map<string, Violation[]>();
  for (const v of violations) byKind.set(v.kind, [...(byKind.get(v.kind) ?? []), v]);
  return [...byKind.entries()].map(([kind, list]) => {
    const examples = list
      .slice(0, 3)
      .map((v) => `ticket ${v.ticketId}${v.commentId ? ` comment ${v.commentId}` : ""}: ${v.detail}`)
      .join("; ");
    return `${kind} ×${list.length} (${examples})`;
  });
}

export function outcomeLines(j: Judged): string[] {
  const lost = j.outcomes.pending + j.outcomes.never_recorded;
  const twice = j.violations.filter((v) =>
    ["answered_twice", "more_replies_than_messages", "unrecorded_ai_comment"].includes(v.kind),
  ).length;
  return [
    `customer messages: ${j.messages}; outcomes: ${formatCounts(j.outcomes)}`,
    `AI public comments in the stand-in: ${j.aiReplies} replies (${j.approvedReplies} approved by a person), ` +
      `${j.acknowledgements} acknowledgements; ` +
      `lost ${lost}, answered twice ${twice}`,
  ];
}

export function tallyLine(label: string, tally: Tally): string {
  return (
    `${label}: ${tally.requests} requests, ${tally.summary() || "none"}; p50 ${tally.percentile(50)} ms, ` +
    `p99 ${tally.percentile(99)} ms; bad ${tally.bad.length}`
  );
}

export function tallyFailures(label: string, tally: Tally): string[] {
  if (tally.bad.length === 0) return [];
  const examples = tally.bad
    .slice(0, 3)
    .map((b) => `${b.what} → ${b.status} ${b.detail}`)
    .join("; ");
  return [
    `${label}: ${tally.bad.length} bad answers (5xx other than 503+Retry-After, timeouts): ${examples}`,
  ];
}

/** How the Worker answered the stand-in's own webhook deliveries for these tickets, and which ones failed. */
export function deliveryFigures(stack: Stack, tickets: TicketSet): { line: string; failures: string[] } {
  const statuses: Record<string, number> = {};
  const failed: string[] = [];
  let deliveries = 0;
  for (const [account, ids] of tickets) {
    const feed = stack.zendesk.account(account.subdomain)?.feed;
    for (const d of feed?.listDeliveries() ?? []) {
      if (!ids.has(d.ticketId)) continue;
      deliveries++;
      for (const a of d.attempts) {
        const key = a.status === undefined ? "no answer" : String(a.status);
        statuses[key] = (statuses[key] ?? 0) + 1;
      }
      if (d.state === "failed")
        failed.push(
          `${d.type} of ticket ${d.ticketId}: ${d.attempts.map((a) => a.status ?? a.error).join(", ")}`,
        );
    }
  }
  return {
    line: `Zendesk's own webhook deliveries: ${deliveries}, the Worker answered ${formatCounts(statuses)}`,
    failures: failed.length
      ? [
          `webhook deliveries the Worker refused for good ×${failed.length} (${failed.slice(0, 3).join("; ")})`,
        ]
      : [],
  };
}
