/**
 * What one build reads of the wall: its version first, then its rows, the progress totals, the
 * signatories' commitments and check-in dates, the impact counts and the former signatories.
 * Read in that order, the version a build publishes is never newer than the data it shows, so a
 * pledge approved (or a check-in accepted) while the site is building still differs from the
 * published version and leads to another build; the opposite order could hide it until the next
 * one. Everything else comes in the same snapshot so every page of one build reads the same data.
 */
import type { CheckInDateRow, FormerSignatoryRow, ImpactCount, PublicCommitmentRow } from "./commitment-rows.ts";
import type { ProgressCount } from "./progress.ts";
import {
  type PublicSignatory,
  type PublicWallReader,
  readCheckInDates,
  readFormerSignatories,
  readImpactCounts,
  readProgressCounts,
  readPublicCommitments,
  readPublicSignatories,
  readPublicWallVersion,
} from "./public-signatories.ts";
import type { WallVersion } from "./wall-version.ts";

export interface WallSnapshot {
  version: WallVersion;
  signatories: PublicSignatory[];
  progress: ProgressCount[];
  commitments: PublicCommitmentRow[];
  checkInDates: CheckInDateRow[];
  impact: ImpactCount[];
  formerSignatories: FormerSignatoryRow[];
}

export async function readWallSnapshot(reader: PublicWallReader): Promise<WallSnapshot> {
  const version = await readPublicWallVersion(reader);
  const signatories = await readPublicSignatories(reader);
  const progress = await readProgressCounts(reader);
  const commitments = await readPublicCommitments(reader);
  const checkInDates = await readCheckInDates(reader);
  const impact = await readImpactCounts(reader);
  return {
    version,
    signatories,
    progress,
    commitments,
    checkInDates,
    impact,
    formerSignatories: await readFormerSignatories(reader),
  };
}

/**
 * Astro loads each content collection on its own, in no promised order; the wall's rows and
 * its version are two collections that must come from one snapshot. Each consumer takes the
 * current snapshot once; a consumer that already had it starts the next one (the next sync).
 */
export function shareSnapshot<T, Consumer extends string>(read: () => Promise<T>) {
  let current: { snapshot: Promise<T>; takenBy: Set<Consumer> } | undefined;
  return (consumer: Consumer): Promise<T> => {
    if (!current || current.takenBy.has(consumer)) current = { snapshot: read(), takenBy: new Set() };
    current.takenBy.add(consumer);
    return current.snapshot;
  };
}
