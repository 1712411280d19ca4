// A reply the AI holds for approval: approve and send it, edit it first, or discard it.
// Must never send anything itself; the controller does, with the edited body if any.
import { useState } from "preact/hooks";
import type { TicketView } from "../../common/ticket.schema";
import type { Translate } from "../i18n/i18n";
import type { SidebarController } from "./controller";

type Draft = NonNullable<TicketView["pendingDraft"]>;

interface Props {
  draft: Draft;
  busy: boolean;
  controller: SidebarController;
  t: Translate;
}

export function DraftCard({ draft, busy, controller, t }: Props) {
  const [edited, setEdited] = useState<string | null>(null);
  const editing = edited !== null;
  const empty = editing && edited.trim() === "";
  return (
    <section class="card draft" aria-labelledby="ohallo-draft">
      <h2 id="ohallo-draft">{t("draft.title")}</h2>
      {editing ? (
        <label class="field">
          <span class="label">{t("draft.edit_label")}</span>
          <textarea
            rows={8}
            value={edited}
            disabled={busy}
            onInput={(e) => setEdited((e.currentTarget as HTMLTextAreaElement).value)}
          />
        </label>
      ) : (
        <p class="draft-body">{draft.body}</p>
      )}
      <div class="actions">
        <button
          type="button"
          class="btn primary"
          disabled={busy || empty}
          onClick={() => controller.approveDraft(editing ? edited : undefined)}
        >
          {t("draft.approve")}
        </button>
        {editing ? (
          <button type="button" class="btn" disabled={busy} onClick={() => setEdited(null)}>
            {t("action.cancel")}
          </button>
        ) : (
          <button type="button" class="btn" disabled={busy} onClick={() => setEdited(draft.body)}>
            {t("draft.edit")}
          </button>
        )}
        <button
          type="button"
          class="btn danger-basic"
          disabled={busy}
          onClick={() => controller.discardDraft()}
        >
          {t("draft.discard")}
        </button>
      </div>
    </section>
  );
}
