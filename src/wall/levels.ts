/**
 * Each signatory's recognition level, worked out at build time from what the public can see:
 * its commitments' statuses with the dates officers accepted their evidence, and its last
 * accepted check-in. The rules come from content/levels.yaml (src/wall/level-rules.ts); "now" is
 * the build's own time, so every page of one build agrees. Pure: the wall's pages call
 * standingsOf once for the whole wall (src/wall/wall-standings.ts).
 */
import type { CheckInDateRow, PublicCommitmentRow } from "./commitment-rows.ts";
import type { Level, LevelsFile } from "./level-rules.ts";

/** One commitment of a signatory, as the public read gives it: evidence and note only once accepted. */
export type PublicCommitment = PublicCommitmentRow;

/** A listed signatory's last accepted check-in, null when there has been none. */
export type CheckInDate = CheckInDateRow;

export interface Standing {
  /** The id of the level held now. */
  level: string;
  /** When that level was reached (ISO 8601): the listing date for the first level. */
  since: string;
  /** No accepted check-in for too long: held to the first level until the next one. */
  lapsed: boolean;
  /** The last time the signatory told us anything accepted, or its listing if never: "not updated since". */
  lastUpdated: string;
  /** Every level above the first held now, lowest first, each with the date it was reached. */
  reached: { level: string; at: string }[];
}

export interface LevelContext {
  rules: Pick<LevelsFile, "levels" | "lapseAfterMonths">;
  now: Date;
  /** Which benefit an action serves; undefined for own words or an action no longer in the catalogue. */
  benefitOf: (actionId: string) => string | undefined;
  /** Every benefit of the charter, for a level that requires each of them. */
  benefits: readonly string[];
}

/**
 * The same moment n calendar months later, in UTC; a day the month lacks becomes its last day
 * (31 August plus 18 months is 28 or 29 February), so a lapse never skips into the month after.
 */
export function addMonths(instant: Date, months: number): Date {
  const target = new Date(instant.getTime());
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

const time = (iso: string) => Date.parse(iso);
const latest = (dates: string[]) => dates.reduce((a, b) => (time(b) > time(a) ? b : a));

/**
 * Done, with evidence an officer accepted: what counts towards a level, each from when it was
 * both (evidence accepted while a commitment was started counts once it is done), earliest first.
 */
function provenCommitments(commitments: PublicCommitment[]) {
  return commitments
    .flatMap((c) =>
      c.status === "done" && c.evidence_accepted_at !== null
        ? [
            {
              ...c,
              evidence_accepted_at: c.evidence_accepted_at,
              provenAt: latest([c.evidence_accepted_at, c.status_since]),
            },
          ]
        : [],
    )
    .sort((a, b) => time(a.provenAt) - time(b.provenAt) || a.id.localeCompare(b.id));
}

/**
 * When the proven commitments first met a level's count and benefits: when the one that completed
 * them was proven. undefined if they do not yet.
 */
function metAt(
  proven: ReturnType<typeof provenCommitments>,
  requires: NonNullable<Level["requires"]>,
  context: LevelContext,
): string | undefined {
  const covered = new Set<string>();
  for (const [index, commitment] of proven.entries()) {
    const benefit = commitment.action_id === null ? undefined : context.benefitOf(commitment.action_id);
    if (benefit !== undefined) covered.add(benefit);
    const enough = index + 1 >= requires.doneWithAcceptedEvidence;
    const everyBenefit = !requires.acrossEveryBenefit || context.benefits.every((id) => covered.has(id));
    if (enough && everyBenefit) return commitment.provenAt;
  }
  return undefined;
}

export function standingOf(
  signatory: { listed_at: string },
  commitments: PublicCommitment[],
  lastCheckInAt: string | null,
  context: LevelContext,
): Standing {
  const [first, ...higher] = context.rules.levels;
  if (!first) throw new Error("content/levels.yaml names no level");
  const proven = provenCommitments(commitments);
  // Evidence is only ever accepted with a check-in, so an acceptance is a check-in too.
  const checkIns = [lastCheckInAt, ...proven.map((c) => c.evidence_accepted_at)].filter((d): d is string => d !== null);
  const lastCheckIn = checkIns.length > 0 ? latest(checkIns) : undefined;
  const lastUpdated = latest([signatory.listed_at, ...checkIns]);
  const now = context.now.getTime();
  const lapsed = addMonths(new Date(lastUpdated), context.rules.lapseAfterMonths).getTime() <= now;
  const base: Standing = { level: first.id, since: signatory.listed_at, lapsed, lastUpdated, reached: [] };
  if (lapsed) return base;

  const reached: Standing["reached"] = [];
  for (const level of higher) {
    if (!level.requires) break;
    const at = metAt(proven, level.requires, context);
    if (at === undefined) break;
    const months = level.requires.checkInWithinMonths;
    if (months !== undefined && !(lastCheckIn && addMonths(new Date(lastCheckIn), months).getTime() >= now)) break;
    const previous = reached.at(-1)?.at;
    reached.push({ level: level.id, at: previous && time(previous) > time(at) ? previous : at });
  }
  const held = reached.at(-1);
  return held ? { ...base, level: held.level, since: held.at, reached } : base;
}

/** Every signatory's standing at once, each commitment and check-in looked up by signatory once. */
export function standingsOf(
  signatories: { id: string; listed_at: string }[],
  commitments: PublicCommitment[],
  checkIns: CheckInDate[],
  context: LevelContext,
): Map<string, Standing> {
  const commitmentsBySignatory = groupCommitments(commitments);
  const lastCheckIn = new Map(checkIns.map((row) => [row.signatory_id, row.last_check_in_at]));
  return new Map(
    signatories.map((signatory) => [
      signatory.id,
      standingOf(
        signatory,
        commitmentsBySignatory.get(signatory.id) ?? [],
        lastCheckIn.get(signatory.id) ?? null,
        context,
      ),
    ]),
  );
}

/** The commitments of each signatory, in the order given. */
export function groupCommitments(commitments: PublicCommitment[]): Map<string, PublicCommitment[]> {
  const bySignatory = new Map<string, PublicCommitment[]>();
  for (const commitment of commitments) {
    const list = bySignatory.get(commitment.signatory_id);
    if (list) list.push(commitment);
    else bySignatory.set(commitment.signatory_id, [commitment]);
  }
  return bySignatory;
}
