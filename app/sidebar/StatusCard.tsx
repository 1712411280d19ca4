// Who handles the ticket, and the Take over / Release / Resolve buttons (or the question
// that must be answered first). Accessible names are the contract's: keep them exact.
import type { TicketView } from "../../common/api.schema";
import type { Translate } from "../i18n/i18n";
import type { SidebarController, SidebarState } from "./controller";
import { buttonsFor, stateLabel } from "./view-model";

interface Props {
  state: SidebarState;
  view: TicketView;
  controller: SidebarController;
  t: Translate;
}

export function StatusCard({ state, view, controller, t }: Props) {
  const buttons = buttonsFor(view);
  const busy = state.busy !== null;
  const { pending } = state;
  const anyButton = buttons.takeOver || buttons.release || buttons.resolve;
  return (
    <section class="card" aria-labelledby="ohallo-state">
      <div class="state">
        {view.state !== "resolved" && <span class={`tag tag-${view.state}`}>{t(`tag.${view.state}`)}</span>}
        <h2 id="ohallo-state">{stateLabel(view, state.me, t)}</h2>
      </div>
      {pending ? (
        <fieldset class="question">
          <legend>
            {t(pending.kind === "confirm_release" ? "confirm.release" : "conflict.take_over", {
              name: pending.owner.name,
            })}
          </legend>
          <div class="actions">
            {pending.kind === "confirm_release" ? (
              <button
                type="button"
                class="btn danger"
                disabled={busy}
                onClick={() => controller.confirmRelease()}
              >
                {t("action.release_force")}
              </button>
            ) : (
              <button
                type="button"
                class="btn primary"
                disabled={busy}
                onClick={() => controller.takeOver(true)}
              >
                {t("action.take_over_force")}
              </button>
            )}
            <button type="button" class="btn" disabled={busy} onClick={() => controller.cancelPending()}>
              {t("action.cancel")}
            </button>
          </div>
        </fieldset>
      ) : (
        anyButton && (
          <div class="actions">
            {buttons.takeOver && (
              <button
                type="button"
                class={`btn primary${state.busy === "take_over" ? " working" : ""}`}
                disabled={busy}
                onClick={() => controller.takeOver()}
              >
                {t("action.take_over")}
              </button>
            )}
            {buttons.release && (
              <button
                type="button"
                class={`btn${state.busy === "release" ? " working" : ""}`}
                disabled={busy}
                onClick={() => controller.release()}
              >
                {t("action.release")}
              </button>
            )}
            {buttons.resolve && (
              <button
                type="button"
                class={`btn${state.busy === "resolve" ? " working" : ""}`}
                disabled={busy}
                onClick={() => controller.resolve()}
              >
                {t("action.resolve")}
              </button>
            )}
          </div>
        )
      )}
    </section>
  );
}
