// The Pending review tab: every proposal waiting, oldest first, or why there is none.
// Presentation only: state from the ReviewController, actions back to it.
import type { Translate } from "../../i18n/i18n";
import type { AdminController } from "../admin.controller";
import { Empty, ErrorNotice, Loading, StatusLine } from "../parts";
import { useStore } from "../use-store";
import type { ReviewController } from "./review.controller";
import { ProposalCard } from "./ProposalCard";

interface Props {
  review: ReviewController;
  admin: AdminController;
  t: Translate;
  locale: string;
}

export function ReviewTab({ review, admin, t }: Props) {
  const state = useStore(review);
  const retry = () => void review.load();
  if (state.phase === "idle" || state.phase === "loading") return <Loading t={t} />;
  if (state.phase === "failed" && state.loadError)
    return <ErrorNotice error={state.loadError} t={t} onRetry={retry} />;
  const said = state.announcement ? t(`review.done.${state.announcement.action}`) : null;
  return (
    <div class="review">
      <div class="panel-head">
        <h2>{t("review.title")}</h2>
        <p class="muted">{t("review.intro")}</p>
      </div>
      {state.loadError && <ErrorNotice error={state.loadError} t={t} onRetry={retry} />}
      <StatusLine text={said} />
      {state.proposals.length === 0 ? (
        <Empty title={t("review.empty")}>{t("review.empty_hint")}</Empty>
      ) : (
        <ul class="proposals">
          {state.proposals.map((p) => (
            <li key={p.key}>
              <ProposalCard p={p} state={state} review={review} admin={admin} t={t} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
