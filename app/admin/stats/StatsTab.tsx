// The Statistics tab: the period, then one chart per question an admin asks (who resolves,
// why people take over, what happens after a release, how long people hold tickets, what the
// AI flags, what becomes of proposals). Parts the Worker does not send yet say so.
import type { ComponentChildren } from "preact";
import type { Stats } from "../../../common/admin.schema";
import type { Translate } from "../../i18n/i18n";
import { formatNumber } from "../i18n";
import { ErrorNotice, Loading, Unavailable } from "../parts";
import { useStore } from "../use-store";
import { BarChart, LineChart, RateRing } from "./charts";
import type { StatsController } from "./stats.controller";
import {
  ATTENTION_TYPES,
  approvalRate,
  attentionBars,
  barsFrom,
  minutesLabel,
  notYetCounted,
  proposalBars,
  RANGES,
  releaseBars,
  resolutionBars,
  seriesChart,
  sum,
  TAKEOVER_REASONS,
  takeoverBars,
} from "./stats.view-model";

interface Props {
  stats: StatsController;
  t: Translate;
  locale: string;
}

function Figure({
  id,
  title,
  note,
  children,
}: {
  id: string;
  title: string;
  note?: string;
  children: ComponentChildren;
}) {
  return (
    <figure class="card chart-card" aria-labelledby={`${id}-caption`} data-figure={id}>
      <figcaption id={`${id}-caption`}>
        <h3>{title}</h3>
        {note && <p class="muted">{note}</p>}
      </figcaption>
      {children}
    </figure>
  );
}

function Charts({ s, t, locale }: { s: Stats; t: Translate; locale: string }) {
  const n = (v: number) => formatNumber(v, locale);
  const { aiResolved, humanResolved } = s.resolutions;
  const resolved = aiResolved + humanResolved;
  const rate = approvalRate(s.proposals);
  const rateText = rate === null ? "–" : `${Math.round(rate * 100)}%`;
  const minutes = (v: number) => {
    const m = minutesLabel(v);
    return t(`stats.${m.unit}`, { value: n(m.value) });
  };
  const series = (key: string) => t(`stats.series.${key}`);
  const pending = notYetCounted(s);
  const chart = s.series && s.series.length > 0 ? seriesChart(s.series) : null;
  const retaken = s.takeovers.retakeoverRate;
  return (
    <div class="charts">
      <Figure
        id="resolutions"
        title={t("stats.resolutions")}
        note={t("stats.resolutions_note", {
          ai: n(aiResolved),
          human: n(humanResolved),
          share: resolved ? Math.round((aiResolved / resolved) * 100) : 0,
        })}
      >
        {chart ? (
          <LineChart
            id="resolutions-chart"
            title={t("stats.resolutions")}
            days={chart.days}
            keys={chart.keys}
            label={series}
            locale={locale}
          />
        ) : (
          <>
            <BarChart
              id="resolutions-chart"
              title={t("stats.resolutions")}
              bars={resolutionBars(s)}
              label={series}
              tone={(k) => `tone-${k}`}
            />
            <Unavailable t={t} what={t("stats.series_unavailable")} />
          </>
        )}
        {pending && (
          <p class="muted" data-note="pending">
            {t("stats.pending_note", {
              days: n(pending.days),
              ai: n(pending.ai),
              human: n(pending.human),
              reopened: n(pending.reopened),
            })}
          </p>
        )}
      </Figure>
      <Figure
        id="takeovers"
        title={t("stats.takeovers")}
        note={t("stats.total", { count: n(s.takeovers.total) })}
      >
        <BarChart
          id="takeovers-chart"
          title={t("stats.takeovers")}
          bars={takeoverBars(s)}
          label={(k) => (TAKEOVER_REASONS[k] ? t(TAKEOVER_REASONS[k]) : k)}
        />
      </Figure>
      <Figure id="releases" title={t("stats.releases_title")}>
        <BarChart
          id="releases-chart"
          title={t("stats.releases_title")}
          bars={releaseBars(s)}
          label={(k) => t(`stats.${k}`)}
          tone={(k) => (k === "afterRelease" ? "tone-warn" : "tone-0")}
        />
        {s.takeovers.afterRelease === undefined && (
          <Unavailable t={t} what={t("stats.after_release_unavailable")} />
        )}
        {typeof retaken === "number" && (
          <p class="muted" data-note="retakeover-rate">
            {t("stats.retakeover_rate", { rate: Math.round(retaken * 100) })}
          </p>
        )}
      </Figure>
      <Figure
        id="held"
        title={t("stats.held")}
        note={s.held ? t("stats.held_note", { count: n(s.held.count) }) : undefined}
      >
        {s.held === undefined ? (
          <Unavailable t={t} what={t("stats.held_unavailable")} />
        ) : s.held === null || s.held.count === 0 ? (
          <p class="muted">{t("stats.held_none")}</p>
        ) : (
          <BarChart
            id="held-chart"
            title={t("stats.held")}
            bars={barsFrom({ median: s.held.medianMinutes, p90: s.held.p90Minutes }, ["median", "p90"])}
            label={(k) => t(`stats.held_${k}`)}
            unit={minutes}
          />
        )}
      </Figure>
      <Figure
        id="attention"
        title={t("stats.attention")}
        note={t("stats.total", { count: n(sum(s.attention)) })}
      >
        <BarChart
          id="attention-chart"
          title={t("stats.attention")}
          bars={attentionBars(s)}
          label={(k) => ((ATTENTION_TYPES as readonly string[]).includes(k) ? t(`attention.${k}`) : k)}
          tone={() => "tone-warn"}
        />
      </Figure>
      <Figure id="proposals" title={t("stats.proposals")}>
        <div class="split">
          <BarChart
            id="proposals-chart"
            title={t("stats.proposals")}
            bars={proposalBars(s)}
            label={(k) => t(`stats.proposals_${k}`)}
            tone={(k) => `tone-${k}`}
          />
          <div class="rate">
            <RateRing id="approval-rate" title={t("stats.approval_rate")} rate={rate} text={rateText} />
            <p class="muted">{t("stats.approval_rate")}</p>
          </div>
        </div>
      </Figure>
    </div>
  );
}

export function StatsTab({ stats, t, locale }: Props) {
  const state = useStore(stats);
  return (
    <div class="stats">
      <div class="panel-head with-actions">
        <div>
          <h2>{t("tab.stats")}</h2>
          <p class="muted">{t("stats.intro")}</p>
        </div>
        <fieldset class="segmented">
          <legend class="visually-hidden">{t("stats.period")}</legend>
          {RANGES.map((days) => (
            <button
              key={days}
              type="button"
              class="btn small"
              aria-pressed={state.days === days}
              onClick={() => void stats.setDays(days)}
            >
              {t("stats.days", { count: days })}
            </button>
          ))}
        </fieldset>
      </div>
      {state.loadError && <ErrorNotice error={state.loadError} t={t} onRetry={() => void stats.load()} />}
      {state.stats ? (
        <div aria-busy={state.phase === "loading"}>
          <Charts s={state.stats} t={t} locale={locale} />
        </div>
      ) : (
        state.phase !== "failed" && <Loading t={t} />
      )}
    </div>
  );
}
