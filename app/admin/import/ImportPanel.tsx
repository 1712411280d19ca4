// Import from a CSV or JSON file: choose it, see how many rows it holds, import with a
// progress bar, then the refused rows by number. Presentation only: the ImportController works.
import type { Translate } from "../../i18n/i18n";
import { ErrorNotice } from "../parts";
import { useStore } from "../use-store";
import type { ImportController } from "./import.controller";

interface Props {
  importer: ImportController;
  kind: "kb" | "policy";
  t: Translate;
  onClose: () => void;
}

const MAX_LISTED = 200;

export function ImportPanel({ importer, kind, t, onClose }: Props) {
  const s = useStore(importer);
  const running = s.phase === "running";
  const started = running || s.phase === "done" || s.phase === "failed";
  const percent = s.total ? Math.round((s.sent / s.total) * 100) : 0;
  const onFile = async (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (file) importer.choose(file.name, await file.text());
  };
  return (
    <section class="card import" aria-labelledby="import-title">
      <h3 id="import-title">{t(`import.title.${kind}`)}</h3>
      <p class="hint">{t(`import.help.${kind}`)}</p>
      <div class="field">
        <label class="label" for="import-file">
          {t("import.file")}
        </label>
        <input
          id="import-file"
          type="file"
          accept=".csv,.tsv,.txt,.json,text/csv,application/json"
          disabled={running}
          onChange={onFile}
        />
      </div>
      {s.fileError && (
        <p class="field-error" role="alert">
          {t(s.fileError.key, s.fileError.params)}
        </p>
      )}
      {s.phase === "ready" && <p>{t("import.ready", { count: s.total, file: s.fileName ?? "" })}</p>}
      {started && (
        <div class="progress">
          <div
            class="progress-track"
            role="progressbar"
            aria-labelledby="import-progress-label"
            aria-valuemin={0}
            aria-valuemax={s.total}
            aria-valuenow={s.sent}
            aria-valuetext={t("import.progress", { sent: s.sent, total: s.total })}
          >
            <div class="progress-bar" style={{ width: `${percent}%` }} />
          </div>
          <p id="import-progress-label" class="muted">
            {t("import.progress", { sent: s.sent, total: s.total })}
          </p>
        </div>
      )}
      <p role="status" class="import-result">
        {s.phase === "done" && t("import.done", { imported: s.imported, refused: s.errors.length })}
      </p>
      {s.phase === "failed" && s.failure && (
        <>
          <ErrorNotice error={s.failure} t={t} />
          <p>{t("import.stopped", { sent: s.sent, imported: s.imported })}</p>
        </>
      )}
      {s.errors.length > 0 && (
        <div class="table-scroll">
          <table class="import-errors">
            <caption>{t("import.errors_title", { count: s.errors.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("import.row")}</th>
                <th scope="col">{t("import.problem")}</th>
              </tr>
            </thead>
            <tbody>
              {s.errors.slice(0, MAX_LISTED).map((e) => (
                <tr key={e.row} data-row={e.row}>
                  <td class="num">{e.row}</td>
                  <td>{e.error}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {s.errors.length > MAX_LISTED && (
            <p class="muted">{t("import.more", { count: s.errors.length - MAX_LISTED })}</p>
          )}
        </div>
      )}
      <div class="actions">
        {s.phase === "ready" && (
          <button type="button" class="btn primary" onClick={() => void importer.run()}>
            {t("import.start", { count: s.total })}
          </button>
        )}
        <button
          type="button"
          class="btn"
          disabled={running}
          onClick={() => {
            importer.reset();
            onClose();
          }}
        >
          {t("action.close")}
        </button>
      </div>
    </section>
  );
}
