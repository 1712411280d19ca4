// The Knowledge base and Policies tabs: create and import, search and filters, the list with
// its row actions, and the pager. Presentation only: the EntriesController holds the state.
import { useState } from "preact/hooks";
import type { Translate } from "../../i18n/i18n";
import { ImportPanel } from "../import/ImportPanel";
import type { ImportController } from "../import/import.controller";
import { Empty, ErrorNotice, Loading, Pager, StatusLine } from "../parts";
import { useStore } from "../use-store";
import { ENTRY_STATUSES } from "./entry-form";
import type { EntriesController, EntriesState } from "./entries.controller";
import { type AnyEntry, statusFilter, topicsOf } from "./entries.view-model";
import { EntryForm } from "./EntryForm";
import { EntryRow } from "./EntryRow";

interface Props {
  entries: EntriesController<AnyEntry>;
  importer: ImportController;
  t: Translate;
  locale: string;
}

function Filters({
  entries,
  state,
  t,
}: {
  entries: EntriesController<AnyEntry>;
  state: EntriesState<AnyEntry>;
  t: Translate;
}) {
  const k = entries.kind;
  const value = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;
  return (
    <form class="filters" aria-label={t(`${k}.filters`)} onSubmit={(e) => e.preventDefault()}>
      <div class="field grow">
        <label class="label" for={`${k}-q`}>
          {t("filter.search")}
        </label>
        <input
          id={`${k}-q`}
          type="search"
          value={state.filters.q}
          placeholder={t(`${k}.search_placeholder`)}
          onInput={(e) => void entries.setFilter({ q: value(e) })}
        />
      </div>
      <div class="field">
        <label class="label" for={`${k}-status`}>
          {t("field.status")}
        </label>
        <select
          id={`${k}-status`}
          value={state.filters.status}
          onChange={(e) => void entries.setFilter({ status: statusFilter(value(e)) })}
        >
          <option value="">{t("filter.all")}</option>
          {ENTRY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label class="label" for={`${k}-topic`}>
          {t("filter.topic")}
        </label>
        <input
          id={`${k}-topic`}
          type="text"
          list={`${k}-topics`}
          value={state.filters.topic}
          placeholder={t("filter.any_topic")}
          onChange={(e) => void entries.setFilter({ topic: value(e) })}
        />
        <datalist id={`${k}-topics`}>
          {topicsOf(state.items).map((x) => (
            <option key={x} value={x} />
          ))}
        </datalist>
      </div>
    </form>
  );
}

function List({
  entries,
  state,
  t,
  locale,
}: {
  entries: EntriesController<AnyEntry>;
  state: EntriesState<AnyEntry>;
  t: Translate;
  locale: string;
}) {
  const k = entries.kind;
  const filtered = Boolean(state.filters.q || state.filters.status || state.filters.topic);
  if (state.phase === "idle" || state.phase === "loading") return <Loading t={t} />;
  if (state.phase === "failed" && state.loadError)
    return <ErrorNotice error={state.loadError} t={t} onRetry={() => void entries.load()} />;
  if (state.items.length === 0)
    return (
      <Empty title={t(filtered ? "entries.none_match" : `${k}.empty`)}>
        {filtered ? null : t(`${k}.empty_hint`)}
      </Empty>
    );
  return (
    <div class="table-scroll">
      <table class="entries-table">
        <caption class="visually-hidden">{t(`tab.${k === "kb" ? "kb" : "policies"}`)}</caption>
        <thead>
          <tr>
            <th scope="col">{t(k === "kb" ? "field.question" : "field.topic")}</th>
            <th scope="col">{t(k === "kb" ? "field.topics" : "field.action")}</th>
            <th scope="col">{t("field.status")}</th>
            <th scope="col">{t("field.source")}</th>
            {k === "kb" && <th scope="col">{t("field.used")}</th>}
            <th scope="col">{t("field.updated")}</th>
            <th scope="col">
              <span class="visually-hidden">{t("field.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {state.items.map((e) => (
            <EntryRow key={e.id} e={e} entries={entries} state={state} t={t} locale={locale} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function EntriesTab({ entries, importer, t, locale }: Props) {
  const state = useStore(entries);
  const [importing, setImporting] = useState(false);
  const k = entries.kind;
  return (
    <div class="entries">
      <div class="panel-head with-actions">
        <div>
          <h2>{t(`tab.${k === "kb" ? "kb" : "policies"}`)}</h2>
          <p class="muted">{t(`${k}.intro`)}</p>
        </div>
        <div class="actions">
          <button
            type="button"
            class="btn primary"
            disabled={state.form !== null}
            onClick={() => entries.openCreate()}
          >
            {t(`${k}.new`)}
          </button>
          <button
            type="button"
            class="btn"
            aria-expanded={importing}
            onClick={() => setImporting(!importing)}
          >
            {t("import.open")}
          </button>
        </div>
      </div>
      {importing && <ImportPanel importer={importer} kind={k} t={t} onClose={() => setImporting(false)} />}
      <EntryForm entries={entries} state={state} t={t} />
      <Filters entries={entries} state={state} t={t} />
      {state.loadError && state.phase === "ready" && (
        <ErrorNotice error={state.loadError} t={t} onRetry={() => void entries.load()} />
      )}
      <StatusLine text={state.announcement ? t(`entries.done.${state.announcement}`) : null} />
      <List entries={entries} state={state} t={t} locale={locale} />
      <Pager
        offset={state.offset}
        count={state.items.length}
        total={state.total}
        t={t}
        busy={state.phase === "loading"}
        onPage={(d) => void entries.page(d)}
      />
    </div>
  );
}
