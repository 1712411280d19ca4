// One proposal: what the learning loop proposes, why, how sure it is, its evidence, and the
// Approve / Edit / Reject buttons (the contract's names) or the question being answered.
import type { Translate } from "../../i18n/i18n";
import type { AdminController } from "../admin.controller";
import { KbFields, PolicyFields } from "../entries/fields";
import { kbForm, policyForm } from "../entries/entry-form";
import { ErrorNotice } from "../parts";
import { formFields, useFocusFirstField } from "../use-store";
import type { ReviewController, ReviewState } from "./review.controller";
import { Evidence } from "./Evidence";
import { confidence, evidenceOf, motivationOf, type Proposal } from "./review.view-model";

interface Props {
  p: Proposal;
  state: ReviewState;
  review: ReviewController;
  admin: AdminController;
  t: Translate;
}

function Proposes({ p, t }: { p: Proposal; t: Translate }) {
  if (p.kind === "kb") {
    const e = p.entry;
    return (
      <dl class="proposes">
        <dt>{t("field.answer")}</dt>
        <dd class="prewrap">{e.answer}</dd>
        {e.topics.length > 0 && <dt>{t("field.topics")}</dt>}
        {e.topics.length > 0 && (
          <dd>
            {e.topics.map((x) => (
              <span key={x} class="tag">
                {x}
              </span>
            ))}
          </dd>
        )}
      </dl>
    );
  }
  const e = p.entry;
  return (
    <dl class="proposes">
      <dt>{t("field.rule")}</dt>
      <dd class="prewrap">{e.ruleText}</dd>
      <dt>{t("field.action")}</dt>
      <dd>{t(`action_kind.${e.action}`)}</dd>
      {e.conditions.keywords?.length ? <dt>{t("field.keywords")}</dt> : null}
      {e.conditions.keywords?.length ? <dd>{e.conditions.keywords.join(", ")}</dd> : null}
    </dl>
  );
}

function Confidence({ value, t }: { value: number | null; t: Translate }) {
  const c = confidence(value);
  if (!c) return <span class="muted">{t("review.confidence_unknown")}</span>;
  return (
    <span class={`confidence ${c.level}`}>
      <meter min={0} max={100} value={c.percent} aria-hidden="true" />
      {t("review.confidence", { percent: c.percent })}
    </span>
  );
}

function RejectQuestion({
  p,
  review,
  busy,
  t,
}: {
  p: Proposal;
  review: ReviewController;
  busy: boolean;
  t: Translate;
}) {
  const ref = useFocusFirstField<HTMLFormElement>();
  const id = `reason-${p.key.replace(":", "-")}`;
  return (
    <form
      ref={ref}
      class="question"
      onKeyDown={(e) => e.key === "Escape" && review.cancel()}
      onSubmit={(e) => {
        e.preventDefault();
        void review.reject(p, String(new FormData(e.currentTarget).get("reason") ?? ""));
      }}
    >
      <fieldset>
        <legend>{t("review.reject_question")}</legend>
        <label class="label" for={id}>
          {t("review.reason")}
        </label>
        <textarea id={id} name="reason" rows={2} maxLength={2000} />
        <div class="actions">
          <button type="submit" class={`btn danger${busy ? " working" : ""}`} disabled={busy}>
            {t("review.reject")}
          </button>
          <button type="button" class="btn" disabled={busy} onClick={() => review.cancel()}>
            {t("action.cancel")}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function EditForm({ p, state, review, busy, t }: Props & { busy: boolean }) {
  const prefix = `edit-${p.key.replace(":", "-")}`;
  const ref = useFocusFirstField<HTMLFormElement>();
  return (
    <form
      ref={ref}
      class="edit-form"
      aria-label={t("review.edit_label")}
      onKeyDown={(e) => e.key === "Escape" && review.cancel()}
      onSubmit={(e) => {
        e.preventDefault();
        void review.approveEdited(p, formFields(e.currentTarget));
      }}
    >
      {p.kind === "kb" ? (
        <KbFields
          idPrefix={prefix}
          value={kbForm(p.entry)}
          errors={state.formErrors}
          t={t}
          withStatus={false}
        />
      ) : (
        <PolicyFields
          idPrefix={prefix}
          value={policyForm(p.entry)}
          errors={state.formErrors}
          t={t}
          withStatus={false}
        />
      )}
      <div class="actions">
        <button type="submit" class={`btn primary${busy ? " working" : ""}`} disabled={busy}>
          {t("review.approve")}
        </button>
        <button type="button" class="btn" disabled={busy} onClick={() => review.cancel()}>
          {t("action.cancel")}
        </button>
      </div>
    </form>
  );
}

export function ProposalCard(props: Props) {
  const { p, state, review, admin, t } = props;
  const titleId = `title-${p.key.replace(":", "-")}`;
  const busy = state.busy === p.key;
  const anyBusy = state.busy !== null;
  const why = motivationOf(p);
  const failure = state.failure?.key === p.key ? state.failure.error : null;
  return (
    <article class="card proposal" aria-labelledby={titleId} aria-busy={busy} data-proposal={p.key}>
      <header class="proposal-head">
        <span class={`tag kind-${p.kind}`}>{t(`review.kind.${p.kind}`)}</span>
        <h3 id={titleId}>{p.kind === "kb" ? p.entry.question : p.entry.topic}</h3>
        <Confidence value={p.entry.confidence} t={t} />
      </header>
      <div class="proposal-body">
        <section>
          <h4>{t("review.proposes")}</h4>
          <Proposes p={p} t={t} />
          {p.entry.replacesId != null && (
            <p class="muted replaces">{t("review.replaces", { id: p.entry.replacesId })}</p>
          )}
        </section>
        <section>
          <h4>{t("review.why")}</h4>
          <p class="prewrap">{why ?? t("review.no_motivation")}</p>
        </section>
      </div>
      <Evidence view={evidenceOf(p)} admin={admin} t={t} />
      {failure && <ErrorNotice error={failure} t={t} />}
      {state.editing === p.key ? (
        <EditForm {...props} busy={busy} />
      ) : state.rejecting === p.key ? (
        <RejectQuestion p={p} review={review} busy={busy} t={t} />
      ) : (
        <div class="actions">
          <button
            type="button"
            class={`btn primary${busy ? " working" : ""}`}
            disabled={anyBusy}
            onClick={() => void review.approve(p)}
          >
            {t("review.approve")}
          </button>
          <button type="button" class="btn" disabled={anyBusy} onClick={() => review.startEdit(p.key)}>
            {t("review.edit")}
          </button>
          <button
            type="button"
            class="btn danger-basic"
            disabled={anyBusy}
            onClick={() => review.startReject(p.key)}
          >
            {t("review.reject")}
          </button>
        </div>
      )}
    </article>
  );
}
