// One row of the KB or policy list: what the entry says, its status and source, and its
// actions (Edit, Archive or Restore, Delete after a question, Publish to Guide for approved KB).
import type { Translate } from "../../i18n/i18n";
import { errorText, formatDate } from "../i18n";
import type { EntriesController, EntriesState } from "./entries.controller";
import { type AnyEntry, isKb, missingCall, preview, publishNotes, rowActions } from "./entries.view-model";

interface Props {
  e: AnyEntry;
  entries: EntriesController<AnyEntry>;
  state: EntriesState<AnyEntry>;
  t: Translate;
  locale: string;
}

function Actions({ e, entries, state, t }: Props) {
  const anyBusy = state.busy !== null;
  const titleId = `entry-${e.id}-title`;
  const working = (action: string) => (state.busy === `${action}:${e.id}` ? " working" : "");
  if (state.confirmDelete === e.id) {
    return (
      <fieldset class="question inline">
        <legend>{t("entries.confirm_delete")}</legend>
        <button
          type="button"
          class={`btn small danger${working("delete")}`}
          disabled={anyBusy}
          onClick={() => void entries.confirmDelete()}
        >
          {t("action.delete")}
        </button>
        <button type="button" class="btn small" disabled={anyBusy} onClick={() => entries.cancelDelete()}>
          {t("action.cancel")}
        </button>
      </fieldset>
    );
  }
  const can = rowActions(e, entries.canPublish);
  return (
    <div class="row-actions">
      <button
        type="button"
        class="btn small"
        aria-describedby={titleId}
        disabled={anyBusy}
        onClick={() => entries.openEdit(e.id)}
      >
        {t("action.edit")}
      </button>
      {can.archive && (
        <button
          type="button"
          class={`btn small${working("archive")}`}
          aria-describedby={titleId}
          disabled={anyBusy}
          onClick={() => void entries.archive(e.id)}
        >
          {t("action.archive")}
        </button>
      )}
      {can.restore && (
        <button
          type="button"
          class={`btn small${working("restore")}`}
          aria-describedby={titleId}
          disabled={anyBusy}
          onClick={() => void entries.restore(e.id)}
        >
          {t("action.restore")}
        </button>
      )}
      {can.publish && (
        <button
          type="button"
          class={`btn small${working("publish")}`}
          aria-describedby={titleId}
          disabled={anyBusy}
          onClick={() => void entries.publish(e.id)}
        >
          {t("action.publish")}
        </button>
      )}
      <button
        type="button"
        class="btn small danger-basic"
        aria-describedby={titleId}
        disabled={anyBusy}
        onClick={() => entries.askDelete(e.id)}
      >
        {t("action.delete")}
      </button>
    </div>
  );
}

function Outcome({ e, state, t }: Props) {
  const published = state.published[e.id];
  const failure = state.failure?.id === e.id ? state.failure.error : null;
  if (failure) {
    const publishing = state.failure?.action === "publish";
    // The Worker's own words say what Guide refused (a 422, or Zendesk failing: a 502 is not the Worker down).
    const text =
      publishing && missingCall(failure)
        ? t("publish.unavailable")
        : publishing && failure.detail && failure.kind !== "unauthorized"
          ? t("publish.failed", { detail: failure.detail })
          : errorText(failure, t);
    return (
      <p class="row-error" role="alert">
        {text}
      </p>
    );
  }
  if (!published) return null;
  return (
    <p class="row-note">
      {publishNotes(published).map((key) => `${t(key)} `)}
      <a href={published.url} target="_blank" rel="noopener noreferrer">
        {t("publish.open")}
      </a>
    </p>
  );
}

export function EntryRow(props: Props) {
  const { e, t, locale } = props;
  const titleId = `entry-${e.id}-title`;
  return (
    <tr data-entry={e.id} data-status={e.status}>
      <td class="main">
        <strong id={titleId}>{isKb(e) ? e.question : e.topic}</strong>
        <span class="muted preview">{preview(isKb(e) ? e.answer : e.ruleText)}</span>
        <Outcome {...props} />
      </td>
      <td>
        {isKb(e)
          ? e.topics.map((x) => (
              <span key={x} class="tag">
                {x}
              </span>
            ))
          : t(`action_kind.${e.action}`)}
      </td>
      <td>
        <span class={`tag status-${e.status}`}>{t(`status.${e.status}`)}</span>
      </td>
      <td class="muted">{t(`source.${e.sourceType}`)}</td>
      {isKb(e) && <td class="num">{e.usageCount}</td>}
      <td class="muted nowrap">{formatDate(e.updatedAt, locale)}</td>
      <td>
        <Actions {...props} />
      </td>
    </tr>
  );
}
