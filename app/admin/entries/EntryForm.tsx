// Create or edit a KB entry or a policy: the shared fields plus the status, Save and Cancel.
// Presentation only: the EntriesController checks and sends the form.
import type { AdminKbEntry, AdminPolicyEntry } from "../../../common/admin.schema";
import type { Translate } from "../../i18n/i18n";
import { ErrorNotice } from "../parts";
import { formFields, useFocusFirstField } from "../use-store";
import type { EntriesController, EntriesState } from "./entries.controller";
import { isKb } from "./entries.view-model";
import { kbForm, policyForm } from "./entry-form";
import { KbFields, PolicyFields } from "./fields";

type Entry = AdminKbEntry | AdminPolicyEntry;

interface Props {
  entries: EntriesController<Entry>;
  state: EntriesState<Entry>;
  t: Translate;
}

export function EntryForm({ entries, state, t }: Props) {
  const form = state.form;
  const key = form === null ? null : form.mode === "create" ? "new" : `edit-${form.id}`;
  const ref = useFocusFirstField<HTMLFormElement>(key);
  if (!form) return null;
  const entry = form.mode === "edit" ? entries.entry(form.id) : null;
  const kind = entries.kind;
  const title = t(`${kind}.${form.mode === "create" ? "new_title" : "edit_title"}`);
  const busy = state.busy === "save";
  const failure = state.failure?.id === null ? state.failure.error : null;
  return (
    <form
      key={key ?? undefined}
      ref={ref}
      class="card entry-form"
      aria-labelledby="entry-form-title"
      onKeyDown={(e) => e.key === "Escape" && entries.closeForm()}
      onSubmit={(e) => {
        e.preventDefault();
        void entries.save(formFields(e.currentTarget));
      }}
    >
      <h3 id="entry-form-title">{title}</h3>
      {kind === "kb" ? (
        <KbFields
          idPrefix="entry"
          value={kbForm(entry && isKb(entry) ? entry : null)}
          errors={state.formErrors}
          t={t}
          withStatus
        />
      ) : (
        <PolicyFields
          idPrefix="entry"
          value={policyForm(entry && !isKb(entry) ? entry : null)}
          errors={state.formErrors}
          t={t}
          withStatus
        />
      )}
      {failure && <ErrorNotice error={failure} t={t} />}
      <div class="actions">
        <button type="submit" class={`btn primary${busy ? " working" : ""}`} disabled={busy}>
          {t("action.save")}
        </button>
        <button type="button" class="btn" disabled={busy} onClick={() => entries.closeForm()}>
          {t("action.cancel")}
        </button>
      </div>
    </form>
  );
}
