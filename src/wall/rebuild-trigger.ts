/**
 * Decides when the static wall needs a rebuild, and asks for one: the database's version of
 * the public wall is compared with the version the deployed site was built from, and a build
 * is asked for only once the database has stopped changing for a while, so a burst of 100
 * approvals makes one or a few builds instead of 100. No HTTP and no clock of its own: the
 * scheduled function passes in the readers, the build hook, the state and the time.
 */
import type { WallVersion } from "./wall-version.ts";

export interface RebuildState {
  /** The database's version at the last check, and when a check first saw it. */
  seen?: { version: string; since: string };
  /** Since when the deployed site has been behind, or since the last build asked for if later. */
  waitingSince?: string;
  /** The last build asked for: of which version, when, and how many times in a row for it. */
  triggered?: { version: string; at: string; attempts: number };
}

export interface RebuildStateStore {
  read(): Promise<RebuildState>;
  write(state: RebuildState): Promise<void>;
}

export interface RebuildSettings {
  /** How long the database's version must stay the same before a build is asked for. */
  settleMs: number;
  /** How long a stream of changes that never settles may hold a build back. */
  maxWaitMs: number;
  /** How long a build of one version is given to be published before it is asked for again; doubled each time. */
  cooldownMs: number;
  maxCooldownMs: number;
}

const minute = 60_000;

/** With a check every 5 minutes: a change is published after two checks that agree, 5 to 10 minutes after it. */
export const defaultRebuildSettings: RebuildSettings = {
  settleMs: 4 * minute,
  maxWaitMs: 30 * minute,
  cooldownMs: 20 * minute,
  maxCooldownMs: 24 * 60 * minute,
};

export interface RebuildDependencies {
  now(): number;
  state: RebuildStateStore;
  readDatabaseVersion(): Promise<WallVersion>;
  /** The version the deployed site was built from; null when the site publishes none yet. Throws when the site cannot be asked. */
  readDeployedVersion(): Promise<string | null>;
  /** Asks for a build; absent when no build hook is configured. Throws when the hook refuses. */
  callBuildHook?: ((version: string) => Promise<void>) | undefined;
  settings?: RebuildSettings | undefined;
}

export type RebuildOutcome =
  | "up-to-date"
  | "settling"
  | "building"
  | "triggered"
  | "no-build-hook"
  | "hook-failed"
  | "database-unavailable"
  | "site-unavailable"
  | "state-unavailable";

/** What a check found and did: versions and counts only, safe to log. */
export interface RebuildReport {
  outcome: RebuildOutcome;
  databaseVersion?: string;
  deployedVersion?: string | null;
  approved?: number | null;
  /** Why a read or the build hook failed, in words that carry no secret. */
  reason?: string;
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 200);

/** A trigger's state is the state before the build is asked for; afterTrigger records the asking. */
export type Decision =
  | { action: "wait"; outcome: RebuildOutcome; state: RebuildState }
  | { action: "trigger"; outcome: "triggered"; state: RebuildState; attempts: number };

const iso = (ms: number) => new Date(ms).toISOString();
const since = (now: number, time: string | undefined) => (time === undefined ? 0 : now - Date.parse(time));

/** The pure rule: given what the database and the site say now and what was seen before. */
export function decide(input: {
  now: number;
  database: string;
  deployed: string | null;
  state: RebuildState;
  settings: RebuildSettings;
}): Decision {
  const { now, database, deployed, state, settings } = input;
  const seen = state.seen?.version === database ? state.seen : { version: database, since: iso(now) };
  if (deployed === database) return { action: "wait", outcome: "up-to-date", state: { seen } };

  const behind: RebuildState = { ...state, seen, waitingSince: state.waitingSince ?? iso(now) };
  const last = state.triggered;
  if (last?.version === database) {
    const cooldown = Math.min(settings.cooldownMs * 2 ** (last.attempts - 1), settings.maxCooldownMs);
    if (since(now, last.at) < cooldown) return { action: "wait", outcome: "building", state: behind };
    return { action: "trigger", outcome: "triggered", state: behind, attempts: last.attempts + 1 };
  }
  const settled = since(now, seen.since) >= settings.settleMs;
  const waitedLongEnough = since(now, behind.waitingSince) >= settings.maxWaitMs;
  if (!settled && !waitedLongEnough) return { action: "wait", outcome: "settling", state: behind };
  return { action: "trigger", outcome: "triggered", state: behind, attempts: 1 };
}

export const afterTrigger = (state: RebuildState, now: number, version: string, attempts: number): RebuildState => ({
  ...state,
  // A stream of changes that never settles gets one build per maxWait, counted from this one.
  waitingSince: iso(now),
  triggered: { version, at: iso(now), attempts },
});

/** One scheduled check: read both versions, decide, ask for a build if needed, remember. */
export async function checkWallRebuild(deps: RebuildDependencies): Promise<RebuildReport> {
  const settings = deps.settings ?? defaultRebuildSettings;
  // The database first: this read is also what keeps a free Supabase project from pausing.
  let database: WallVersion;
  try {
    database = await deps.readDatabaseVersion();
  } catch (error) {
    return { outcome: "database-unavailable", reason: reasonOf(error) };
  }
  const report = { databaseVersion: database.version, approved: database.approved };
  let state: RebuildState;
  try {
    state = await deps.state.read();
  } catch (error) {
    return { outcome: "state-unavailable", ...report, reason: reasonOf(error) };
  }
  let deployed: string | null;
  try {
    deployed = await deps.readDeployedVersion();
  } catch (error) {
    return { outcome: "site-unavailable", ...report, reason: reasonOf(error) };
  }

  const now = deps.now();
  const decision = decide({ now, database: database.version, deployed, state, settings });
  let outcome = decision.outcome;
  let reason: string | undefined;
  let next = decision.state;
  if (decision.action === "trigger") {
    if (!deps.callBuildHook) {
      outcome = "no-build-hook";
    } else {
      try {
        await deps.callBuildHook(database.version);
        next = afterTrigger(next, now, database.version, decision.attempts);
      } catch (error) {
        // Not remembered as asked for, so the next check asks again.
        outcome = "hook-failed";
        reason = reasonOf(error);
      }
    }
  }
  await deps.state.write(next);
  return { outcome, ...report, deployedVersion: deployed, ...(reason ? { reason } : {}) };
}
