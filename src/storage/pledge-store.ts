/**
 * The storage port: what the pledge service needs from a database, whichever one it is.
 * Adapters: Supabase (production) and PGlite (embedded, the default without configuration).
 * Row types are taken from the generated database types, so a column changed in a migration
 * changes them too.
 */
import type { Database } from "./database.types.ts";

type Public = Database["public"];
type PledgeRow = Public["Tables"]["pledges"]["Row"];
type PledgeInsert = Public["Tables"]["pledges"]["Insert"];
type Returned<Name extends keyof Public["Functions"]> = Public["Functions"][Name]["Returns"] extends (infer Row)[]
  ? Row
  : never;
/** The given columns, each required, with what the column allows. */
type Given<Row, Columns extends keyof Row> = { [Column in Columns]-?: Exclude<Row[Column], undefined> };
/** The given columns, each required and holding a value: null is not an answer here. */
type Whole<Row, Columns extends keyof Row> = { [Column in Columns]-?: NonNullable<Row[Column]> };

export type PledgeStatus = Public["Enums"]["pledge_status"];
export type PledgeListing = Public["Enums"]["pledge_listing"];
export type PledgeChannel = Public["Enums"]["pledge_channel"];

/**
 * A checked pledge, ready to store: the columns submit_pledge takes. A new pledge always has a
 * name and a contact name; the columns allow null because erasure empties them later. Its
 * e-mail address may be missing only from a pledge an officer took by phone or on paper.
 */
export type NewPledge = Given<
  PledgeInsert,
  | "idempotency_key"
  | "kind"
  | "ward"
  | "website"
  | "commitment"
  | "target_date"
  | "privacy_acknowledged_at"
  | "charter_version"
  | "contact_email"
> &
  Whole<PledgeInsert, "name" | "actions" | "contact_name" | "listing" | "channel"> &
  /** Unconfirmed for a pledge from the public form, until its author confirms; otherwise pending. */
  Partial<Whole<PledgeInsert, "status">>;

export type SubmitOutcome =
  | { outcome: "created" | "replayed"; reference: string }
  | { outcome: "duplicate"; publiclyListed: boolean };

/** The database could not be reached or did not answer in time: nothing was stored. */
export class StorageUnavailableError extends Error {
  override name = "StorageUnavailableError";
}

export interface PledgeStore {
  submit(pledge: NewPledge): Promise<SubmitOutcome>;
}

export type EraseOutcome = "erased" | "not-found";

/** Keeping only what the privacy notice says we keep (UK GDPR). */
export interface PledgeLifecycle {
  /** Erases a withdrawn or rejected pledge, leaving an anonymous tombstone that is still counted. */
  erase(pledgeId: string): Promise<EraseOutcome>;
  /** Deletes contact details older than the retention periods; returns how many pledges lost them. */
  applyRetention(periods: { rejectedContactDays: number; withdrawnContactDays: number }): Promise<number>;
}

/** One pledge as the moderation list shows it. */
export type PledgeSummary = Pick<PledgeRow, "id" | "reference" | "name" | "kind" | "status" | "listing" | "created_at">;

export type StatusChange = Pick<
  Public["Tables"]["pledge_status_changes"]["Row"],
  "from_status" | "to_status" | "changed_by" | "reason" | "changed_at"
>;

/** Everything held about one pledge, private fields included: for council officers only. */
export type PledgeRecord = PledgeSummary &
  Pick<
    PledgeRow,
    | "ward"
    | "website"
    | "actions"
    | "commitment"
    | "target_date"
    | "contact_name"
    | "contact_email"
    | "channel"
    | "charter_version"
    | "decided_at"
  > & { history: StatusChange[] };

/** What show_pledge and export_pledges return for one pledge: its history comes as JSON. */
export type PledgeRecordRow = Returned<"export_pledges">;

/** Every adapter reads show_pledge's and export_pledges' rows the same way. */
export function recordFromRow({ history, ...record }: PledgeRecordRow): PledgeRecord {
  return { ...record, history: Array.isArray(history) ? (history as StatusChange[]) : [] };
}

/** A status change made, one that changed nothing (the pledge already had that status), or no such pledge. */
export type StatusChangeOutcome = "changed" | "unchanged" | "not-found";

/** What council officers do with pledges: every status change recorded with who and why. */
export interface PledgeModeration {
  list(filter?: { status?: PledgeStatus }): Promise<PledgeSummary[]>;
  /** By id or by reference (SC-…). */
  show(idOrReference: string): Promise<PledgeRecord | undefined>;
  setStatus(change: { id: string; status: PledgeStatus; actor: string; reason?: string }): Promise<StatusChangeOutcome>;
  /** The private export for the council: every pledge with its contact details. */
  exportAll(): Promise<PledgeRecord[]>;
}

/**
 * An approved pledge whose author is to be told, with only what that e-mail needs: the columns
 * claim_approval_notices returns, typed as the table holds them (the generator cannot tell a
 * function's nullable columns).
 */
export type ApprovalNotice = Pick<PledgeRow, keyof Returned<"claim_approval_notices">>;

/**
 * Approved pledges whose authors have not been told yet, however they were approved. A claim
 * marks them told, so two senders never tell one person twice; a failed e-mail gives it back.
 */
export interface ApprovalNoticeQueue {
  claimApprovalNotices(maxCount: number): Promise<ApprovalNotice[]>;
  releaseApprovalNotice(pledgeId: string): Promise<void>;
}

/** The database refused an operation because of what it was asked, not because it was down. */
export class StorageRefusalError extends Error {
  override name = "StorageRefusalError";
  /** The column whose value was refused, when the database names it. */
  readonly column: string | undefined;

  constructor(message: string, options: { cause?: unknown; column?: string | undefined } = {}) {
    super(message, { cause: options.cause });
    this.column = options.column;
  }
}

/** submit_pledge's row: only a created or replayed pledge has a reference, only a duplicate says whether it is listed. */
type SubmitRow = Given<Returned<"submit_pledge">, "outcome"> & {
  [Column in "reference" | "publicly_listed"]: Returned<"submit_pledge">[Column] | null;
};

/** Both adapters call the same SQL function; this reads its one row the same way. */
export function outcomeFromRow(row: SubmitRow | undefined): SubmitOutcome {
  if (!row) throw new StorageUnavailableError("submit_pledge returned no row");
  if (row.outcome === "duplicate") return { outcome: "duplicate", publiclyListed: row.publicly_listed === true };
  if ((row.outcome === "created" || row.outcome === "replayed") && row.reference) {
    return { outcome: row.outcome, reference: row.reference };
  }
  throw new StorageUnavailableError(`submit_pledge returned an unexpected outcome: ${row.outcome}`);
}

/** The row set_pledge_status returns: none when there is no such pledge. */
export type StatusChangeRow = Pick<Returned<"set_pledge_status">, "status" | "previous_status">;

/** Both adapters call set_pledge_status; this reads its answer the same way. */
export function statusChangeOutcome(rows: readonly StatusChangeRow[] | null | undefined): StatusChangeOutcome {
  const [row] = rows ?? [];
  if (!row) return "not-found";
  return row.previous_status === row.status ? "unchanged" : "changed";
}
