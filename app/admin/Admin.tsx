// The nav_bar location: the header, the six tabs (WAI-ARIA tabs: arrow keys, Home, End) and
// the selected tab's panel. Must never call the Worker or ZAF itself: the controllers do.
import type { AdminController, Parts, Tab } from "./admin.controller";
import { nextTab, TABS } from "./admin.controller";
import { ConnectionTab } from "./connection/ConnectionTab";
import { EntriesTab } from "./entries/EntriesTab";
import { useAdminTranslation } from "./i18n";
import { ReviewTab } from "./review/ReviewTab";
import { SettingsTab } from "./settings/SettingsTab";
import { StatsTab } from "./stats/StatsTab";
import { useStore } from "./use-store";
import type { Translate } from "../i18n/i18n";

function ReviewCount({ parts, t }: { parts: Parts; t: Translate }) {
  const { count } = useStore(parts.review);
  if (count === null) return null;
  return (
    <>
      <span class={count > 0 ? "count" : "count zero"} aria-hidden="true" data-count={count}>
        {count}
      </span>
      <span id="tab-review-count" hidden>
        {t("review.count", { count })}
      </span>
    </>
  );
}

function Panel({ tab, controller, parts, t, locale }: PanelProps) {
  switch (tab) {
    case "review":
      return <ReviewTab review={parts.review} admin={controller} t={t} locale={locale} />;
    case "kb":
      return <EntriesTab entries={parts.kb} importer={parts.kbImport} t={t} locale={locale} />;
    case "policies":
      return <EntriesTab entries={parts.policies} importer={parts.policyImport} t={t} locale={locale} />;
    case "stats":
      return <StatsTab stats={parts.stats} t={t} locale={locale} />;
    case "settings":
      return <SettingsTab settings={parts.settings} t={t} />;
    case "connection":
      return <ConnectionTab connection={parts.connection} t={t} />;
  }
}

interface PanelProps {
  tab: Tab;
  controller: AdminController;
  parts: Parts;
  t: Translate;
  locale: string;
}

export function Admin({ controller }: { controller: AdminController }) {
  const state = useStore(controller);
  const t = useAdminTranslation(state.locale, state.strings);
  const locale = state.locale;
  const parts = controller.parts;
  if (state.phase === "starting" || !parts)
    return <div class="spinner" role="status" aria-label={t("loading")} />;

  const onKeyDown = (e: KeyboardEvent) => {
    const next = nextTab(state.tab, e.key);
    if (!next) return;
    e.preventDefault();
    void controller.select(next);
    document.getElementById(`tab-${next}`)?.focus();
  };

  return (
    <div class="admin">
      <header class="admin-head">
        <h1>{t("title")}</h1>
        <p class="muted">{t("subtitle")}</p>
      </header>
      <div class="tabs" role="tablist" aria-label={t("tabs.label")} onKeyDown={onKeyDown}>
        {TABS.map((tab) => {
          const selected = tab === state.tab;
          return (
            <button
              key={tab}
              type="button"
              role="tab"
              id={`tab-${tab}`}
              class="tab"
              aria-selected={selected}
              aria-controls={`panel-${tab}`}
              aria-labelledby={`tab-${tab}-label`}
              aria-describedby={tab === "review" ? "tab-review-count" : undefined}
              tabIndex={selected ? 0 : -1}
              onClick={() => void controller.select(tab)}
            >
              <span id={`tab-${tab}-label`}>{t(`tab.${tab}`)}</span>
              {tab === "review" && <ReviewCount parts={parts} t={t} />}
            </button>
          );
        })}
      </div>
      {TABS.map((tab) => (
        <section
          key={tab}
          id={`panel-${tab}`}
          class="panel"
          role="tabpanel"
          aria-labelledby={`tab-${tab}`}
          hidden={tab !== state.tab}
        >
          {tab === state.tab && (
            <Panel tab={tab} controller={controller} parts={parts} t={t} locale={locale} />
          )}
        </section>
      ))}
    </div>
  );
}
