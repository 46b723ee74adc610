/**
 * "Is the recovery working for everyone?": totals and breakdowns of approved pledges, counted
 * ones included, with every count under 5 suppressed so no one can be picked out.
 */
import { pledgeCatalogue } from "../pledge/pledge-catalogue.ts";

/** One approved pledge as the public may count it: no name, no words, no contact. */
export interface CountedPledge {
  kind: string;
  ward: string | null;
  actions: string[];
  listed_at: string;
}

export const suppressionThreshold = 5;

export interface Bar {
  id: string;
  label: string;
  /** undefined when suppressed: fewer than 5, and shown as such. */
  count: number | undefined;
}

const suppress = (count: number) => (count < suppressionThreshold ? undefined : count);

function bars(options: { id: string; name: string }[], countOf: (id: string) => number): Bar[] {
  return options.map((option) => ({ id: option.id, label: option.name, count: suppress(countOf(option.id)) }));
}

export function progressOf(pledges: CountedPledge[]) {
  const actions = pledgeCatalogue.benefits.flatMap((benefit) => benefit.actions);
  const benefitOf = new Map(
    pledgeCatalogue.benefits.flatMap((benefit) => benefit.actions.map((action) => [action.id, benefit.id] as const)),
  );
  const byMonth = new Map<string, number>();
  for (const pledge of pledges) {
    const month = pledge.listed_at.slice(0, 7);
    byMonth.set(month, (byMonth.get(month) ?? 0) + 1);
  }
  let running = 0;
  const growth = [...byMonth.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, added]) => {
      running += added;
      return { month, total: running };
    });
  return {
    total: suppress(pledges.length),
    actionsPledged: suppress(pledges.reduce((sum, pledge) => sum + pledge.actions.length, 0)),
    byBenefit: bars(
      pledgeCatalogue.benefits,
      (id) => pledges.filter((pledge) => pledge.actions.some((action) => benefitOf.get(action) === id)).length,
    ),
    byAction: bars(actions, (id) => pledges.filter((pledge) => pledge.actions.includes(id)).length),
    byKind: bars(pledgeCatalogue.organisationKinds, (id) => pledges.filter((pledge) => pledge.kind === id).length),
    byArea: bars(pledgeCatalogue.wards, (id) => pledges.filter((pledge) => pledge.ward === id).length),
    // Months are only shown once the running total is past the threshold.
    growth: growth.filter((point) => point.total >= suppressionThreshold),
  };
}

export type Progress = ReturnType<typeof progressOf>;
