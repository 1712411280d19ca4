// The Connection tab: the Zendesk account this Worker serves, whether each part works, and
// Connect, Export data and Disconnect (after a question). Says so when the Worker does not
// report its installation yet. Presentation only: the ConnectionController acts.
import type { Translate } from "../../i18n/i18n";
import { ErrorNotice, Loading, StatusLine, Unavailable } from "../parts";
import { useStore } from "../use-store";
import type { ConnectionController } from "./connection.controller";

export function ConnectionTab({ connection, t }: { connection: ConnectionController; t: Translate }) {
  const s = useStore(connection);
  if (s.phase === "idle" || s.phase === "loading") return <Loading t={t} />;
  const inst = s.installation;
  const subdomain = connection.subdomain;
  const busy = s.busy !== null;
  const connected = inst?.connected ?? false;
  return (
    <div class="connection">
      <div class="panel-head">
        <h2>{t("tab.connection")}</h2>
        <p class="muted">{t("connection.intro")}</p>
      </div>
      {s.phase === "failed" && s.loadError && (
        <ErrorNotice error={s.loadError} t={t} onRetry={() => void connection.load()} />
      )}
      {s.phase === "unavailable" && <Unavailable t={t} what={t("connection.unavailable")} />}
      <section class="card account" aria-labelledby="account-title">
        <div class="state">
          {inst && (
            <span class={`tag ${connected ? "tag-open" : "tag-off"}`}>
              {t(connected ? "connection.connected" : "connection.not_connected")}
            </span>
          )}
          <h3 id="account-title">
            {subdomain ? t("connection.account", { subdomain }) : t("connection.no_account")}
          </h3>
        </div>
        {inst && inst.checks.length > 0 && (
          <ul class="checks" aria-label={t("connection.checks")}>
            {inst.checks.map((c) => (
              <li key={c.name} class={c.ok ? "ok" : "bad"} data-check={c.name}>
                <span class="mark" aria-hidden="true">
                  {c.ok ? "✓" : "✕"}
                </span>
                <span>
                  <strong>{c.name}</strong>{" "}
                  <span class="visually-hidden">{t(c.ok ? "connection.ok" : "connection.not_ok")}</span>
                  {c.detail && <span class="muted"> {c.detail}</span>}
                </span>
              </li>
            ))}
          </ul>
        )}
        {s.confirmDisconnect ? (
          <fieldset class="question">
            <legend>{t("connection.confirm_disconnect")}</legend>
            <div class="actions">
              <button
                type="button"
                class={`btn danger${s.busy === "disconnect" ? " working" : ""}`}
                disabled={busy}
                onClick={() => void connection.disconnect()}
              >
                {t("connection.disconnect")}
              </button>
              <button type="button" class="btn" disabled={busy} onClick={() => connection.cancelDisconnect()}>
                {t("action.cancel")}
              </button>
            </div>
          </fieldset>
        ) : (
          <div class="actions">
            <button
              type="button"
              class={`btn${connected ? "" : " primary"}`}
              disabled={busy || !connection.connectUrl}
              onClick={() => connection.connect()}
            >
              {t(connected ? "connection.reconnect" : "connection.connect")}
            </button>
            <button
              type="button"
              class={`btn${s.busy === "export" ? " working" : ""}`}
              disabled={busy || s.phase === "unavailable"}
              onClick={() => void connection.exportData()}
            >
              {t("connection.export")}
            </button>
            {connected && (
              <button
                type="button"
                class="btn danger-basic"
                disabled={busy}
                onClick={() => connection.askDisconnect()}
              >
                {t("connection.disconnect")}
              </button>
            )}
          </div>
        )}
        {s.failure && <ErrorNotice error={s.failure} t={t} />}
        <StatusLine text={s.announcement ? t(`connection.done.${s.announcement}`) : null} />
      </section>
    </div>
  );
}
