/**
 * The public wall's only sources: the public_signatories view, the public_progress() totals, the
 * commitments, check-in dates, impact counts and former signatories, and the
 * public_wall_version() digest, read through storage's public-wall reader port, which reads as
 * the anonymous role whichever database it is (src/storage/public-wall-reader.ts). The wall is
 * handed a reader; choose-public-wall-reader.ts decides which.
 */
import type { PublicSignatory, PublicWallReader } from "../storage/public-wall-reader.ts";
import type { CheckInDateRow, FormerSignatoryRow, ImpactCount, PublicCommitmentRow } from "./commitment-rows.ts";
import type { ProgressCount } from "./progress.ts";
import type { WallVersion } from "./wall-version.ts";

export type { PublicSignatory, PublicWallReader };

/** The commitments of the signatories on the wall, as officers accepted them. */
export const readPublicCommitments = (reader: PublicWallReader): Promise<PublicCommitmentRow[]> =>
  reader.readCommitments();

/** When each signatory on the wall last checked in, as accepted. */
export const readCheckInDates = (reader: PublicWallReader): Promise<CheckInDateRow[]> => reader.readCheckInDates();

/**
 * The impact page's counts of approved pledges' commitments, counted-only pledges' included, as
 * the database counts them: no count under 5, and no pledge one by one.
 */
export async function readImpactCounts(reader: PublicWallReader): Promise<ImpactCount[]> {
  return (await reader.readImpact()).map((row) => ({ ...row, commitments: Number(row.commitments) }));
}

/** Withdrawn pledges that had been listed by name: their dates, and nothing else. */
export const readFormerSignatories = (reader: PublicWallReader): Promise<FormerSignatoryRow[]> =>
  reader.readFormerSignatories();

export const readPublicSignatories = (reader: PublicWallReader): Promise<PublicSignatory[]> => reader.readSignatories();

/**
 * The progress page's totals of approved pledges, named or counted only, as the database counts
 * them: counts under 5 are never handed out, and no pledge is readable one by one.
 */
export async function readProgressCounts(reader: PublicWallReader): Promise<ProgressCount[]> {
  return (await reader.readProgress()).map((row) => ({
    measure: row.measure as ProgressCount["measure"],
    category: row.category,
    pledges: Number(row.pledges),
  }));
}

// The day in the UK, as YYYY-MM-DD: the day a build's levels and quarters were worked out for.
const ukDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" });

/**
 * The version of the public view of approved pledges, read as the anonymous role like the wall
 * itself, so it follows withdrawals as well as approvals. The scheduled rebuild check reads it
 * often, so a read gives up after timeoutMs. What the wall shows also changes with the date, with
 * nothing changed in the database (a signatory lapses 18 months after its last check-in, the
 * impact page's quarter ends): the day is part of the version, so the wall is built again on the
 * first check of each day.
 */
export async function readPublicWallVersion(
  reader: PublicWallReader,
  timeoutMs = 10_000,
  now: () => number = Date.now,
): Promise<WallVersion> {
  const row = await reader.readWallVersion({ timeoutMs });
  if (typeof row.version !== "string") throw new Error("public_wall_version() returned no version");
  return {
    version: `${row.version}@${ukDay.format(new Date(now()))}`,
    approved: row.approved === null ? null : Number(row.approved),
    lastDecidedAt: row.last_decided_at,
  };
}
