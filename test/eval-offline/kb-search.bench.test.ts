// `npm run eval:offline`: how long the KB search takes over 10,000 approved entries, per language. It reports
// (median, p95, worst) and does not assert: timings depend on the machine. Real D1/FTS5 in workerd.
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import conversations from "../../demo/conversations.json";
import kb from "../../demo/kb.json";
import { searchApprovedKb } from "../../worker/src/kb/kb.search";
import { detectLanguage } from "../../worker/src/text/language";

/** The default installation, as the Worker sees it. */
const SCOPE = { db: env.DB, installationId: "default" };

const ENTRIES = 10_000;
const ROUNDS = 5;

// Deterministic variety: each entry is a demo entry with words of other entries of its language mixed in,
// so terms have every document frequency from a handful to thousands.
function synthetic(i: number) {
  const base = kb[i % kb.length] ?? { question: "", answer: "", topics: [] };
  const lang = detectLanguage(`${base.question} ${base.answer}`);
  const same = kb.filter((e) => detectLanguage(`${e.question} ${e.answer}`) === lang);
  const donor = same[(i * 7 + 3) % same.length] ?? base;
  const words = donor.answer.split(/\s+/);
  const start = (i * 13) % Math.max(1, words.length - 6);
  const extra = words.slice(start, start + 6).join(" ");
  return {
    question: `${base.question} ${extra} v${i}`,
    answer: `${base.answer} ${extra}`,
    topics: base.topics,
  };
}

beforeAll(async () => {
  const insert = env.DB.prepare(
    "INSERT INTO kb_entries (question, answer, topics, status, created_at, updated_at) VALUES (?, ?, ?, 'approved', 0, 0)",
  );
  for (let i = 0; i < ENTRIES; i += 500) {
    const batch = Array.from({ length: Math.min(500, ENTRIES - i) }, (_, k) => synthetic(i + k));
    await env.DB.batch(batch.map((e) => insert.bind(e.question, e.answer, JSON.stringify(e.topics))));
  }
}, 120_000);

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};

it(`KB top-5 over ${ENTRIES} entries: median, p95 and worst per language`, {
  timeout: 5 * 60_000,
}, async () => {
  const messages = [
    ...conversations.map((c) => ({ language: c.language, text: c.message })),
    { language: "worst", text: "ab cd ef gh ij kl mn op qr st uv wx yz ".repeat(40) },
    { language: "worst", text: `${"order delivery return warranty payment invoice ".repeat(400)}` },
    { language: "worst", text: "Bestellung Lieferung Rücksendung Garantie Rechnung Zahlung ".repeat(300) },
  ];
  const times = new Map<string, number[]>();
  for (let r = 0; r < ROUNDS; r++) {
    for (const m of messages) {
      const start = performance.now();
      const found = await searchApprovedKb(SCOPE, m.text, { language: detectLanguage(m.text), limit: 5 });
      const ms = performance.now() - start;
      expect(found.length).toBeLessThanOrEqual(5);
      times.set(m.language, [...(times.get(m.language) ?? []), ms]);
    }
  }
  const lines = [...times].map(
    ([lang, ts]) =>
      `| ${lang} | ${ts.length} | ${quantile(ts, 0.5).toFixed(2)} | ${quantile(ts, 0.95).toFixed(2)} | ${Math.max(...ts).toFixed(2)} |`,
  );
  console.info(
    [
      `KB search, top 5 of ${ENTRIES} approved entries (ms, workerd + local D1, ${ROUNDS} rounds; the clock in`,
      "workerd advances only on I/O, so each figure is a whole D1 round trip)",
      "",
      "| language | searches | median | p95 | worst |",
      "|---|---|---|---|---|",
      ...lines,
    ].join("\n"),
  );
});
