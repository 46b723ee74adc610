/**
 * The officers' port: the officers' list, signing in with a one-time code, and the console's
 * every read and write, each made with a session token the database checks
 * (supabase/migrations/20261130200000_officers_console.sql). Row types come from the generated
 * database types.
 */
import type { Database } from "./database.types.ts";
import type { NewPledge, PledgeRecord, PledgeStatus, StatusChangeOutcome, SubmitOutcome } from "./pledge-store.ts";
import type { PledgeChange } from "./pledger-store.ts";

type Functions = Database["public"]["Functions"];
type RowOf<Name extends keyof Functions> = Functions[Name]["Returns"] extends (infer Row)[] ? Row : never;

export type OfficerListing = RowOf<"list_officers">;
export type QueueRow = RowOf<"officer_queue">;
export type SimilarPledge = RowOf<"officer_similar_pledges">;
export type OverviewRow = RowOf<"officer_overview">;
export type ActivityRow = RowOf<"officer_recent_activity">;
export type SignedInOfficer = RowOf<"officer_session">;
export type IssuedCode = RowOf<"officer_request_code">;
export type StartedSession = RowOf<"officer_sign_in">;
/** A pledge with a change its author asked for waiting for an officer. */
export type ChangeWaitingRow = RowOf<"officer_changes_waiting">;
export type QueueFilter = Partial<{
  status: PledgeStatus | "any";
  kind: string;
  ward: string;
  channel: NewPledge["channel"];
  search: string;
}>;

/** How an officer's pledge was given the privacy notice, and the date on a paper form. */
export interface TakenPledge {
  pledge: NewPledge;
  privacyStatement: string;
  formDated?: string | undefined;
}

/**
 * An officer's decision on the change waiting for a pledge. A rejection needs a reason. changeId,
 * when given, names the change the officer read: if the pledger has replaced it since, nothing is
 * decided ("none").
 */
export interface ChangeDecision {
  pledgeId: string;
  approve: boolean;
  reason?: string | undefined;
  changeId?: number | undefined;
}

/** approved (the pledge now shows the change), rejected, or none: no change was waiting, or not the one named. */
export type ChangeDecisionOutcome = "approved" | "rejected" | "none";

export const changeDecisionOutcomeOf = (answer: unknown): ChangeDecisionOutcome =>
  answer === "approved" || answer === "rejected" ? answer : "none";

/** The database found no live session for the token: signed out, expired, or the officer removed. */
export class NotSignedInError extends Error {
  override name = "NotSignedInError";
}

/** Reads require_officer's refusal, which every console function raises without a live session. */
export function isNotSignedIn(error: unknown): boolean {
  const shape = (typeof error === "object" && error !== null ? error : {}) as { code?: unknown; message?: unknown };
  return shape.code === "42501" && String(shape.message).startsWith("No officer is signed in");
}

/** The command line's part: the list itself. */
export interface OfficerList {
  addOfficer(address: string, name: string, actor: string): Promise<"added" | "already-listed">;
  removeOfficer(address: string, actor: string): Promise<boolean>;
  listOfficers(): Promise<OfficerListing[]>;
}

/** Signing in and out: each answers "nothing" alike for an unknown address or a wrong code. */
export interface OfficerSignIn {
  requestSignInCode(address: string): Promise<IssuedCode | undefined>;
  signIn(address: string, code: string): Promise<StartedSession | undefined>;
  sessionOfficer(token: string): Promise<SignedInOfficer | undefined>;
  signOut(token: string): Promise<boolean>;
}

/** What a signed-in officer does; each throws NotSignedInError when the token has no live session. */
export interface OfficerConsoleStore {
  queue(token: string, filter?: QueueFilter): Promise<QueueRow[]>;
  showFor(token: string, idOrReference: string): Promise<PledgeRecord | undefined>;
  similar(token: string, pledgeId: string): Promise<SimilarPledge[]>;
  decide(token: string, change: { id: string; status: PledgeStatus; reason?: string }): Promise<StatusChangeOutcome>;
  eraseFor(token: string, pledgeId: string): Promise<"erased" | "not-found">;
  take(token: string, taken: TakenPledge): Promise<SubmitOutcome>;
  /** Stores a pledge the drain set aside, as its author sent it online, with the officer's corrections. */
  storeSetAside(token: string, pledge: NewPledge): Promise<SubmitOutcome>;
  /** Records that a set-aside pledge was discarded; the queue's store lets go of it. */
  discardSetAside(token: string, queueKey: string): Promise<void>;
  exportFor(token: string): Promise<PledgeRecord[]>;
  overview(token: string): Promise<OverviewRow[]>;
  listedOfficers(token: string): Promise<OfficerListing[]>;
  activity(token: string, maxRows?: number): Promise<ActivityRow[]>;
  /** Every change the pledge's author asked for, newest first. */
  changesFor(token: string, pledgeId: string): Promise<PledgeChange[]>;
  /** Approving applies the change with every rule of the pledges table: a value it now refuses throws StorageRefusalError. */
  decideChange(token: string, decision: ChangeDecision): Promise<ChangeDecisionOutcome>;
  /** The pledges with a change waiting, the longest waiting first. */
  changesWaiting(token: string): Promise<ChangeWaitingRow[]>;
}

export type OfficerStore = OfficerList & OfficerSignIn & OfficerConsoleStore;

/** Every adapter holds the officers' port beside its pledge ports. */
export interface WithOfficers {
  readonly officers: OfficerStore;
}

/** The queue function's arguments, alike for SQL and for PostgREST's named arguments. */
export function queueArguments(token: string, filter: QueueFilter = {}) {
  return {
    token,
    only_status: filter.status === "any" ? null : (filter.status ?? "pending"),
    only_kind: filter.kind || null,
    only_ward: filter.ward || null,
    only_channel: filter.channel ?? null,
    search: filter.search || null,
  };
}
