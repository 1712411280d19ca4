import { it } from "vitest";
import kb from "../../../demo/kb.json";
import { judge } from "../../../worker/src/kb/kb.gate";
import { rankCandidates } from "../../../worker/src/kb/kb.rank";
import { detectLanguage } from "../../../worker/src/text/language";
import { textFeatures } from "../../../worker/src/text/features";
const pool = kb.map((e, i) => ({
  id: i + 1,
  question: e.question,
  answer: e.answer,
  topics: e.topics,
  language: detectLanguage(`${e.question} ${e.answer}`),
  score: 1,
  questionScore: 0,
}));
it("debug", () => {
  for (const text of (process.env.DEBUG_TEXTS ?? "").split("|")) {
    const lang = detectLanguage(text);
    const r = rankCandidates(text, lang, pool);
    const j = judge(r);
    console.log(
      text,
      lang,
      JSON.stringify(textFeatures(text, lang).concepts),
      j.kind,
      j.kind === "refuse" ? j.why : j.best.entry.id,
    );
    for (const c of r.slice(0, 3))
      console.log(
        "  ",
        c.entry.id,
        c.score.toFixed(1),
        c.questionCoverage.toFixed(2),
        [...c.evidence.keys()].join(","),
        "unexpl",
        c.unexplainedConcepts.join(","),
        "frames",
        c.unansweredFrames.join(","),
        "other",
        JSON.stringify(c.otherThing),
      );
  }
});
