// A compact, newest-first list of what happened on the ticket and why.
// Shows five lines until the agent asks for all; never fetches anything.
import { useState } from "preact/hooks";
import type { TimelineEvent } from "../../common/ticket.schema";
import type { Translate } from "../i18n/i18n";
import { shortTime, timelineLines } from "./view-model";

const FIRST = 5;

export function Timeline({ events, locale, t }: { events: TimelineEvent[]; locale: string; t: Translate }) {
  const [all, setAll] = useState(false);
  const lines = timelineLines(events, t);
  const shown = all ? lines : lines.slice(0, FIRST);
  const now = new Date();
  return (
    <section aria-labelledby="ohallo-timeline">
      <h2 id="ohallo-timeline" class="heading">
        {t("timeline.title")}
      </h2>
      {lines.length === 0 ? (
        <p class="muted">{t("timeline.empty")}</p>
      ) : (
        <ol class="timeline">
          {shown.map((line) => (
            <li key={line.id} class={`by-${line.by}`}>
              <span class="what">{line.text}</span>
              <time dateTime={line.at}>{shortTime(line.at, locale, now)}</time>
              {line.reason && <span class="why">{line.reason}</span>}
            </li>
          ))}
        </ol>
      )}
      {!all && lines.length > FIRST && (
        <button type="button" class="link" onClick={() => setAll(true)}>
          {t("timeline.more", { count: lines.length })}
        </button>
      )}
    </section>
  );
}
