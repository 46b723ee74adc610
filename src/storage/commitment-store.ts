/**
 * The port for what happens after approval: each commitment of an approved pledge (each chosen
 * action, and the own-words commitment) with its status, check-ins by the pledger (from an
 * e-mailed link) or taken by an officer, and the officers' review that publishes them
 * (supabase/migrations/20261201100000_commitments_and_check_ins.sql). The database's rows are
 * typed by the generated database types; these are the shapes the rest of the site reads.
 */
import type { Database } from "./database.types.ts";

type Functions = Database["public"]["Functions"];
type RowOf<Name extends keyof Functions> = Functions[Name]["Returns"] extends (infer Row)[] ? Row : never;

export type CommitmentStatus = Database["public"]["Enums"]["commitment_status"];

/** One commitment as its pledger and the officers see it. */
export interface Commitment {
  id: string;
  /** The charter action's id; null for the pledge's own-words commitment. */
  action_id: string | null;
  status: CommitmentStatus;
  /** ISO 8601, UTC: when the status (as accepted) last changed. */
  status_since: string;
  /** Published only once an officer accepted it. */
  evidence_url: string | null;
  note: string | null;
  evidence_accepted_at: string | null;
}

/** A pledger's (or an officer's) answer about one commitment. */
export interface CheckInAnswer {
  commitment_id: string;
  status: CommitmentStatus;
  evidence_url: string | null;
  note: string | null;
}

export interface CheckIn {
  id: string;
  pledge_id: string;
  reference: string;
  name: string | null;
  source: "pledger" | "officer";
  submitted_at: string;
  review: "waiting" | "accepted" | "rejected";
  reviewed_at: string | null;
  reviewed_by: string | null;
  reason: string | null;
  /** How an officer took it (by phone, in person); none for a pledger's own, or once erased. */
  statement?: string | null;
  /** An accepted check-in: whether its evidence links and notes were published, or its statuses only. */
  evidence_published?: boolean | null;
  /** Each answer beside the commitment as it stands now. */
  answers: (CheckInAnswer & { current: Commitment })[];
}

/**
 * A check-in e-mail due. The occasion names which: "6-months", "12-months", "target-date", then
 * "24-months", "36-months"… a year apart.
 */
export interface DueCheckIn {
  reference: string;
  contact_email: string;
  occasion: string;
}

export type CheckInDecision = "accept" | "accept-without-evidence" | "reject";

/** The pledger's side, called once the server has checked the link's signed key. */
export interface PledgerCheckIns {
  /** The approved pledge's commitments, or none when the pledge is not approved. */
  commitmentsFor(reference: string): Promise<{ name: string; commitments: Commitment[] } | undefined>;
  /**
   * Stores the answers for an officer to review (replacing a check-in still waiting); "refused"
   * when not approved. A value the tables refuse (an evidence link that is not http(s) or longer
   * than 200 characters, a note longer than 280, a status that is not one, a commitment not the
   * pledge's) throws StorageRefusalError, and nothing is stored.
   */
  submitCheckIn(reference: string, answers: CheckInAnswer[]): Promise<"stored" | "refused">;
  /** Claims the check-in e-mails now due, so two runs never send one twice. */
  claimDueCheckIns(maxCount: number): Promise<DueCheckIn[]>;
}

/** The officers' side: each throws NotSignedInError without a live session, as the console's other calls. */
export interface OfficerCheckIns {
  checkInsWaiting(token: string): Promise<CheckIn[]>;
  checkInsFor(token: string, pledgeId: string): Promise<CheckIn[]>;
  commitmentsOf(token: string, pledgeId: string): Promise<Commitment[]>;
  /** "none" when no such check-in waits (decided, replaced by a newer one, or its pledge no longer approved); a rejection without a reason throws StorageRefusalError. */
  decideCheckIn(
    token: string,
    decision: { checkInId: string; decision: CheckInDecision; reason?: string | undefined },
  ): Promise<"decided" | "none">;
  /** A check-in taken by phone or in person: accepted as it is recorded. */
  recordCheckIn(
    token: string,
    entry: { pledgeId: string; answers: CheckInAnswer[]; statement: string },
  ): Promise<"recorded" | "refused">;
}

export interface WithCheckIns {
  readonly checkIns: PledgerCheckIns & OfficerCheckIns;
}

/** pledger_check_in_commitments' row: the pledge's name beside each commitment. */
export type CheckInCommitmentRow = Omit<RowOf<"pledger_check_in_commitments">, "name"> & { name: string | null };

export function commitmentsForOf(rows: readonly CheckInCommitmentRow[]) {
  const [first] = rows;
  if (!first) return undefined;
  return { name: first.name ?? "", commitments: rows.map(({ name: _name, ...commitment }): Commitment => commitment) };
}

/** A check-in as officer_check_ins_waiting and officer_check_ins_for give it: its answers as JSON. */
export type CheckInRow = RowOf<"officer_check_ins_for">;

export function checkInFromRow(row: CheckInRow): CheckIn {
  return {
    ...row,
    source: row.source as CheckIn["source"],
    review: row.review as CheckIn["review"],
    answers: (row.answers ?? []) as unknown as CheckIn["answers"],
  };
}

/** The answers as the database functions read them, field by field. */
export const answersJson = (answers: readonly CheckInAnswer[]) =>
  answers.map(({ commitment_id, status, evidence_url, note }) => ({ commitment_id, status, evidence_url, note }));

/** Each function answers one of a few words; anything else is a fault, never a guess. */
export function wordOf<const Word extends string>(operation: string, words: readonly Word[], answer: unknown): Word {
  if (typeof answer === "string" && (words as readonly string[]).includes(answer)) return answer as Word;
  throw new Error(`${operation} answered ${JSON.stringify(answer)}`);
}
