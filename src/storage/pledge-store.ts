/**
 * The storage port: what the pledge service needs from a database, whichever one it is.
 * Adapters: Supabase (production) and PGlite (embedded, the default without configuration).
 */

/** A checked pledge, ready to store; field names follow the database columns. */
export interface NewPledge {
  idempotency_key: string;
  name: string;
  kind: string;
  ward: string | null;
  website: string | null;
  actions: string[];
  commitment: string | null;
  target_date: string | null;
  contact_name: string;
  contact_email: string;
  listing: string;
  privacy_acknowledged_at: string;
  charter_version: string;
  channel: "online" | "assisted" | "paper";
}

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

export type PledgeStatus = "pending" | "approved" | "rejected" | "withdrawn";

/** One pledge as the moderation list shows it. */
export interface PledgeSummary {
  id: string;
  reference: string;
  name: string | null;
  kind: string;
  status: PledgeStatus;
  listing: string;
  created_at: string;
}

export interface StatusChange {
  from_status: PledgeStatus | null;
  to_status: PledgeStatus;
  changed_by: string;
  reason: string | null;
  changed_at: string;
}

/** Everything held about one pledge, private fields included: for council officers only. */
export interface PledgeRecord extends PledgeSummary {
  ward: string | null;
  website: string | null;
  actions: string[];
  commitment: string | null;
  target_date: string | null;
  contact_name: string | null;
  contact_email: string | null;
  channel: string;
  charter_version: string;
  decided_at: string | null;
  history: StatusChange[];
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

/** An approved pledge whose author is to be told, with only what that e-mail needs. */
export interface ApprovalNotice {
  id: string;
  reference: string;
  name: string | null;
  listing: string;
  contact_name: string | null;
  contact_email: string | null;
}

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

interface SubmitRow {
  outcome: string;
  reference: string | null;
  publicly_listed: boolean | null;
}

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
export interface StatusChangeRow {
  status: PledgeStatus;
  previous_status: PledgeStatus;
}

/** Both adapters call set_pledge_status; this reads its answer the same way. */
export function statusChangeOutcome(rows: readonly StatusChangeRow[] | null | undefined): StatusChangeOutcome {
  const [row] = rows ?? [];
  if (!row) return "not-found";
  return row.previous_status === row.status ? "unchanged" : "changed";
}
