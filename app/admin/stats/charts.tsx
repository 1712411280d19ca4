// Hand-drawn SVG charts (smaller than any chart library): lines over days, horizontal bars and
// a ring for a rate. They draw what stats.view-model.ts computed; each has a title for screen
// readers and every mark a <title> with its value.
import { useEffect, useRef, useState } from "preact/hooks";
import type { StatsDay } from "../../../common/admin.schema";
import { type Bar, lineChart, type SeriesKey } from "./stats.view-model";

const shortDay = (date: string, locale: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime())
    ? date
    : d.toLocaleDateString(locale, { day: "numeric", month: "short", timeZone: "UTC" });
};

interface LineProps {
  id: string;
  title: string;
  days: readonly StatsDay[];
  keys: readonly SeriesKey[];
  label: (key: SeriesKey) => string;
  locale: string;
}

/** The element's width in CSS pixels, kept up to date: the line chart is drawn at that width. */
function useWidth(fallback: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(Math.max(280, Math.round(el.clientWidth))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

export function LineChart({ id, title, days, keys, label, locale }: LineProps) {
  const [ref, width] = useWidth(640);
  const model = lineChart(days, keys, width);
  const { plot } = model;
  return (
    <div ref={ref}>
      <svg
        class="chart line-chart"
        viewBox={`0 0 ${model.width} ${model.height}`}
        role="img"
        aria-labelledby={`${id}-title`}
        data-chart={id}
      >
        <title id={`${id}-title`}>{title}</title>
        {model.yTicks.map((tick) => (
          <g key={tick.value} class="tick">
            <line class="grid" x1={plot.left} x2={plot.right} y1={tick.y} y2={tick.y} />
            <text class="axis" x={plot.left - 6} y={tick.y + 4} text-anchor="end">
              {Number.isInteger(tick.value) ? tick.value : tick.value.toFixed(1)}
            </text>
          </g>
        ))}
        {model.xLabels.map((l) => (
          <text key={l.date} class="axis" x={l.x} y={model.height - 8} text-anchor="middle">
            {shortDay(l.date, locale)}
          </text>
        ))}
        {model.lines.map((line) => (
          <g key={line.key} class={`series s-${line.key}`} data-series={line.key}>
            <path d={line.d} />
            {line.points.map((p) => (
              <circle key={p.date} cx={p.x} cy={p.y} r={3} data-value={p.value}>
                <title>{`${label(line.key)}, ${shortDay(p.date, locale)}: ${p.value}`}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      <ul class="legend">
        {model.lines.map((line) => (
          <li key={line.key}>
            <span class={`swatch s-${line.key}`} aria-hidden="true" />
            {label(line.key)}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface BarProps {
  id: string;
  title: string;
  bars: readonly Bar[];
  label: (key: string) => string;
  /** Colour classes by bar key (default: one colour). */
  tone?: (key: string) => string;
  unit?: (value: number) => string;
}

const ROW = 40;
/** Bars use at most this share of the width; the rest holds the value. */
const SPAN = 88;

/** Lengths in percent of the chart's width, so the text keeps its size at any width. */
export function BarChart({ id, title, bars, label, tone, unit }: BarProps) {
  const height = Math.max(ROW, bars.length * ROW);
  const valueText = (v: number) => (unit ? unit(v) : String(v));
  return (
    <svg
      class="chart bar-chart"
      width="100%"
      height={height}
      role="img"
      aria-labelledby={`${id}-title`}
      data-chart={id}
    >
      <title id={`${id}-title`}>{title}</title>
      {bars.map((bar, i) => {
        const y = i * ROW;
        const width = Math.round(bar.share * SPAN * 10) / 10;
        return (
          <g
            key={bar.key}
            class={`bar ${tone ? tone(bar.key) : "tone-0"}`}
            data-key={bar.key}
            data-value={bar.value}
          >
            <text class="bar-label" x={0} y={y + 13}>
              {label(bar.key)}
            </text>
            <rect class="track" x={0} y={y + 19} width={`${SPAN}%`} height={12} rx={2} />
            <rect class="fill" x={0} y={y + 19} width={`${width}%`} height={12} rx={2}>
              <title>{`${label(bar.key)}: ${valueText(bar.value)}`}</title>
            </rect>
            <text class="bar-value" x={`${width + 1}%`} y={y + 29}>
              {valueText(bar.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function RateRing({
  id,
  title,
  rate,
  text,
}: {
  id: string;
  title: string;
  rate: number | null;
  text: string;
}) {
  const r = 40;
  const circumference = 2 * Math.PI * r;
  const filled = rate === null ? 0 : Math.min(1, Math.max(0, rate)) * circumference;
  return (
    <svg
      class="chart rate-ring"
      viewBox="0 0 100 100"
      role="img"
      aria-labelledby={`${id}-title`}
      data-chart={id}
      data-value={rate ?? ""}
    >
      <title id={`${id}-title`}>{`${title}: ${text}`}</title>
      <circle class="track" cx={50} cy={50} r={r} />
      <circle
        class="fill"
        cx={50}
        cy={50}
        r={r}
        stroke-dasharray={`${filled} ${circumference}`}
        transform="rotate(-90 50 50)"
      />
      <text x={50} y={55} text-anchor="middle" class="rate-text">
        {text}
      </text>
    </svg>
  );
}
