// The faults the run injects, each through a stand-in's own fault machinery: an OpenAI script matched on a
// customer message's unique reference (the model's next answer for it), or a Zendesk fault matched on a
// ticket and request. A fault counts as injected only once a request consumed it.
import type { Account, Stack } from "./stack.ts";

export const MODEL_FAULTS = [
  "model_429",
  "model_500",
  "model_503",
  "model_timeout",
  "model_garbage",
] as const;
export const ZENDESK_FAULTS = [
  "zendesk_429",
  "zendesk_500",
  "zendesk_503",
  "zendesk_502_html",
  "zendesk_garbled_write",
  "zendesk_409",
  "zendesk_timeout",
  "zendesk_timeout_late",
  "zendesk_422_solve",
] as const;
export type ModelFault = (typeof MODEL_FAULTS)[number];
export type ZendeskFault = (typeof ZENDESK_FAULTS)[number];
export type FaultKind = ModelFault | ZendeskFault;

/** The OpenAI SDK in the Worker gives up after 30 s (drafting/openai.adapter.ts). */
const MODEL_TIMEOUT = 31_000;
/** The Zendesk client gives up after 10 s (zendesk.client.ts); the stand-in then applies the write anyway. */
const ZENDESK_TIMEOUT = 10_500;
/** ...or only after the Worker's retry has looked (its first backoff is 1 s). */
const ZENDESK_TIMEOUT_LATE = 13_000;

const PUT_TICKET = (id: number) => ({ method: "PUT", path: `/api/v2/tickets/${id}.json`, ticketId: id });
const GET_TICKET = (id: number) => ({ method: "GET", path: `/api/v2/tickets/${id}.json`, ticketId: id });
const GET_COMMENTS = (id: number) => ({
  method: "GET",
  path: `/api/v2/tickets/${id}/comments.json`,
  ticketId: id,
});

/** What each Zendesk fault is, in the stand-in's terms. */
function zendeskFault(kind: ZendeskFault, ticketId: number) {
  switch (kind) {
    case "zendesk_429":
      return { match: PUT_TICKET(ticketId), status: 429 as const, retryAfter: 1, times: 1 };
    case "zendesk_500":
      return { match: GET_COMMENTS(ticketId), status: 500 as const, times: 1 };
    case "zendesk_503":
      return { match: GET_TICKET(ticketId), status: 503 as const, retryAfter: 1, times: 1 };
    case "zendesk_502_html":
      return { match: GET_TICKET(ticketId), status: 502 as const, times: 1 };
    case "zendesk_garbled_write":
      // No status: the update is applied, only the answer comes back as garbage.
      return { match: PUT_TICKET(ticketId), body: '{"ticket":{"id":', times: 1 };
    case "zendesk_409":
      return { match: PUT_TICKET(ticketId), status: 409 as const, times: 1 };
    case "zendesk_timeout":
      return { match: PUT_TICKET(ticketId), delayMs: ZENDESK_TIMEOUT, times: 1 };
    case "zendesk_timeout_late":
      return { match: PUT_TICKET(ticketId), delayMs: ZENDESK_TIMEOUT_LATE, times: 1 };
    case "zendesk_422_solve":
      return { match: PUT_TICKET(ticketId), status: 422 as const, times: 1 };
  }
}

function modelResponse(kind: ModelFault) {
  switch (kind) {
    case "model_429":
      return { status: 429 as const, retryAfter: 1 };
    case "model_500":
      return { status: 500 as const };
    case "model_503":
      return { status: 503 as const, retryAfter: 1 };
    case "model_timeout":
      return { status: 200 as const, delayMs: MODEL_TIMEOUT };
    case "model_garbage":
      // Cut-off JSON under a 200: structured output that does not parse.
      return { status: 200 as const, content: '{"action": "reply", "reply": "Hello, thanks for wri' };
  }
}

type Installed =
  | { kind: FaultKind; on: "model"; scriptId: number }
  | { kind: FaultKind; on: "zendesk"; subdomain: string; faultId: number; ticketId: number };

export class Injector {
  private readonly installed: Installed[] = [];
  private readonly stack: Stack;

  constructor(stack: Stack) {
    this.stack = stack;
  }

  /** The model's next answer to a prompt holding `reference` (a customer message's unique text). */
  model(kind: ModelFault, reference: string): void {
    const script = this.stack.openai.scripts.add({ match: reference, responses: [modelResponse(kind)] });
    this.installed.push({ kind, on: "model", scriptId: script.id });
  }

  /** Zendesk's next answer to the request the kind names, on this ticket. */
  zendesk(kind: ZendeskFault, account: Account, ticketId: number): void {
    const faults = this.stack.zendesk.account(account.subdomain)?.faults;
    if (!faults) throw new Error(`reliability: no stand-in account ${account.subdomain}`);
    const fault = faults.add(zendeskFault(kind, ticketId));
    this.installed.push({ kind, on: "zendesk", subdomain: account.subdomain, faultId: fault.id, ticketId });
  }

  /** Planned faults, and those a request consumed, by kind. */
  counts(): { planned: Record<string, number>; served: Record<string, number> } {
    const scripts = new Set(this.stack.openai.scripts.list().map((s) => s.id));
    const waiting = new Set<string>();
    for (const a of [...this.stack.accounts, this.stack.fuzz])
      for (const f of this.stack.zendesk.account(a.subdomain)?.faults.list() ?? [])
        waiting.add(`${a.subdomain}/${f.id}`);
    const planned: Record<string, number> = {};
    const served: Record<string, number> = {};
    for (const i of this.installed) {
      planned[i.kind] = (planned[i.kind] ?? 0) + 1;
      const left = i.on === "model" ? scripts.has(i.scriptId) : waiting.has(`${i.subdomain}/${i.faultId}`);
      if (left) continue;
      served[i.kind] = (served[i.kind] ?? 0) + 1;
    }
    return { planned, served };
  }

  /** The counts, then removes what no request consumed (so it cannot hit a later part). */
  finish(): { planned: Record<string, number>; served: Record<string, number> } {
    const counts = this.counts();
    this.clear();
    return counts;
  }

  private clear(): void {
    for (const i of this.installed) {
      if (i.on === "model") {
        const script = this.stack.openai.scripts.list().find((s) => s.id === i.scriptId);
        if (script) this.stack.openai.scripts.clear(script.match);
      }
    }
    for (const a of [...this.stack.accounts, this.stack.fuzz])
      this.stack.zendesk.account(a.subdomain)?.faults.clear();
  }
}
