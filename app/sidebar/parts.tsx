// Small sidebar pieces: the error notice, the open attention items, the autonomy field.
// Presentation only: they read props and call the controller, nothing else.
import { type AttentionItem, type Autonomy, AutonomySchema } from "../../common/api.schema";
import type { Translate } from "../i18n/i18n";
import type { Problem, SidebarController } from "./controller";
import { attentionLabel, errorMessage } from "./view-model";

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

export function AttentionList({ items, t }: { items: AttentionItem[]; t: Translate }) {
  return (
    <section class="alert warning" aria-labelledby="ohallo-attention">
      <h2 id="ohallo-attention">{t("attention.title")}</h2>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <span class={`tag tag-${item.type}`}>{attentionLabel(item.type, t)}</span>
            <span class="reason">{item.reason}</span>
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
