/**
 * Where each bar of an impact chart goes: one bar a row, split by status, drawn at build time as
 * static SVG. The SVG has no viewBox, so its text stays at the page's size on any screen: bars
 * are placed in percentages of the width, and a long label is broken into lines short enough
 * for a 320 px screen. A suppressed count is not drawn; the table beside the chart says it.
 */
import { commitmentStatuses } from "./commitment-rows.ts";
import type { CommitmentStatus, ImpactBar } from "./impact.ts";

/** In pixels, but for maxCharacters: about 30 characters of 16 px text fit a 320 px screen. */
export const chartMetrics = { textSize: 16, lineHeight: 20, maxCharacters: 30, barHeight: 24 } as const;
const labelGap = 4;
const rowGap = 16;
// The bars span 99% of the width from 0.5%, so their outlines are not cut off at either edge.
const barStart = 0.5;
const barSpan = 99;

export interface ChartSegment {
  status: CommitmentStatus;
  /** Percentages of the chart's width. */
  x: number;
  width: number;
}

export interface ChartRow {
  id: string;
  /** Baselines of the label's lines. */
  lines: { text: string; y: number }[];
  barY: number;
  segments: ChartSegment[];
}

/** Breaks a label at spaces into lines of at most `max` characters (a longer word keeps its own line). */
export function wrapLabel(label: string, max: number = chartMetrics.maxCharacters): string[] {
  const lines: string[] = [];
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

const rounded = (percent: number) => Math.round(percent * 100) / 100;

export function chartLayout(bars: ImpactBar[]): { rows: ChartRow[]; height: number } {
  const drawn = (bar: ImpactBar) => commitmentStatuses.reduce((sum, status) => sum + (bar.counts[status] ?? 0), 0);
  const longest = Math.max(1, ...bars.map(drawn));
  let top = 0;
  const rows = bars.map((bar): ChartRow => {
    const lines = wrapLabel(bar.label).map((text, index) => ({
      text,
      y: top + chartMetrics.textSize + index * chartMetrics.lineHeight,
    }));
    const barY = top + lines.length * chartMetrics.lineHeight + labelGap;
    let x = 0;
    const segments: ChartSegment[] = [];
    for (const status of commitmentStatuses) {
      const count = bar.counts[status];
      if (count === undefined) continue;
      const width = (count / longest) * barSpan;
      segments.push({ status, x: rounded(barStart + x), width: rounded(width) });
      x += width;
    }
    top = barY + chartMetrics.barHeight + rowGap;
    return { id: bar.id, lines, barY, segments };
  });
  return { rows, height: Math.max(0, top - rowGap) };
}
