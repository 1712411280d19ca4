// The form fields of a KB entry and of a policy, shared by the entry form and a proposal's
// Edit. Uncontrolled inputs with default values (a re-render never undoes typing); the
// controller reads the form on submit.
import type { Translate } from "../../i18n/i18n";
import { FieldError } from "../parts";
import type { FieldErrors } from "../store";
import { ENTRY_STATUSES, type KbForm, POLICY_ACTIONS, type PolicyForm } from "./entry-form";

interface FieldProps {
  id: string;
  name: string;
  label: string;
  hint?: string;
  value: string;
  errors: FieldErrors;
  t: Translate;
  rows?: number;
  required?: boolean;
}

export function TextField({ id, name, label, hint, value, errors, t, rows, required }: FieldProps) {
  const error = errors[name];
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  const common = {
    id,
    name,
    required,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": described || undefined,
  };
  return (
    <div class="field">
      <label class="label" for={id}>
        {label}
      </label>
      {rows ? (
        <textarea {...common} rows={rows} defaultValue={value} />
      ) : (
        <input {...common} type="text" defaultValue={value} />
      )}
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} error={error} t={t} />
    </div>
  );
}

function StatusField({ id, value, t }: { id: string; value: string; t: Translate }) {
  return (
    <div class="field">
      <label class="label" for={id}>
        {t("field.status")}
      </label>
      <select id={id} name="status">
        {ENTRY_STATUSES.map((s) => (
          <option key={s} value={s} selected={s === value}>
            {t(`status.${s}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

interface Props<F> {
  idPrefix: string;
  value: F;
  errors: FieldErrors;
  t: Translate;
  withStatus: boolean;
}

export function KbFields({ idPrefix, value, errors, t, withStatus }: Props<KbForm>) {
  const p = idPrefix;
  return (
    <>
      <TextField
        id={`${p}-question`}
        name="question"
        label={t("field.question")}
        value={value.question}
        {...{ errors, t }}
        required
      />
      <TextField
        id={`${p}-answer`}
        name="answer"
        label={t("field.answer")}
        value={value.answer}
        rows={5}
        {...{ errors, t }}
        required
      />
      <TextField
        id={`${p}-topics`}
        name="topics"
        label={t("field.topics")}
        hint={t("field.topics_hint")}
        value={value.topics}
        {...{ errors, t }}
      />
      {withStatus && <StatusField id={`${p}-status`} value={value.status} t={t} />}
    </>
  );
}

export function PolicyFields({ idPrefix, value, errors, t, withStatus }: Props<PolicyForm>) {
  const p = idPrefix;
  return (
    <>
      <TextField
        id={`${p}-topic`}
        name="topic"
        label={t("field.topic")}
        value={value.topic}
        {...{ errors, t }}
        required
      />
      <TextField
        id={`${p}-rule`}
        name="ruleText"
        label={t("field.rule")}
        value={value.ruleText}
        rows={3}
        {...{ errors, t }}
        required
      />
      <div class="field">
        <label class="label" for={`${p}-action`}>
          {t("field.action")}
        </label>
        <select id={`${p}-action`} name="action" aria-describedby={`${p}-action-hint`}>
          {POLICY_ACTIONS.map((a) => (
            <option key={a} value={a} selected={a === value.action}>
              {t(`action_kind.${a}`)}
            </option>
          ))}
        </select>
        <p id={`${p}-action-hint`} class="hint">
          {t("field.action_hint")}
        </p>
      </div>
      <TextField
        id={`${p}-keywords`}
        name="keywords"
        label={t("field.keywords")}
        hint={t("field.keywords_hint")}
        value={value.keywords}
        {...{ errors, t }}
      />
      {withStatus && <StatusField id={`${p}-status`} value={value.status} t={t} />}
    </>
  );
}
