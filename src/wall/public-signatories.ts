/**
 * The public wall's only sources: the public_signatories view, the public_progress() totals and
 * the public_wall_version() digest, read through storage's public-wall reader port, which reads
 * as the anonymous role whichever database it is (src/storage/public-wall-reader.ts). The wall
 * is handed a reader; choose-public-wall-reader.ts decides which.
 */
import type { PublicSignatory, PublicWallReader } from "../storage/public-wall-reader.ts";
import type { ProgressCount } from "./progress.ts";
import type { WallVersion } from "./wall-version.ts";

export type { PublicSignatory, PublicWallReader };

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

/**
 * The version of the public view of approved pledges, read as the anonymous role like the wall
 * itself, so it follows withdrawals as well as approvals. The scheduled rebuild check reads it
 * often, so a read gives up after timeoutMs.
 */
export async function readPublicWallVersion(reader: PublicWallReader, timeoutMs = 10_000): Promise<WallVersion> {
  const row = await reader.readWallVersion({ timeoutMs });
  if (typeof row.version !== "string") throw new Error("public_wall_version() returned no version");
  return {
    version: row.version,
    approved: row.approved === null ? null : Number(row.approved),
    lastDecidedAt: row.last_decided_at,
  };
}
