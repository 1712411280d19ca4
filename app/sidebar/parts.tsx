// Small sidebar pieces: the error notice, the open attention items, the autonomy field.
// Presentation only: they read props and call the controller, nothing else.
import { type Autonomy, AutonomySchema, type TicketView } from "../../common/ticket.schema";
import type { Translate } from "../i18n/i18n";
import type { Problem, SidebarController } from "./controller";
import { attentionLabel, dismissable, errorMessage, reasonText } from "./view-model";

export function Notice({
  problem,
  t,
  onRetry,
}: {
  problem: Problem;
  t: Translate;
  onRetry: (() => void) | null;
}) {
  return (
    <div class="alert error" role="alert">
      <strong>{t("error.title")}</strong>
      <p>{errorMessage(problem, t)}</p>
      {onRetry && (
        <button type="button" class="btn small" onClick={onRetry}>
          {t("action.retry")}
        </button>
      )}
    </div>
  );
}

interface AttentionProps {
  view: TicketView;
  busy: boolean;
  controller: SidebarController;
  t: Translate;
}

/** Why the ticket needs a person, in the agent's language, each item with "Dismiss". */
export function AttentionList({ view, busy, controller, t }: AttentionProps) {
  return (
    <section class="alert warning" aria-labelledby="ohallo-attention">
      <h2 id="ohallo-attention">{t("attention.title")}</h2>
      <ul>
        {view.attention.map((item) => (
          <li key={item.id}>
            <span class={`tag tag-${item.type}`}>{attentionLabel(item.type, t)}</span>
            <span class="reason">{reasonText(item.code, item.params, item.reason, t)}</span>
            {dismissable(item, view) && (
              <button
                type="button"
                class="btn small"
                disabled={busy}
                onClick={() => controller.dismissAttention(item.id)}
              >
                {t("attention.dismiss")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

const MODES: readonly Autonomy[] = AutonomySchema.options;

interface AutonomyProps {
  value: Autonomy;
  busy: boolean;
  controller: SidebarController;
  t: Translate;
}

export function AutonomyField({ value, busy, controller, t }: AutonomyProps) {
  const onChange = (e: Event) => {
    const parsed = AutonomySchema.safeParse((e.currentTarget as HTMLSelectElement).value);
    if (parsed.success && parsed.data !== value) void controller.setAutonomy(parsed.data);
  };
  return (
    <section class="field">
      <label class="label" for="ohallo-autonomy">
        {t("autonomy.label")}
      </label>
      <select
        id="ohallo-autonomy"
        value={value}
        disabled={busy}
        aria-describedby="ohallo-autonomy-hint"
        onChange={onChange}
      >
        {MODES.map((mode) => (
          <option key={mode} value={mode}>
            {t(`autonomy.${mode}`)}
          </option>
        ))}
      </select>
      <p id="ohallo-autonomy-hint" class="hint">
        {t(`autonomy.hint.${value}`)}
      </p>
    </section>
  );
}
