// A proposal's evidence: the conversation excerpt, why a person stepped in, the replay's
// verdict, and a link to the ticket. Says so when the Worker sends no evidence yet.
import type { Translate } from "../../i18n/i18n";
import type { AdminController } from "../admin.controller";
import { Unavailable } from "../parts";
import { type EvidenceView, shortExcerpt, stepText } from "./review.view-model";

export function TicketLink({ id, admin, t }: { id: number; admin: AdminController; t: Translate }) {
  return (
    <a
      class="ticket-link"
      href={admin.ticketHref(id) ?? `#ticket-${id}`}
      target="_blank"
      rel="noopener noreferrer"
      onClick={(e) => {
        e.preventDefault();
        void admin.openTicket(id);
      }}
    >
      {t("evidence.ticket", { id })}
    </a>
  );
}

export function Evidence({ view, admin, t }: { view: EvidenceView; admin: AdminController; t: Translate }) {
  const link = view.ticketId !== null && <TicketLink id={view.ticketId} admin={admin} t={t} />;
  if (view.kind !== "present") {
    return (
      <div class="evidence">
        <h4>{t("evidence.title")}</h4>
        {view.kind === "unavailable" ? (
          <Unavailable t={t} what={t("evidence.unavailable")} />
        ) : (
          <p class="muted">{t("evidence.none")}</p>
        )}
        {link && <p>{link}</p>}
      </div>
    );
  }
  const { head, hidden, tail } = shortExcerpt(view.excerpt);
  const line = (l: (typeof head)[number], i: number) => (
    <li key={i} class={`line by-${l.role}`}>
      <span class="who">{t(`evidence.role.${l.role}`)}</span>
      <span class="said">{l.text}</span>
    </li>
  );
  return (
    <div class="evidence">
      <h4>
        {t("evidence.title")} · {link}
      </h4>
      {view.excerpt.length > 0 && (
        <ol class="excerpt" aria-label={t("evidence.excerpt")}>
          {head.map(line)}
          {hidden > 0 && (
            <li class="line gap" aria-label={t("evidence.hidden", { count: hidden })}>
              {t("evidence.hidden", { count: hidden })}
            </li>
          )}
          {tail.map((l, i) => line(l, head.length + i))}
        </ol>
      )}
      {view.steps.length > 0 ? (
        <div class="why-human">
          <strong>{t("evidence.why_human")}</strong>
          <ul>
            {view.steps.map((step, i) => (
              <li key={i}>{stepText(step, t)}</li>
            ))}
          </ul>
        </div>
      ) : (
        view.whyHuman && (
          <p class="why-human">
            <strong>{t("evidence.why_human")}</strong> {view.whyHuman}
          </p>
        )
      )}
      {view.tickets.length > 0 && (
        <p class="muted">{t("evidence.tickets", { ids: view.tickets.map((id) => `#${id}`).join(", ") })}</p>
      )}
      {view.replay && (
        <p class={`replay replay-${view.replay.verdict}`}>
          {t(`evidence.replay.${view.replay.verdict}`, { id: view.ticketId })}
          {view.replay.detail && <span class="muted"> {view.replay.detail}</span>}
        </p>
      )}
    </div>
  );
}
