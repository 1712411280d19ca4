// What the sidebar shows for a ticket view, as plain values: labels, which buttons,
// timeline lines. Pure functions of (view, current agent, translate); no DOM, no I/O.
import type { Agent, AttentionType, TicketView, TimelineEvent } from "../../common/api.schema";
import type { Translate } from "../i18n/i18n";

export function ownedByMe(view: TicketView, me: Agent | null): boolean {
  return view.owner !== null && me !== null && view.owner.id === me.id;
}

export function stateLabel(view: TicketView, me: Agent | null, t: Translate): string {
  if (view.state === "open") return t("state.open");
  if (view.state === "resolved") return t("state.resolved");
  if (ownedByMe(view, me)) return t("state.in_progress_you");
  return t("state.in_progress", { name: view.owner?.name ?? t("actor.agent") });
}

export interface Buttons {
  takeOver: boolean;
  release: boolean;
  resolve: boolean;
}

/** Take over when open; Release when in progress; Resolve unless resolved. */
export function buttonsFor(view: TicketView): Buttons {
  return {
    takeOver: view.state === "open",
    release: view.state === "in_progress",
    resolve: view.state !== "resolved",
  };
}

/** Releasing someone else's ticket needs a confirmation, then `force`. */
export function releaseNeedsConfirmation(view: TicketView, me: Agent | null): boolean {
  return view.state === "in_progress" && view.owner !== null && !ownedByMe(view, me);
}

export function attentionLabel(type: AttentionType, t: Translate): string {
  return t(`attention.${type}`);
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
    const text = KNOWN_EVENTS.has(e.type)
      ? t(`event.${e.type}`, { name })
      : t("event.other", { name, type: e.type.replace(/[_.]+/g, " ") });
    return { id: e.id, at: e.at, text, reason: e.reason, by: e.actor.kind };
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
