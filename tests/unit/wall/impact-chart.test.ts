/** Where the impact charts' bars and labels go. */
import { describe, expect, it } from "vitest";
import type { ImpactBar, StatusCounts } from "../../../src/wall/impact.ts";
import { chartLayout, chartMetrics, wrapLabel } from "../../../src/wall/impact-chart.ts";

const none: StatusCounts = { planned: undefined, started: undefined, done: undefined, dropped: undefined };
const bar = (id: string, counts: Partial<StatusCounts>, label = id): ImpactBar => ({
  id,
  label,
  counts: { ...none, ...counts },
});

describe("an impact chart's layout", () => {
  it("splits each bar by status in order, the longest bar filling the width but for its outline", () => {
    const { rows } = chartLayout([
      bar("a", { planned: 30, started: 10, done: 40, dropped: 20 }),
      bar("b", { done: 50 }),
    ]);
    expect(rows[0]?.segments).toEqual([
      { status: "planned", x: 0.5, width: 29.7 },
      { status: "started", x: 30.2, width: 9.9 },
      { status: "done", x: 40.1, width: 39.6 },
      { status: "dropped", x: 79.7, width: 19.8 },
    ]);
    const last = rows[0]?.segments.at(-1);
    expect((last?.x ?? 0) + (last?.width ?? 0)).toBeCloseTo(99.5);
    expect(rows[1]?.segments).toEqual([{ status: "done", x: 0.5, width: 49.5 }]);
  });

  it("draws nothing for a suppressed count, so no bar hints at a number under 5", () => {
    const { rows } = chartLayout([bar("a", { planned: 10, done: 10 }), bar("b", {})]);
    expect(rows[0]?.segments.map((segment) => segment.status)).toEqual(["planned", "done"]);
    expect(rows[1]?.segments).toEqual([]);
  });

  it("puts each row's label above its bar and the rows one under another", () => {
    const { rows, height } = chartLayout([
      bar("a", { done: 5 }, "Investing in local charities to provide wellbeing training for your staff"),
      bar("b", { done: 5 }, "Bedwell"),
    ]);
    const [first, second] = rows;
    expect(first?.lines.length).toBeGreaterThan(1);
    expect(first?.barY).toBeGreaterThan(first?.lines.at(-1)?.y ?? Number.POSITIVE_INFINITY);
    expect(second?.lines[0]?.y).toBeGreaterThan((first?.barY ?? 0) + chartMetrics.barHeight);
    expect(height).toBe((second?.barY ?? 0) + chartMetrics.barHeight);
  });
});

describe("a chart's label", () => {
  it("breaks at spaces into lines that fit a small screen", () => {
    const lines = wrapLabel("Pooling budgets and involving local people in how they are spent");
    expect(lines.join(" ")).toBe("Pooling budgets and involving local people in how they are spent");
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(chartMetrics.maxCharacters);
  });

  it("keeps a word longer than a line whole, on its own line", () => {
    expect(wrapLabel("a verylongwordindeed b", 6)).toEqual(["a", "verylongwordindeed", "b"]);
  });
});
