// What the sidebar shows for a ticket view, as plain values: labels, which buttons,
// timeline lines. Pure functions of (view, current agent, translate); no DOM, no I/O.
import type {
  Agent,
  AttentionItem,
  AttentionType,
  ReasonParams,
  TicketView,
  TimelineEvent,
} from "../../common/ticket.schema";
import type { Translate } from "../i18n/i18n";

export function ownedByMe(view: TicketView, me: Agent | null): boolean {
  return view.owner !== null && me !== null && view.owner.id === me.id;
}

/** The four ways an open ticket can be: the AI answers, waits for a person, or is off. */
export type Phase = "ai" | "waiting" | "off" | "in_progress" | "resolved";

export function phaseOf(view: TicketView): Phase {
  if (view.state !== "open") return view.state;
  if (view.waiting) return "waiting";
  return view.autonomy === "off" ? "off" : "ai";
}

export function stateLabel(view: TicketView, me: Agent | null, t: Translate): string {
  const phase = phaseOf(view);
  if (phase === "ai") return t("state.open");
  if (phase === "waiting") return t("state.waiting");
  if (phase === "off") return t("state.open_off");
  if (phase === "resolved") return t("state.resolved");
  if (ownedByMe(view, me)) return t("state.in_progress_you");
  return t("state.in_progress", { name: view.owner?.name ?? t("actor.agent") });
}

export interface Buttons {
  takeOver: boolean;
  release: boolean;
  resolve: boolean;
}

/** Take over unless it is yours or resolved (a colleague's asks first); Release when in progress; Resolve unless resolved. */
export function buttonsFor(view: TicketView, me: Agent | null = null): Buttons {
  return {
    takeOver: view.state === "open" || (view.state === "in_progress" && !ownedByMe(view, me)),
    release: view.state === "in_progress",
    resolve: view.state !== "resolved",
  };
}

/** Releasing, or taking over, someone else's ticket needs a confirmation, then `force`. */
export function releaseNeedsConfirmation(view: TicketView, me: Agent | null): boolean {
  return view.state === "in_progress" && view.owner !== null && !ownedByMe(view, me);
}
export const takeOverNeedsConfirmation = releaseNeedsConfirmation;

export function attentionLabel(type: AttentionType, t: Translate): string {
  return t(`attention.${type}`);
}

/**
 * A reason in the agent's language: the Worker sends a code and its parameters; an
 * unknown code (a newer Worker) or none (older records) shows the Worker's English.
 */
export function reasonText(code: string | null, params: ReasonParams, fallback: string | null, t: Translate) {
  if (code) {
    const key = `reason.${code}`;
    const text = t(key, params);
    if (text !== key) return text;
  }
  return fallback;
}

/** An item the agent can dismiss here: all but an approval whose draft card offers Discard. */
export function dismissable(item: AttentionItem, view: TicketView): boolean {
  return !(item.type === "approval_required" && view.pendingDraft !== null);
}

export function errorMessage(error: { kind: string; status: number; detail: string | null }, t: Translate) {
  const detail = error.detail ?? String(error.status);
  return t(`error.${error.kind}`, { status: error.status, detail });
}

export interface TimelineLine {
  id: number;
  at: string;
  text: string;
  reason: string | null;
  by: "agent" | "ai" | "customer" | "system";
}

const KNOWN_EVENTS = new Set([
  "take_over",
  "release",
  "resolve",
  "reopen",
  "auto_release",
  "ai_replied",
  "ai_draft_held",
  "ai_flagged",
  "ai_silent",
  "ai_reply_refused",
  "draft_approved",
  "draft_discarded",
  "autonomy_changed",
  "customer_message_held",
  "customer_message_waiting",
  "ai_acknowledged",
  "wait_ended",
  "learning_proposed",
]);

function actorName(event: TimelineEvent, t: Translate): string {
  const { kind, name } = event.actor;
  if (kind === "agent") return name ?? t("actor.agent");
  return t(`actor.${kind}`);
}

/** Newest first. Unknown event types still show, with their raw type made readable. */
export function timelineLines(events: readonly TimelineEvent[], t: Translate): TimelineLine[] {
  return [...events].reverse().map((e) => {
    const name = actorName(e, t);
    const { attention, ...params } = e.params;
    const what = attention ? t(`attention.${attention}`) : "";
    const text = KNOWN_EVENTS.has(e.type)
      ? t(attention ? `event.${e.type}.typed` : `event.${e.type}`, { name, what })
      : t("event.other", { name, type: e.type.replace(/[_.]+/g, " ") });
    return { id: e.id, at: e.at, text, reason: reasonText(e.code, params, e.reason, t), by: e.actor.kind };
  });
}

/** A short local time for the timeline: the time today, else the date and time. */
export function shortTime(at: string, locale: string, now: Date): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  const sameDay = date.toDateString() === now.toDateString();
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { hour: "2-digit", minute: "2-digit" }
    : { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" };
  return date.toLocaleString(locale, options);
}
