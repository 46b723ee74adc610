/**
 * The wall's two totals, defined once for the home page, the link-preview image and the progress
 * page: every approved pledge, named or counted only (public_progress()'s total, so never a number
 * under 5), and how many of those are named on the wall. They are said together, in words that
 * name what is counted, so no page calls the named ones everyone who has pledged.
 */
import { type ProgressCount, progressOf } from "./progress.ts";

export interface PublicTotals {
  /** Approved pledges, named or counted only; undefined when fewer than 5. */
  pledges: number | undefined;
  /** Of those, the ones listed by name on the signatory wall. */
  named: number;
}

export const publicTotalsOf = (counts: ProgressCount[], named: number): PublicTotals => ({
  pledges: progressOf(counts).total,
  named,
});

/** content/site.yaml's labels.totals. */
export interface TotalsWords {
  none: string;
  pledges: string;
  fewerThanFive: string;
  named: string;
  noneNamed: string;
  sentence: string;
}

const figure = (count: number) => count.toLocaleString("en-GB");

/** "237 pledges so far, 172 of them named on the wall", in the words from content/. */
export function totalsSentence(words: TotalsWords, totals: PublicTotals): string {
  if (totals.pledges === undefined && totals.named === 0) return words.none;
  const pledges =
    totals.pledges === undefined ? words.fewerThanFive : words.pledges.replace("{pledges}", figure(totals.pledges));
  const named = totals.named === 0 ? words.noneNamed : words.named.replace("{named}", figure(totals.named));
  return words.sentence.replace("{pledges}", pledges).replace("{named}", named);
}

let loaded: Promise<PublicTotals> | undefined;
/**
 * Read once per build from the wall's snapshot (the build cannot change it): every page's share
 * image alt text needs it, and Astro warns on each read of an empty collection.
 */
export function loadPublicTotals(): Promise<PublicTotals> {
  loaded ??= (async () => {
    const { getCollection } = await import("astro:content");
    const [counts, signatories] = await Promise.all([getCollection("progress"), getCollection("signatories")]);
    return publicTotalsOf(
      counts.map((entry) => entry.data as ProgressCount),
      signatories.length,
    );
  })();
  return loaded;
}

/** The progress page's rows, from the same snapshot as the totals. */
export async function loadProgressCounts(): Promise<ProgressCount[]> {
  const { getCollection } = await import("astro:content");
  return (await getCollection("progress")).map((entry) => entry.data as ProgressCount);
}
