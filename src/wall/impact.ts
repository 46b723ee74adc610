/**
 * "What has been done?": the commitments of every approved pledge, counted-only ones included,
 * by status, for each benefit and action, by area and at each quarter's end. The database counts
 * them (public_impact()) and hands out no count under 5; this lays its rows out as the impact
 * page's charts and tables, suppressing again so the rule holds here too.
 */
import { fillTemplate } from "../fill-template.ts";
import { type Choice, pledgeCatalogue } from "../pledge/pledge-catalogue.ts";
import { commitmentStatuses, type ImpactCount } from "./commitment-rows.ts";
import { suppressionThreshold } from "./progress.ts";

export type CommitmentStatus = (typeof commitmentStatuses)[number];

const quarterPattern = /^(\d{4})-Q([1-4])$/;

/** Each status's count; undefined when suppressed: fewer than 5, and shown as such. */
export type StatusCounts = Record<CommitmentStatus, number | undefined>;

export interface ImpactBar {
  id: string;
  label: string;
  counts: StatusCounts;
}

const suppress = (count: number | undefined) =>
  count === undefined || count < suppressionThreshold ? undefined : count;

const keyOf = (row: Pick<ImpactCount, "subject_kind" | "subject" | "ward" | "quarter" | "status">) =>
  [row.subject_kind, row.subject ?? "", row.ward ?? "", row.quarter ?? "", row.status].join("|");

/** The quarters from the first to the last, none skipped, so the chart's time runs evenly. */
export function quartersBetween(first: string, last: string): string[] {
  const index = (quarter: string) => {
    const [, year, number] = quarterPattern.exec(quarter) ?? [];
    return Number(year) * 4 + Number(number) - 1;
  };
  const quarters: string[] = [];
  for (let at = index(first); at <= index(last); at += 1) quarters.push(`${Math.floor(at / 4)}-Q${(at % 4) + 1}`);
  return quarters;
}

/** The last day of a quarter, as an ISO date: each quarter's figures are the statuses then. */
export function quarterEnd(quarter: string): string {
  const [, year, number] = quarterPattern.exec(quarter) ?? [];
  if (year === undefined || number === undefined) throw new Error(`"${quarter}" is not a quarter like "2026-Q4"`);
  const end = new Date(Date.UTC(Number(year), Number(number) * 3, 0));
  return end.toISOString().slice(0, 10);
}

export interface ImpactOptions {
  /** The label of the commitments pledged in the pledger's own words, which have no action. */
  ownWords: string;
  /** The build's date (ISO): a quarter ending on or after it is not over, and counts as things stand. */
  today: string;
}

export interface QuarterBar extends ImpactBar {
  /** The quarter's last day, as an ISO date. */
  ends: string;
  /** The quarter is not over yet: its figures are the statuses on the day of the build. */
  unfinished: boolean;
}

/** Whose commitments a chart counts: all of them (null), a benefit's, or an action's (null: own words). */
export interface ImpactSubject {
  subject_kind: ImpactCount["subject_kind"];
  subject: string | null;
}

export const allCommitments: ImpactSubject = { subject_kind: "all", subject: null };

/** A benefit or an example action in content/: each has a page of its own figures. */
export interface NamedSubject extends ImpactSubject {
  subject_kind: "benefit" | "action";
  subject: string;
  name: string;
}

export const impactSubjects = (): NamedSubject[] =>
  pledgeCatalogue.benefits.flatMap((benefit) => [
    { subject_kind: "benefit" as const, subject: benefit.id, name: benefit.name },
    ...benefit.actions.map((action) => ({ subject_kind: "action" as const, subject: action.id, name: action.name })),
  ]);

export function impactOf(rows: ImpactCount[], options: ImpactOptions) {
  const counts = new Map(rows.map((row) => [keyOf(row), row.commitments]));
  const countsFor = (where: Omit<ImpactCount, "status" | "commitments">): StatusCounts =>
    Object.fromEntries(
      commitmentStatuses.map((status) => [status, suppress(counts.get(keyOf({ ...where, status })))]),
    ) as StatusCounts;
  const whole = { ward: null, quarter: null };
  const bars = (subject_kind: "benefit" | "action", options: Choice[]): ImpactBar[] =>
    options.map((option) => ({
      id: option.id,
      label: option.name,
      counts: countsFor({ subject_kind, subject: option.id, ...whole }),
    }));
  const ofSubject = (subject: ImpactSubject) =>
    rows.filter((row) => row.subject_kind === subject.subject_kind && row.subject === subject.subject);
  const byArea = (subject: ImpactSubject): ImpactBar[] =>
    pledgeCatalogue.wards.map((ward) => ({
      id: ward.id,
      label: ward.name,
      counts: countsFor({ ...subject, ward: ward.id, quarter: null }),
    }));
  /** Oldest first, labelled by the quarter's name for the page to write out by its last day. */
  const byQuarter = (subject: ImpactSubject): QuarterBar[] => {
    const quarters = ofSubject(subject)
      .filter((row) => row.quarter !== null && suppress(row.commitments) !== undefined)
      .map((row) => row.quarter as string)
      .sort();
    const first = quarters.at(0);
    const last = quarters.at(-1);
    return first === undefined || last === undefined
      ? []
      : quartersBetween(first, last).map(
          (quarter): QuarterBar => ({
            id: quarter,
            label: quarter,
            counts: countsFor({ ...subject, ward: null, quarter }),
            ends: quarterEnd(quarter),
            unfinished: quarterEnd(quarter) >= options.today,
          }),
        );
  };

  // Own-words commitments have no action; their row is shown only once the database returns one.
  const ownWords = countsFor({ subject_kind: "action", subject: null, ...whole });
  const hasOwnWords = commitmentStatuses.some((status) => ownWords[status] !== undefined);
  return {
    /** Nothing to show at all: no count of any commitment reached 5. */
    empty: rows.every((row) => suppress(row.commitments) === undefined),
    all: countsFor({ ...allCommitments, ...whole }),
    byBenefit: bars("benefit", pledgeCatalogue.benefits),
    byAction: [
      ...bars(
        "action",
        pledgeCatalogue.benefits.flatMap((benefit) => benefit.actions),
      ),
      ...(hasOwnWords ? [{ id: "own-words", label: options.ownWords, counts: ownWords }] : []),
    ],
    byArea: byArea(allCommitments),
    byQuarter: byQuarter(allCommitments),
    /** One benefit's or action's figures: the whole, by area and by quarter, as for all of them. */
    of: ({ subject_kind, subject }: ImpactSubject) => {
      const which = { subject_kind, subject };
      return {
        empty: ofSubject(which).every((row) => suppress(row.commitments) === undefined),
        all: countsFor({ ...which, ...whole }),
        byArea: byArea(which),
        byQuarter: byQuarter(which),
      };
    },
  };
}

export type Impact = ReturnType<typeof impactOf>;

/** All commitments done, as the home page and the share image say it; undefined under 5. */
export const doneTotal = (rows: ImpactCount[]): number | undefined =>
  suppress(
    rows.find(
      (row) =>
        row.subject_kind === "all" &&
        row.subject === null &&
        row.ward === null &&
        row.quarter === null &&
        row.status === "done",
    )?.commitments,
  );

/** "12 commitments done", from a sentence in content/ with {done}; undefined while under 5. */
export const doneSentence = (template: string, done: number | undefined): string | undefined =>
  done === undefined
    ? undefined
    : fillTemplate(template, { done: done.toLocaleString("en-GB") }, "content/impact.json");

let loaded: Promise<ImpactCount[]> | undefined;
/**
 * Read once per build from the wall's snapshot (the build cannot change it): every page's share
 * image alt text says what was done, as well as the impact page and the home page.
 */
export function loadImpactCounts(): Promise<ImpactCount[]> {
  loaded ??= (async () => {
    const { getCollection } = await import("astro:content");
    return (await getCollection("impact")).map((entry) => entry.data as ImpactCount);
  })();
  return loaded;
}

/** True when no cell of the bars has a count to show. */
export const allSuppressed = (bars: ImpactBar[]) =>
  bars.every((bar) => commitmentStatuses.every((status) => bar.counts[status] === undefined));
