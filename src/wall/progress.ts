/**
 * "Is the recovery working for everyone?": totals and breakdowns of approved pledges, counted
 * ones included, with every count under 5 suppressed so no one can be picked out. The counting
 * is done by the database (public_progress()), which hands out no count under the threshold and
 * no pledge one by one; this lays its answer out as the page's bars.
 */
import { z } from "zod";
import { pledgeCatalogue } from "../pledge/pledge-catalogue.ts";

export const progressMeasures = ["total", "actions-pledged", "kind", "area", "action", "benefit", "month"] as const;

/**
 * One row of public_progress(): a count of approved pledges, for the whole list or one category.
 * A schema, because the build keeps the rows as a content collection beside the wall's.
 */
export const progressCountSchema = z.object({
  measure: z.enum(progressMeasures),
  category: z.string().nullable(),
  pledges: z.number().int().nonnegative(),
});

export type ProgressCount = z.infer<typeof progressCountSchema>;

export const suppressionThreshold = 5;

export interface Bar {
  id: string;
  label: string;
  /** undefined when suppressed: fewer than 5, and shown as such. */
  count: number | undefined;
}

// The database already leaves small counts out; suppressing again keeps the rule here too.
const suppress = (count: number | undefined) =>
  count === undefined || count < suppressionThreshold ? undefined : count;

export function progressOf(counts: ProgressCount[]) {
  const countOf = (measure: ProgressCount["measure"], category: string | null = null) =>
    suppress(counts.find((row) => row.measure === measure && row.category === category)?.pledges);
  const bars = (measure: ProgressCount["measure"], options: { id: string; name: string }[]): Bar[] =>
    options.map((option) => ({ id: option.id, label: option.name, count: countOf(measure, option.id) }));
  return {
    total: countOf("total"),
    actionsPledged: countOf("actions-pledged"),
    byBenefit: bars("benefit", pledgeCatalogue.benefits),
    byAction: bars(
      "action",
      pledgeCatalogue.benefits.flatMap((benefit) => benefit.actions),
    ),
    byKind: bars("kind", pledgeCatalogue.organisationKinds),
    byArea: bars("area", pledgeCatalogue.wards),
    // Each month's figure is the running total to its end; months are only shown once it is past the threshold.
    growth: counts
      .filter((row) => row.measure === "month" && row.category !== null && row.pledges >= suppressionThreshold)
      .map((row) => ({ month: row.category ?? "", total: row.pledges }))
      .sort((a, b) => a.month.localeCompare(b.month)),
  };
}

export type Progress = ReturnType<typeof progressOf>;
