// The ticket_sidebar location: one component tree over the controller's state.
// Must never call the Worker or ZAF itself; every action goes through the controller.
import type { SidebarController } from "./controller";
import { DraftCard } from "./DraftCard";
import { AttentionList, AutonomyField, Notice } from "./parts";
import { StatusCard } from "./StatusCard";
import { Timeline } from "./Timeline";
import { useControllerState, useTranslation } from "./use-controller";

export function Sidebar({ controller }: { controller: SidebarController }) {
  const state = useControllerState(controller);
  const { t, locale } = useTranslation(state);
  const { view, phase } = state;
  const retry = () => void controller.refresh();

  if (phase === "starting") return <div class="spinner" role="status" aria-label={t("loading")} />;
  if (phase === "loading") {
    return (
      <p class="muted" role="status">
        {t("loading")}
      </p>
    );
  }
  if (!view) {
    const problem = state.loadError;
    return problem ? (
      <Notice problem={problem} t={t} onRetry={problem.kind === "no_ticket" ? null : retry} />
    ) : null;
  }
  const problem = state.actionError ?? state.loadError;
  return (
    <main class="sidebar" aria-busy={state.busy !== null}>
      {problem && <Notice problem={problem} t={t} onRetry={state.actionError ? null : retry} />}
      <StatusCard state={state} view={view} controller={controller} t={t} />
      {view.attention.length > 0 && (
        <AttentionList view={view} busy={state.busy !== null} controller={controller} t={t} />
      )}
      {view.pendingDraft && (
        <DraftCard
          key={view.pendingDraft.id}
          draft={view.pendingDraft}
          busy={state.busy !== null}
          controller={controller}
          t={t}
        />
      )}
      <AutonomyField value={view.autonomy} busy={state.busy !== null} controller={controller} t={t} />
      <Timeline events={view.events} locale={locale} t={t} />
    </main>
  );
}
