import { describe, expect, it } from "vitest";
import { type CountedPledge, progressOf } from "../../src/wall/progress.ts";

const pledge = (overrides: Partial<CountedPledge> = {}): CountedPledge => ({
  kind: "business",
  ward: "bedwell",
  actions: ["buying-locally"],
  listed_at: "2026-11-01T10:00:00Z",
  ...overrides,
});

describe("progress", () => {
  it("hides every count under 5, the total included", () => {
    const progress = progressOf([pledge(), pledge(), pledge(), pledge()]);
    expect(progress.total).toBeUndefined();
    expect(progress.byKind.find((bar) => bar.id === "business")?.count).toBeUndefined();
  });

  it("shows counts of 5 or more, and suppresses the small ones beside them", () => {
    const pledges = [...Array.from({ length: 6 }, () => pledge()), pledge({ kind: "charity", ward: "chells" })];
    const progress = progressOf(pledges);
    expect(progress.total).toBe(7);
    expect(progress.byKind.find((bar) => bar.id === "business")?.count).toBe(6);
    expect(progress.byKind.find((bar) => bar.id === "charity")?.count).toBeUndefined();
    expect(progress.byArea.find((bar) => bar.id === "chells")?.count).toBeUndefined();
    expect(progress.byBenefit.find((bar) => bar.id === "resilient-economy")?.count).toBe(7);
    expect(progress.byBenefit.find((bar) => bar.id === "fairer-society")?.count).toBeUndefined();
  });

  it("counts a pledge once per benefit however many of its actions serve it", () => {
    const progress = progressOf(
      Array.from({ length: 5 }, () => pledge({ actions: ["buying-locally", "cooperatives"] })),
    );
    expect(progress.byBenefit.find((bar) => bar.id === "resilient-economy")?.count).toBe(5);
    expect(progress.actionsPledged).toBe(10);
  });

  it("grows month by month, from the month the total reaches 5", () => {
    const pledges = [
      ...Array.from({ length: 3 }, () => pledge({ listed_at: "2026-09-10T00:00:00Z" })),
      ...Array.from({ length: 3 }, () => pledge({ listed_at: "2026-10-10T00:00:00Z" })),
      ...Array.from({ length: 2 }, () => pledge({ listed_at: "2026-11-10T00:00:00Z" })),
    ];
    expect(progressOf(pledges).growth).toEqual([
      { month: "2026-10", total: 6 },
      { month: "2026-11", total: 8 },
    ]);
  });
});
