// Who handles the ticket, and the Take over / Release / Resolve buttons (or the question
// that must be answered first). Accessible names are the contract's: keep them exact.
import type { TicketView } from "../../common/ticket.schema";
import type { Translate } from "../i18n/i18n";
import type { Pending, SidebarController, SidebarState } from "./controller";
import { buttonsFor, ownedByMe, phaseOf, stateLabel } from "./view-model";

interface Props {
  state: SidebarState;
  view: TicketView;
  controller: SidebarController;
  t: Translate;
}

const QUESTION: Record<Pending["kind"], string> = {
  confirm_release: "confirm.release",
  confirm_take_over: "confirm.take_over",
  take_over_conflict: "conflict.take_over",
};

function Question({
  pending,
  busy,
  controller,
  t,
}: { pending: Pending; busy: boolean } & Omit<Props, "state" | "view">) {
  const release = pending.kind === "confirm_release";
  return (
    <fieldset class="question">
      <legend>{t(QUESTION[pending.kind], { name: pending.owner.name })}</legend>
      <div class="actions">
        <button
          type="button"
          class={`btn ${release ? "danger" : "primary"}`}
          disabled={busy}
          onClick={() => (release ? controller.confirmRelease() : controller.takeOver(true))}
        >
          {t(release ? "action.release_force" : "action.take_over_force")}
        </button>
        <button type="button" class="btn" disabled={busy} onClick={() => controller.cancelPending()}>
          {t("action.cancel")}
        </button>
      </div>
    </fieldset>
  );
}

export function StatusCard({ state, view, controller, t }: Props) {
  const buttons = buttonsFor(view, state.me);
  const busy = state.busy !== null;
  const { pending } = state;
  const phase = phaseOf(view);
  const anyButton = buttons.takeOver || buttons.release || buttons.resolve;
  const working = (action: string) => (state.busy === action ? " working" : "");
  return (
    <section class="card" aria-labelledby="ohallo-state">
      <div class="state">
        {phase !== "resolved" && <span class={`tag tag-${phase}`}>{t(`tag.${phase}`)}</span>}
        <h2 id="ohallo-state">{stateLabel(view, state.me, t)}</h2>
      </div>
      {phase === "waiting" && <p class="hint">{t("hint.waiting")}</p>}
      {phase === "off" && <p class="hint">{t("hint.off")}</p>}
      {pending ? (
        <Question pending={pending} busy={busy} controller={controller} t={t} />
      ) : (
        anyButton && (
          <div class="actions">
            {buttons.takeOver && (
              <button
                type="button"
                class={`btn primary${working("take_over")}`}
                disabled={busy}
                onClick={() => controller.takeOver()}
              >
                {t("action.take_over")}
              </button>
            )}
            {buttons.release && (
              <button
                type="button"
                class={`btn${working("release")}`}
                disabled={busy}
                aria-describedby={ownedByMe(view, state.me) ? "ohallo-release-hint" : undefined}
                onClick={() => controller.release()}
              >
                {t("action.release")}
              </button>
            )}
            {buttons.resolve && (
              <button
                type="button"
                class={`btn${working("resolve")}`}
                disabled={busy}
                onClick={() => controller.resolve()}
              >
                {t("action.resolve")}
              </button>
            )}
          </div>
        )
      )}
      {!pending && buttons.release && ownedByMe(view, state.me) && (
        <p id="ohallo-release-hint" class="hint">
          {t("hint.release")}
        </p>
      )}
    </section>
  );
}
