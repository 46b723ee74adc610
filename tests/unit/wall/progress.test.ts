import { describe, expect, it } from "vitest";
import { type ProgressCount, progressOf } from "../../../src/wall/progress.ts";

const count = (measure: ProgressCount["measure"], category: string | null, pledges: number): ProgressCount => ({
  measure,
  category,
  pledges,
});

describe("progress", () => {
  it("shows a category the database left out, and any count under 5, as fewer than 5", () => {
    const progress = progressOf([count("kind", "business", 4), count("kind", "charity", 6)]);
    expect(progress.total).toBeUndefined();
    expect(progress.byKind.find((bar) => bar.id === "business")?.count).toBeUndefined();
    expect(progress.byKind.find((bar) => bar.id === "education")?.count).toBeUndefined();
    expect(progress.byKind.find((bar) => bar.id === "charity")?.count).toBe(6);
  });

  it("lays out a bar for every kind, area, action and benefit in content/, in its order", () => {
    const progress = progressOf([count("total", null, 7), count("benefit", "resilient-economy", 7)]);
    expect(progress.total).toBe(7);
    expect(progress.byBenefit.map((bar) => bar.id)).toEqual(["fairer-society", "resilient-economy"]);
    expect(progress.byBenefit.find((bar) => bar.id === "resilient-economy")?.count).toBe(7);
    expect(progress.byAction).toHaveLength(11);
    expect(progress.byArea.every((bar) => bar.count === undefined)).toBe(true);
  });

  it("grows month by month in order, from the month the running total reaches 5", () => {
    const progress = progressOf([
      count("month", "2026-11", 8),
      count("month", "2026-09", 3),
      count("month", "2026-10", 6),
    ]);
    expect(progress.growth).toEqual([
      { month: "2026-10", total: 6 },
      { month: "2026-11", total: 8 },
    ]);
  });
});
