// A part's result: its figures as lines for the console and docs/reliability.md, and what broke.

export interface PartReport {
  name: string;
  durationMs: number;
  /** Human-readable figures, one per line. */
  lines: string[];
  /** Each broken promise, with its smallest example. Empty: the part passed. */
  failures: string[];
  /** The story of a few failing tickets (explain() in observe.ts). */
  evidence?: string[];
}

export function formatCounts(counts: Readonly<Record<string, number>>): string {
  const entries = Object.entries(counts).filter(([, n]) => n > 0);
  return entries.length ? entries.map(([k, n]) => `${k} ${n}`).join(", ") : "none";
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function printReport(part: PartReport, out: (line: string) => void): void {
  const verdict = part.failures.length === 0 ? "PASS" : "FAIL";
  out(`\n== ${part.name}: ${verdict} (${seconds(part.durationMs)})`);
  for (const line of part.lines) out(`   ${line}`);
  for (const f of part.failures) out(`   ✗ ${f}`);
  if (part.evidence?.length) out(`   evidence:\n${part.evidence.map((l) => `     ${l}`).join("\n")}`);
}
