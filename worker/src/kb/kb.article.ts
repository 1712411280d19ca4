// A KB entry as a help-center article: the question as its title, the topics as its labels, and the
// answer (plain text, as agents wrote it) as HTML: paragraphs at blank lines, <br> at line breaks, and
// http(s) links made clickable. Everything else is escaped, so no text in an answer ever becomes markup.
// Pure: no I/O.
import type { KbEntry } from "../../../common/api.schema";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** `[text](https://…)` as Markdown writes a link, or a bare http(s) URL. */
const LINK = /\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)|https?:\/\/[^\s<>"]+/gi;

/** A URL we are willing to link: http(s) only, parseable. */
function safeUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === "http:" || url.protocol === "https:" ? raw : null;
  } catch {
    return null;
  }
}

/** Sentence punctuation after a bare URL is the sentence's, and so is a ")" the URL did not open. */
function trimUrl(raw: string): { url: string; rest: string } {
  let url = raw.replace(/[.,;:!?'"]+$/, "");
  while (url.endsWith(")") && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) {
    url = url.slice(0, -1).replace(/[.,;:!?'"]+$/, "");
  }
  return { url, rest: raw.slice(url.length) };
}

const anchor = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;

/** One line: text escaped, links made anchors. */
function inline(line: string): string {
  let out = "";
  let at = 0;
  for (const m of line.matchAll(LINK)) {
    const index = m.index ?? 0;
    out += escapeHtml(line.slice(at, index));
    at = index + m[0].length;
    const [whole, label, target] = m;
    if (label !== undefined && target !== undefined) {
      const href = safeUrl(target);
      out += href ? anchor(href, label) : escapeHtml(whole);
      continue;
    }
    const { url, rest } = trimUrl(whole);
    const href = safeUrl(url);
    out += (href ? anchor(href, url) : escapeHtml(url)) + escapeHtml(rest);
  }
  return out + escapeHtml(line.slice(at));
}

export function answerHtml(answer: string): string {
  const paragraphs = answer
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  return paragraphs.map((p) => `<p>${p.split("\n").map(inline).join("<br>")}</p>`).join("\n");
}

/** Topics as labels: trimmed, each once (case aside), in the entry's order. */
export function labelsOf(topics: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const topic of topics) {
    const label = topic.trim();
    const key = label.toLowerCase();
    if (label === "" || seen.has(key)) continue;
    seen.add(key);
    out.push(label);
  }
  return out;
}

export function articleFrom(entry: Pick<KbEntry, "question" | "answer" | "topics">) {
  return {
    title: entry.question.replace(/\s+/g, " ").trim(),
    bodyHtml: answerHtml(entry.answer),
    labels: labelsOf(entry.topics),
  };
}
