// The Settings tab: learning, the AI's defaults and limits, which channels, brands and groups it
// handles, and where "Publish to Guide" puts draft articles. A setting this Worker does not offer
// yet is shown disabled, marked so.
// Presentation only: the SettingsController checks and saves the form.
import type { ComponentChildren } from "preact";
import type { AdminSettings } from "../../../common/admin.schema";
import type { Translate } from "../../i18n/i18n";
import { ErrorNotice, FieldError, Loading, StatusLine, Unavailable } from "../parts";
import type { FieldErrors } from "../store";
import { formFields, useStore } from "../use-store";
import type { SettingsController } from "./settings.controller";
import { AUTONOMY_MODES, available, CHANNELS, channelsFor } from "./settings.view-model";

function Check({
  name,
  label,
  hint,
  on,
  disabled,
}: {
  name: string;
  label: string;
  hint?: string;
  on: boolean;
  disabled?: boolean;
}) {
  return (
    <div class="check">
      <input
        id={`set-${name}`}
        type="checkbox"
        name={name}
        defaultChecked={on}
        disabled={disabled}
        aria-describedby={hint ? `set-${name}-hint` : undefined}
      />
      <label for={`set-${name}`}>{label}</label>
      {hint && (
        <p id={`set-${name}-hint`} class="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

interface InputProps {
  name: string;
  label: string;
  hint: string;
  value: string;
  errors: FieldErrors;
  t: Translate;
  disabled?: boolean;
  inputMode?: "numeric" | "decimal";
  children?: ComponentChildren;
}

function Input({ name, label, hint, value, errors, t, disabled, inputMode, children }: InputProps) {
  const id = `set-${name}`;
  const error = errors[name];
  return (
    <div class="field">
      <label class="label" for={id}>
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="text"
        inputMode={inputMode}
        defaultValue={value}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
      />
      <p id={`${id}-hint`} class="hint">
        {hint}
      </p>
      <FieldError id={`${id}-error`} error={error} t={t} />
      {children}
    </div>
  );
}

function Form({ s, errors, t }: { s: AdminSettings; errors: FieldErrors; t: Translate }) {
  const missing = (key: Parameters<typeof available>[1]) =>
    available(s, key) ? null : <Unavailable t={t} what={t("settings.unavailable")} />;
  const scope = s.scope;
  return (
    <>
      <fieldset class="group">
        <legend>{t("settings.learning")}</legend>
        <Check
          name="learningEnabled"
          label={t("settings.learning_enabled")}
          hint={t("settings.learning_enabled_hint")}
          on={s.learning.enabled}
        />
        <Check
          name="humanManagedOnly"
          label={t("settings.human_only")}
          hint={t("settings.human_only_hint")}
          on={s.learning.humanManagedOnly}
        />
      </fieldset>
      <fieldset class="group">
        <legend>{t("settings.ai")}</legend>
        <div class="field">
          <label class="label" for="set-defaultAutonomy">
            {t("settings.default_autonomy")}
          </label>
          <select id="set-defaultAutonomy" name="defaultAutonomy" aria-describedby="set-defaultAutonomy-hint">
            {AUTONOMY_MODES.map((m) => (
              <option key={m} value={m} selected={m === s.defaultAutonomy}>
                {t(`autonomy.${m}`)}
              </option>
            ))}
          </select>
          <p id="set-defaultAutonomy-hint" class="hint">
            {t("settings.default_autonomy_hint")}
          </p>
        </div>
        <Input
          name="autoReleaseHours"
          label={t("settings.auto_release")}
          hint={t("settings.auto_release_hint")}
          value={s.autoReleaseHours === null ? "" : String(s.autoReleaseHours)}
          inputMode="decimal"
          {...{ errors, t }}
        />
        <Check
          name="handoffAcknowledgement"
          label={t("settings.ack")}
          hint={t("settings.ack_hint")}
          on={s.handoffAcknowledgement ?? false}
          disabled={!available(s, "handoffAcknowledgement")}
        />
        {missing("handoffAcknowledgement")}
        <Input
          name="maxAiRepliesPerHour"
          label={t("settings.cap")}
          hint={t("settings.cap_hint")}
          value={String(s.maxAiRepliesPerHour ?? "")}
          inputMode="numeric"
          disabled={!available(s, "maxAiRepliesPerHour")}
          {...{ errors, t }}
        >
          {missing("maxAiRepliesPerHour")}
        </Input>
        <Input
          name="aiAgentId"
          label={t("settings.ai_agent")}
          hint={t("settings.ai_agent_hint")}
          value={s.aiAgentId == null ? "" : String(s.aiAgentId)}
          inputMode="numeric"
          disabled={!available(s, "aiAgentId")}
          {...{ errors, t }}
        >
          {missing("aiAgentId")}
        </Input>
        <div class="field">
          <label class="label" for="set-brandTone">
            {t("settings.tone")}
          </label>
          <textarea
            id="set-brandTone"
            name="brandTone"
            rows={3}
            defaultValue={s.brandTone}
            aria-describedby="set-brandTone-hint"
          />
          <p id="set-brandTone-hint" class="hint">
            {t("settings.tone_hint")}
          </p>
          <FieldError id="set-brandTone-error" error={errors.brandTone} t={t} />
        </div>
      </fieldset>
      <fieldset class="group">
        <legend>{t("settings.scope")}</legend>
        <p class="hint">{t("settings.scope_hint")}</p>
        {missing("scope")}
        <fieldset class="channels" disabled={!scope}>
          <legend class="label">{t("settings.channels")}</legend>
          {channelsFor(scope).map((c) => (
            <div class="check" key={c}>
              <input
                id={`set-channel-${c}`}
                type="checkbox"
                name="channels"
                value={c}
                defaultChecked={scope?.channels.includes(c) ?? false}
              />
              <label for={`set-channel-${c}`}>
                {(CHANNELS as readonly string[]).includes(c) ? t(`channel.${c}`) : c}
              </label>
            </div>
          ))}
        </fieldset>
        <Input
          name="brandIds"
          label={t("settings.brands")}
          hint={t("settings.ids_hint")}
          value={scope?.brandIds.join(", ") ?? ""}
          inputMode="numeric"
          disabled={!scope}
          {...{ errors, t }}
        />
        <Input
          name="groupIds"
          label={t("settings.groups")}
          hint={t("settings.ids_hint")}
          value={scope?.groupIds.join(", ") ?? ""}
          inputMode="numeric"
          disabled={!scope}
          {...{ errors, t }}
        />
      </fieldset>
      <GuideFields s={s} errors={errors} t={t} />
    </>
  );
}

/** Where "Publish to Guide" creates draft articles; each empty field: Guide's first or default. */
function GuideFields({ s, errors, t }: { s: AdminSettings; errors: FieldErrors; t: Translate }) {
  const guide = s.guide;
  const value = (v: number | string | null | undefined) => (v == null ? "" : String(v));
  return (
    <fieldset class="group">
      <legend>{t("settings.guide")}</legend>
      <p class="hint">{t("settings.guide_hint")}</p>
      {!guide && <Unavailable t={t} what={t("settings.unavailable")} />}
      <Input
        name="guideSectionId"
        label={t("settings.guide_section")}
        hint={t("settings.guide_section_hint")}
        value={value(guide?.sectionId)}
        inputMode="numeric"
        disabled={!guide}
        {...{ errors, t }}
      />
      <Input
        name="guidePermissionGroupId"
        label={t("settings.guide_group")}
        hint={t("settings.guide_group_hint")}
        value={value(guide?.permissionGroupId)}
        inputMode="numeric"
        disabled={!guide}
        {...{ errors, t }}
      />
      <Input
        name="guideLocale"
        label={t("settings.guide_locale")}
        hint={t("settings.guide_locale_hint")}
        value={value(guide?.locale)}
        disabled={!guide}
        {...{ errors, t }}
      />
    </fieldset>
  );
}

export function SettingsTab({ settings, t }: { settings: SettingsController; t: Translate }) {
  const state = useStore(settings);
  const s = state.settings;
  if (!s) {
    if (state.phase === "failed" && state.loadError)
      return <ErrorNotice error={state.loadError} t={t} onRetry={() => void settings.load()} />;
    return <Loading t={t} />;
  }
  return (
    <form
      class="settings"
      aria-labelledby="settings-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void settings.save(formFields(e.currentTarget));
      }}
    >
      <div class="panel-head">
        <h2 id="settings-title">{t("tab.settings")}</h2>
        <p class="muted">{t("settings.intro")}</p>
      </div>
      {state.loadError && <ErrorNotice error={state.loadError} t={t} onRetry={() => void settings.load()} />}
      {/* A new version (loaded or saved) re-creates the fields with the Worker's values. */}
      <div key={state.formVersion}>
        <Form s={s} errors={state.formErrors} t={t} />
      </div>
      {state.failure && <ErrorNotice error={state.failure} t={t} />}
      <div class="actions sticky">
        <button type="submit" class={`btn primary${state.saving ? " working" : ""}`} disabled={state.saving}>
          {t("action.save")}
        </button>
        <button type="button" class="btn" disabled={state.saving} onClick={() => settings.reset()}>
          {t("settings.reset")}
        </button>
        <StatusLine text={state.announcement ? t(`settings.${state.announcement}`) : null} />
      </div>
    </form>
  );
}
