/** The impact page's figures, laid out from public_impact()'s rows with the small-number rule. */
import { describe, expect, it } from "vitest";
import { commitmentStatuses, type ImpactCount } from "../../../src/wall/commitment-rows.ts";
import {
  allSuppressed,
  type CommitmentStatus,
  doneSentence,
  doneTotal,
  impactOf,
  impactSubjects,
  quarterEnd,
  quartersBetween,
} from "../../../src/wall/impact.ts";

const options = { ownWords: "In their own words", today: "2027-05-14" };

const row = (status: CommitmentStatus, commitments: number, where: Partial<ImpactCount> = {}): ImpactCount => ({
  subject_kind: "all",
  subject: null,
  ward: null,
  quarter: null,
  status,
  commitments,
  ...where,
});

const benefit = (subject: string) => ({ subject_kind: "benefit" as const, subject });
const action = (subject: string | null) => ({ subject_kind: "action" as const, subject });

/** Every cell of every chart, each as "chart/row/status: count". */
function everyCell(impact: ReturnType<typeof impactOf>) {
  const charts = {
    all: [{ id: "all", counts: impact.all }],
    byBenefit: impact.byBenefit,
    byAction: impact.byAction,
    byArea: impact.byArea,
    byQuarter: impact.byQuarter,
  };
  return Object.entries(charts).flatMap(([chart, bars]) =>
    bars.flatMap((bar) =>
      commitmentStatuses.map((status) => ({ cell: `${chart}/${bar.id}/${status}`, count: bar.counts[status] })),
    ),
  );
}

describe("the impact figures", () => {
  it("counts each status for all commitments, each benefit, each action and each area", () => {
    const impact = impactOf(
      [
        row("planned", 40),
        row("done", 12),
        row("started", 9, benefit("resilient-economy")),
        row("done", 7, action("buying-locally")),
        row("dropped", 5, { ward: "bedwell" }),
      ],
      options,
    );
    expect(impact.all).toEqual({ planned: 40, started: undefined, done: 12, dropped: undefined });
    expect(impact.byBenefit.find((bar) => bar.id === "resilient-economy")?.counts.started).toBe(9);
    expect(impact.byAction.find((bar) => bar.id === "buying-locally")?.counts.done).toBe(7);
    expect(impact.byArea.find((bar) => bar.id === "bedwell")?.counts.dropped).toBe(5);
  });

  it("lays out a row for every benefit, action and area in content/, in its order", () => {
    const impact = impactOf([], options);
    expect(impact.byBenefit.map((bar) => bar.id)).toEqual(["fairer-society", "resilient-economy"]);
    expect(impact.byAction).toHaveLength(11);
    expect(impact.byArea.map((bar) => bar.id)).toContain("outside-stevenage");
  });

  it("shows every cell under 5 as suppressed, in every chart, even if the database handed one out", () => {
    const rows = [
      row("planned", 4),
      row("done", 3, benefit("fairer-society")),
      row("started", 1, action("buying-locally")),
      row("dropped", 2, { ward: "chells" }),
      row("done", 4, { quarter: "2026-Q3" }),
      row("planned", 0, action(null)),
      row("planned", 9, { quarter: "2026-Q4" }),
    ];
    const shown = everyCell(impactOf(rows, options)).filter(({ count }) => count !== undefined);
    expect(shown).toEqual([{ cell: "byQuarter/2026-Q4/planned", count: 9 }]);
  });

  it("counts a suppressed cell and a missing one alike, so a row left out says no more than a small one", () => {
    const subject = action("buying-locally");
    const { of: smallOf, ...withSmall } = impactOf(
      [row("planned", 6), row("done", 4), row("planned", 6, subject), row("done", 4, { ...subject, ward: "chells" })],
      options,
    );
    const { of: missingOf, ...withoutRow } = impactOf([row("planned", 6), row("planned", 6, subject)], options);
    expect(withSmall).toEqual(withoutRow);
    expect(smallOf(subject)).toEqual(missingOf(subject));
  });

  it("says what was done only from 5 commitments done, counting all of them across the town", () => {
    expect(doneTotal([row("done", 4)])).toBeUndefined();
    expect(doneTotal([row("done", 5, { ward: "bedwell" }), row("done", 9, benefit("fairer-society"))])).toBeUndefined();
    expect(doneTotal([row("done", 5, { ward: "bedwell" }), row("done", 1234)])).toBe(1234);
    expect(doneSentence("{done} commitments done", 1234)).toBe("1,234 commitments done");
    expect(doneSentence("{done} commitments done", undefined)).toBeUndefined();
  });

  it("orders the quarters oldest first, from the first with a figure to the last, none skipped", () => {
    const impact = impactOf(
      [
        row("done", 8, { quarter: "2027-Q2" }),
        row("planned", 12, { quarter: "2026-Q3" }),
        row("planned", 3, { quarter: "2026-Q2" }),
        row("started", 6, { quarter: "2026-Q4" }),
      ],
      options,
    );
    expect(impact.byQuarter.map((bar) => bar.id)).toEqual(["2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"]);
    expect(impact.byQuarter.map((bar) => bar.ends)).toEqual(["2026-09-30", "2026-12-31", "2027-03-31", "2027-06-30"]);
    expect(impact.byQuarter[2]?.counts).toEqual({
      planned: undefined,
      started: undefined,
      done: undefined,
      dropped: undefined,
    });
  });

  it("marks the quarter the build falls in as not over, its figures being the statuses on the day", () => {
    const impact = impactOf([row("done", 8, { quarter: "2027-Q2" }), row("planned", 12, { quarter: "2027-Q1" })], {
      ...options,
      today: "2027-06-30",
    });
    expect(impact.byQuarter.map((bar) => [bar.id, bar.unfinished])).toEqual([
      ["2027-Q1", false],
      ["2027-Q2", true],
    ]);
    expect(
      impactOf([row("done", 8, { quarter: "2027-Q2" })], { ...options, today: "2027-07-01" }).byQuarter[0]?.unfinished,
    ).toBe(false);
  });

  it("has no quarters, and is empty, when nothing has reached 5", () => {
    const impact = impactOf([row("planned", 4, { quarter: "2026-Q4" })], options);
    expect(impact.byQuarter).toEqual([]);
    expect(impact.empty).toBe(true);
    expect(impactOf([], options).empty).toBe(true);
    expect(everyCell(impactOf([], options)).every(({ count }) => count === undefined)).toBe(true);
  });

  it("is not empty once any count reaches 5", () => {
    expect(impactOf([row("planned", 5, { ward: "manor" })], options).empty).toBe(false);
  });

  it("adds the own-words commitments after the actions only once the database counts them", () => {
    expect(impactOf([row("planned", 7)], options).byAction.map((bar) => bar.id)).not.toContain("own-words");
    const impact = impactOf([row("started", 6, action(null))], options);
    expect(impact.byAction.at(-1)).toEqual({
      id: "own-words",
      label: "In their own words",
      counts: { planned: undefined, started: 6, done: undefined, dropped: undefined },
    });
  });

  it("tells a chart with nothing to show from one with a figure", () => {
    const impact = impactOf([row("done", 5, benefit("fairer-society"))], options);
    expect(allSuppressed(impact.byBenefit)).toBe(false);
    expect(allSuppressed(impact.byArea)).toBe(true);
  });
});

describe("one benefit's or action's figures", () => {
  it("counts the subject's own rows by area and at each quarter's end, and no other subject's", () => {
    const figures = impactOf(
      [
        row("done", 20, { ward: "bedwell" }),
        row("done", 6, { ...action("buying-locally"), ward: "bedwell" }),
        row("started", 8, { ...action("cooperatives"), ward: "bedwell" }),
        row("planned", 7, { ...action("buying-locally"), quarter: "2026-Q4" }),
        row("done", 5, { ...action("buying-locally"), quarter: "2027-Q2" }),
        row("planned", 30, { quarter: "2026-Q1" }),
        row("planned", 11, action("buying-locally")),
      ],
      options,
    ).of({ subject_kind: "action", subject: "buying-locally" });
    expect(figures.empty).toBe(false);
    expect(figures.all).toEqual({ planned: 11, started: undefined, done: undefined, dropped: undefined });
    expect(figures.byArea.map((bar) => bar.id)).toEqual(impactOf([], options).byArea.map((bar) => bar.id));
    expect(figures.byArea.find((bar) => bar.id === "bedwell")?.counts).toEqual({
      planned: undefined,
      started: undefined,
      done: 6,
      dropped: undefined,
    });
    expect(figures.byQuarter.map((bar) => [bar.id, bar.counts.planned, bar.counts.done, bar.unfinished])).toEqual([
      ["2026-Q4", 7, undefined, false],
      ["2027-Q1", undefined, undefined, false],
      ["2027-Q2", undefined, 5, true],
    ]);
  });

  it("reads a benefit's rows as its own, apart from its actions'", () => {
    const figures = impactOf(
      [
        row("started", 9, { ...benefit("resilient-economy"), ward: "chells" }),
        row("started", 6, { ...action("buying-locally"), ward: "chells" }),
        row("done", 5, { ...benefit("resilient-economy"), quarter: "2027-Q1" }),
      ],
      options,
    ).of({ subject_kind: "benefit", subject: "resilient-economy" });
    expect(figures.byArea.find((bar) => bar.id === "chells")?.counts.started).toBe(9);
    expect(figures.byQuarter.map((bar) => [bar.id, bar.counts.done])).toEqual([["2027-Q1", 5]]);
  });

  it("is the same as the town's for all commitments", () => {
    const rows = [
      row("done", 8, { quarter: "2027-Q2" }),
      row("planned", 12, { quarter: "2026-Q3" }),
      row("dropped", 5, { ward: "bedwell" }),
      row("planned", 40),
    ];
    const impact = impactOf(rows, options);
    const all = impact.of({ subject_kind: "all", subject: null });
    expect([all.all, all.byArea, all.byQuarter]).toEqual([impact.all, impact.byArea, impact.byQuarter]);
  });

  it("shows every cell under 5 as suppressed, and is empty with nothing of 5 or more", () => {
    const subject = action("buying-locally");
    const figures = impactOf(
      [
        row("planned", 4, subject),
        row("done", 3, { ...subject, ward: "chells" }),
        row("started", 1, { ...subject, quarter: "2026-Q3" }),
        row("done", 0, { ...subject, quarter: "2026-Q4" }),
        row("planned", 50, { ward: "chells" }),
        row("planned", 50, { ...action("cooperatives"), quarter: "2026-Q4" }),
      ],
      options,
    ).of(subject);
    expect(figures.empty).toBe(true);
    expect(figures.byQuarter).toEqual([]);
    expect(allSuppressed([{ id: "all", label: "", counts: figures.all }, ...figures.byArea])).toBe(true);
  });

  it("has a page for every benefit and example action in content/, benefits each before their actions", () => {
    const subjects = impactSubjects();
    expect(subjects).toHaveLength(2 + 11);
    expect(new Set(subjects.map((subject) => subject.subject)).size).toBe(subjects.length);
    expect(subjects[0]).toMatchObject({ subject_kind: "benefit", subject: "fairer-society" });
    expect(subjects.filter((subject) => subject.subject_kind === "action")).toHaveLength(11);
  });
});

describe("quarters", () => {
  it("runs across a year's end", () => {
    expect(quartersBetween("2026-Q3", "2027-Q1")).toEqual(["2026-Q3", "2026-Q4", "2027-Q1"]);
  });

  it("ends each quarter on its last day", () => {
    expect(["2028-Q1", "2026-Q2", "2026-Q3", "2026-Q4"].map(quarterEnd)).toEqual([
      "2028-03-31",
      "2026-06-30",
      "2026-09-30",
      "2026-12-31",
    ]);
  });
});
