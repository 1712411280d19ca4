// Small pieces every admin tab uses: loading, empty and error states, the polite status line,
// a field's error, and the pager. Presentation only: props in, callbacks out.
import type { ComponentChildren } from "preact";
import type { ApiError } from "../api/errors";
import type { Translate } from "../i18n/i18n";
import { errorText } from "./i18n";

export function Loading({ t }: { t: Translate }) {
  return (
    <p class="loading" role="status">
      <span class="spinner inline" aria-hidden="true" />
      {t("loading")}
    </p>
  );
}

export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty">
      <p class="empty-title">{title}</p>
      {children && <p class="muted">{children}</p>}
    </div>
  );
}

export function ErrorNotice({
  error,
  t,
  onRetry,
}: {
  error: ApiError;
  t: Translate;
  onRetry?: (() => void) | null;
}) {
  return (
    <div class="alert error" role="alert">
      <strong>{t("error.title")}</strong>
      <p>{errorText(error, t)}</p>
      {onRetry && (
        <button type="button" class="btn small" onClick={onRetry}>
          {t("action.retry")}
        </button>
      )}
    </div>
  );
}

/** A polite live region: what just happened, read out without moving focus. */
export function StatusLine({ text }: { text: string | null }) {
  return (
    <p class={text ? "status-line" : "status-line empty-line"} role="status" aria-live="polite">
      {text}
    </p>
  );
}

/** "Not available yet": the Worker does not offer this part yet. */
export function Unavailable({ t, what }: { t: Translate; what: string }) {
  return (
    <p class="unavailable">
      <span class="tag">{t("unavailable.tag")}</span> {what}
    </p>
  );
}

export function FieldError({ id, error, t }: { id: string; error: string | undefined; t: Translate }) {
  if (!error) return null;
  return (
    <p id={id} class="field-error">
      {t(error)}
    </p>
  );
}

export function Pager({
  offset,
  count,
  total,
  t,
  onPage,
  busy,
}: {
  offset: number;
  count: number;
  total: number;
  t: Translate;
  onPage: (direction: 1 | -1) => void;
  busy: boolean;
}) {
  if (total === 0) return null;
  return (
    <nav class="pager" aria-label={t("pager.label")}>
      <span class="muted">{t("pager.range", { from: offset + 1, to: offset + count, total })}</span>
      <button type="button" class="btn small" disabled={busy || offset === 0} onClick={() => onPage(-1)}>
        {t("pager.previous")}
      </button>
      <button
        type="button"
        class="btn small"
        disabled={busy || offset + count >= total}
        onClick={() => onPage(1)}
      >
        {t("pager.next")}
      </button>
    </nav>
  );
}
