// The ONE module that calls the oHallo Worker: every call goes through Zendesk's proxy
// with the secure setting as a placeholder, so the secret never reaches the browser.
// Every answer is parsed with the shared schemas. The sidebar's calls live here; the admin
// area's (admin-api.ts) use the same `createWorkerCall`. Must never call `fetch` directly.
import { type Agent, type Autonomy, type TicketView, TicketViewSchema } from "../../common/ticket.schema";
import type { Zaf } from "../zaf/client";
import type { ZafRequestOptions } from "../zaf/types";
import { type ApiError, classify } from "./errors";

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Zendesk's proxy replaces this with the secure `api_secret` setting, server side. */
const AUTHORIZATION = "Bearer {{setting.api_secret}}";

export interface WorkerApi {
  getTicket(ticketId: number): Promise<ApiResult<TicketView>>;
  takeOver(ticketId: number, agent: Agent, force?: boolean): Promise<ApiResult<void>>;
  release(ticketId: number, agent: Agent, force?: boolean): Promise<ApiResult<void>>;
  resolve(ticketId: number, agent: Agent): Promise<ApiResult<void>>;
  approveDraft(ticketId: number, draftId: number, agent: Agent, body?: string): Promise<ApiResult<void>>;
  discardDraft(ticketId: number, draftId: number, agent: Agent): Promise<ApiResult<void>>;
  setAutonomy(ticketId: number, mode: Autonomy, agent: Agent): Promise<ApiResult<void>>;
  dismissAttention(itemId: number, agent: Agent): Promise<ApiResult<void>>;
}

const notConfigured = { kind: "not_configured", status: 0, detail: null } as const;

/** A Worker answer before parsing; a failure keeps the body (an import report comes with a 400). */
export type WorkerAnswer = { ok: true; value: unknown } | { ok: false; error: ApiError; body: unknown };
export type WorkerCall = (
  type: ZafRequestOptions["type"],
  path: string,
  body?: unknown,
) => Promise<WorkerAnswer>;

/** The one place a Worker request is made: through Zendesk's proxy, the secret as a placeholder. */
export function createWorkerCall(zaf: Zaf, backendUrl: string | null): WorkerCall {
  const base = backendUrl?.trim().replace(/\/+$/, "") ?? "";
  return async (type, path, body) => {
    if (!base) return { ok: false, error: notConfigured, body: null };
    const options: ZafRequestOptions = {
      url: `${base}/api/${path}`,
      type,
      contentType: "application/json",
      headers: { Authorization: AUTHORIZATION },
      secure: true,
    };
    if (body !== undefined) options.data = JSON.stringify(body);
    const answer = await zaf.request(options);
    if (answer.status >= 200 && answer.status < 300) return { ok: true, value: answer.body };
    return { ok: false, error: classify(answer), body: answer.body };
  };
}

export interface Parser<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false };
}

/** Parses a good answer with a shared schema; one that does not fit is `bad_response`. */
export function parseAnswer<T>(schema: Parser<T>, answer: WorkerAnswer): ApiResult<T> {
  if (!answer.ok) return { ok: false, error: answer.error };
  const parsed = schema.safeParse(answer.value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: { kind: "bad_response", status: 200, detail: null } };
}

export function createWorkerApi(zaf: Zaf, backendUrl: string | null): WorkerApi {
  const call = createWorkerCall(zaf, backendUrl);
  const action = async (path: string, body: unknown): Promise<ApiResult<void>> => {
    const result = await call("POST", path, body);
    return result.ok ? { ok: true, value: undefined } : { ok: false, error: result.error };
  };

  return {
    getTicket: async (ticketId) => parseAnswer(TicketViewSchema, await call("GET", `tickets/${ticketId}`)),
    takeOver: (id, agent, force) => action(`tickets/${id}/takeover`, force ? { agent, force } : { agent }),
    release: (id, agent, force) => action(`tickets/${id}/release`, force ? { agent, force } : { agent }),
    resolve: (id, agent) => action(`tickets/${id}/resolve`, { agent }),
    approveDraft: (id, draftId, agent, body) =>
      action(`tickets/${id}/drafts/${draftId}/approve`, body === undefined ? { agent } : { agent, body }),
    discardDraft: (id, draftId, agent) => action(`tickets/${id}/drafts/${draftId}/discard`, { agent }),
    setAutonomy: (id, mode, agent) => action(`tickets/${id}/autonomy`, { mode, agent }),
    dismissAttention: (itemId, agent) => action(`attention-items/${itemId}/resolve`, { agent }),
  };
}
