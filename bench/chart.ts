// Hand-drawn SVG bar charts for docs/benchmarks/ (no library): one bar per figure, its goal as a red
// tick and its same-run baseline as a grey bar under it. Pure: figures in, SVG text out.

export interface Bar {
  label: string;
  value: number;
  /** Same-run baseline, drawn as a thin grey bar under the value. */
  baseline?: number;
  /** The goal, drawn as a red tick; a bar past it is drawn orange. */
  goal?: number;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const fmt = (n: number) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : "–");

/** A horizontal bar chart, `unit` after each value; lower is better unless `higherIsBetter`. */
export function barChart(title: string, unit: string, bars: Bar[], higherIsBetter = false): string {
  const labelW = 260;
  const plotW = 360;
  const rowH = 30;
  const top = 34;
  const height = top + bars.length * rowH + 28;
  const finite = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n : 0);
  const max = Math.max(1e-9, ...bars.flatMap((b) => [finite(b.value), finite(b.baseline), finite(b.goal)]));
  const x = (v: number) => labelW + (finite(v) / max) * plotW;
  const rows = bars.map((b, i) => {
    const y = top + i * rowH;
    const missed =
      b.goal !== undefined && (higherIsBetter ? finite(b.value) < b.goal : finite(b.value) > b.goal);
    const parts = [
      `<text x="${labelW - 8}" y="${y + 14}" text-anchor="end">${esc(b.label)}</text>`,
      `<rect x="${labelW}" y="${y + 2}" width="${(x(b.value) - labelW).toFixed(1)}" height="14" fill="${missed ? "#e8833a" : "#3a7ee8"}"/>`,
      `<text x="${(x(b.value) + 4).toFixed(1)}" y="${y + 14}">${esc(`${fmt(b.value)} ${unit}`)}</text>`,
    ];
    if (b.baseline !== undefined)
      parts.push(
        `<rect x="${labelW}" y="${y + 18}" width="${(x(b.baseline) - labelW).toFixed(1)}" height="5" fill="#9a9a9a"/>`,
      );
    if (b.goal !== undefined)
      parts.push(
        `<line x1="${x(b.goal).toFixed(1)}" x2="${x(b.goal).toFixed(1)}" y1="${y}" y2="${y + 25}" stroke="#c62828" stroke-width="2"/>`,
      );
    return parts.join("");
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${labelW + plotW + 90}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<title>${esc(title)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="8" y="20" font-weight="bold">${esc(title)}</text>`,
    ...rows,
    `<text x="8" y="${height - 8}" fill="#555">blue: measured (orange: goal missed) · grey: same-run baseline · red tick: goal</text>`,
    "</svg>",
    "",
  ].join("\n");
}
