/**
 * The wall's recognition levels for one build: every signatory's standing, its commitments in the
 * charter's order, and the former signatories' dates, read from the build's snapshot and worked
 * out once. Every list page, filter page, signatory page, badge, open data file and the feed share
 * this one answer, as they share loadWall's: at 10,000 signatories, working it out per page would
 * cost the build minutes. "Now" for the rules is the moment the build began, as the officers'
 * overview says it (astro.config.mjs), so every page of one build agrees.
 */
import { pledgeCatalogue } from "../pledge/pledge-catalogue.ts";
import type { FormerSignatoryRow } from "./commitment-rows.ts";
import type { PublicCommitment, Standing } from "./levels.ts";
import { groupCommitments, standingsOf } from "./levels.ts";
import { levelContext } from "./levels-content.ts";
import { handedOverWallRows } from "./wall-rows-handover.ts";
import { loadWall } from "./wall-view.ts";

/**
 * A pledge withdrawn after it was listed by name: its dates, and its id only for its grey badge
 * (src/pages/signatory/[id]/badge.svg.ts); never who it was, and no page shows the id.
 */
export type FormerSignatory = FormerSignatoryRow;

export interface WallStandings {
  standings: ReadonlyMap<string, Standing>;
  /** Each signatory's commitments: the charter's actions in its order, then the own words. */
  commitmentsOf: ReadonlyMap<string, PublicCommitment[]>;
  /** Newest withdrawal first. */
  former: FormerSignatory[];
}

const actionOrder = new Map(
  pledgeCatalogue.benefits.flatMap((benefit) => benefit.actions).map((action, index) => [action.id, index] as const),
);
const orderOf = (commitment: PublicCommitment) =>
  commitment.action_id === null ? Number.MAX_SAFE_INTEGER : (actionOrder.get(commitment.action_id) ?? actionOrder.size);

export const inCharterOrder = (commitments: PublicCommitment[]) =>
  [...commitments].sort((a, b) => orderOf(a) - orderOf(b) || a.id.localeCompare(b.id));

export const newestWithdrawalFirst = (former: FormerSignatory[]) =>
  [...former].sort((a, b) => b.withdrawn_at.localeCompare(a.withdrawn_at) || b.listed_at.localeCompare(a.listed_at));

let loaded: Promise<WallStandings> | undefined;

export function loadStandings(): Promise<WallStandings> {
  loaded ??= (async () => {
    const [{ getCollection }, wall] = await Promise.all([import("astro:content"), loadWall()]);
    const former = await getCollection("formerSignatories");
    const { commitments: rows, checkInDates } = handedOverWallRows();
    const standings = standingsOf(wall.newest, rows, checkInDates, levelContext(new Date(__SITE_BUILT_AT__)));
    const commitmentsOf = new Map([...groupCommitments(rows)].map(([id, list]) => [id, inCharterOrder(list)] as const));
    return {
      standings,
      commitmentsOf,
      former: newestWithdrawalFirst(former.map((entry) => entry.data)),
    };
  })();
  return loaded;
}

/** A signatory's standing; every signatory on the wall has one. */
export function standingFor(standings: ReadonlyMap<string, Standing>, id: string): Standing {
  const standing = standings.get(id);
  if (!standing) throw new Error(`no recognition level was worked out for signatory ${id}`);
  return standing;
}
