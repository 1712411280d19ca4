// What went wrong with a Worker call, as a value the UI can explain. Pure: no I/O.
// Must never leak the secret or raw bodies into messages beyond the Worker's `error`.
import { ErrorBodySchema } from "../../common/ticket.schema";
import type { HttpAnswer } from "../zaf/types";

export type ApiErrorKind =
  | "not_configured" // no backend_url setting
  | "network" // no answer at all (offline, blocked, timed out)
  | "worker_down" // the proxy answered for the Worker: 502/503/504, or any 5xx
  | "unauthorized" // 401/403: the api_secret does not match APP_API_SECRET
  | "conflict" // 409, with the Worker's message
  | "not_found"
  | "rejected" // any other 4xx, with the Worker's message
  | "bad_response"; // an answer that does not fit the shared schema

export interface ApiError {
  kind: ApiErrorKind;
  status: number;
  /** The Worker's own `error` text, when it sent one. */
  detail: string | null;
}

export function classify(answer: HttpAnswer): ApiError {
  const parsed = ErrorBodySchema.safeParse(answer.body);
  const detail = parsed.success ? parsed.data.error : null;
  const { status } = answer;
  const kind: ApiErrorKind =
    status === 0
      ? "network"
      : status === 401 || status === 403
        ? "unauthorized"
        : status === 409
          ? "conflict"
          : status === 404
            ? "not_found"
            : status >= 500
              ? "worker_down"
              : "rejected";
  return { kind, status, detail };
}
