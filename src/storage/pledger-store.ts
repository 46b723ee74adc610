/**
 * The pledger's port: what a person holding their pledge's e-mailed link may see and do with it
 * (supabase/migrations/20261201090000_pledgers_manage_their_pledge.sql). The server has checked
 * the link's signed key before any call; the database decides what each status allows. Row
 * types come from the generated database types.
 */
import type { Database } from "./database.types.ts";
import { type PledgeRecord, recordFromRow } from "./pledge-store.ts";

type Public = Database["public"];
type PledgeRow = Public["Tables"]["pledges"]["Row"];
type Functions = Public["Functions"];
type RowOf<Name extends keyof Functions> = Functions[Name]["Returns"] extends (infer Row)[] ? Row : never;

/** What the public may see of a pledge, following its listing choice: a change to any goes to review. */
export type PublicFields = Pick<
  PledgeRow,
  "kind" | "ward" | "website" | "actions" | "commitment" | "target_date" | "listing"
> & { name: NonNullable<PledgeRow["name"]> };

/** A change the pledger asked for: waiting for an officer, or decided. */
export interface PledgeChange {
  id: number;
  /** ISO 8601, UTC. */
  requested_at: string;
  outcome: "waiting" | "applied" | "approved" | "rejected" | "superseded";
  /**
   * The public fields before the change, and after it: only those that differ, both empty for a
   * change to private details only, and for a change of a pledge since erased or past retention.
   */
  previous: Partial<PublicFields>;
  proposed: Partial<PublicFields>;
  /** Private details changed at once: "contact_name", "contact_email". */
  private_fields: string[];
  /** ISO 8601, UTC; a change applied at once is decided when it is made. */
  decided_at: string | null;
  /** The officer who approved or rejected it. */
  decided_by: string | null;
  /** The officer's reason, or why the change no longer waits (replaced, the pledge withdrawn…). */
  reason: string | null;
}

/** The pledge whole, as its author sees it on the manage page. */
export interface PledgerView {
  record: PledgeRecord;
  /** The change waiting for review, if any: the wall shows the record's values until it is approved. */
  waiting: PledgeChange | undefined;
  /** A new e-mail address waiting for its owner to confirm it (for a day, while its code has tries left). */
  waitingEmail: string | undefined;
}

/**
 * applied: the pledge was not yet approved, so the change is made at once (and shown to the
 * officer who reviews it), or only the contact name changed; waiting: an approved pledge's
 * change waits for an officer, replacing any change waiting before (the same change asked again
 * keeps its place); unchanged: nothing differs (a waiting change is dropped); refused: the pledge
 * may no longer be changed (unconfirmed, rejected, withdrawn or erased), or there is no such pledge.
 * A value the pledges table would refuse is not an outcome: it throws StorageRefusalError.
 */
export type ChangeOutcome = "applied" | "waiting" | "unchanged" | "refused";

/** A code for a new e-mail address: the only time it is seen outside the database. */
export type IssuedAddressCode = RowOf<"pledger_request_address_change">;

export interface AddressConfirmed {
  outcome: "confirmed" | "refused";
  /** The address the pledge had before, to tell it of the change. */
  previous_email: string | null;
}

/** The pledge's own address, to send its manage link to. */
export type ManageLinkAddress = RowOf<"pledger_request_manage_link">;

export interface PledgerStore {
  /** None when there is no pledge with the reference. */
  view(reference: string): Promise<PledgerView | undefined>;
  /** The public fields, and the contact name (private, changed at once). */
  requestChange(reference: string, change: { fields: PublicFields; contactName: string }): Promise<ChangeOutcome>;
  /**
   * None when the pledge may not change or has no address, when the address is the one it has,
   * or when the pledge (3) or the address (5) has had its codes for the day. An address the
   * pledges table would refuse throws StorageRefusalError.
   */
  requestAddressChange(reference: string, newEmail: string): Promise<IssuedAddressCode | undefined>;
  /** A wrong code uses one of 5 tries; an address since taken by the organisation's other live pledge throws. */
  confirmAddressChange(reference: string, code: string): Promise<AddressConfirmed>;
  /** The pledge's address when reference and address match and the day's limit (3) allows; otherwise none. */
  requestManageLink(reference: string, email: string): Promise<ManageLinkAddress | undefined>;
  /** Everything held about the pledge and its author, for their subject access copy. */
  subjectAccess(reference: string): Promise<Record<string, unknown> | undefined>;
}

export interface WithPledgers {
  readonly pledgers: PledgerStore;
}

const changeOutcomes: readonly string[] = ["applied", "waiting", "unchanged", "refused"] satisfies ChangeOutcome[];

/** pledger_change_pledge answers one of four words; anything else is a fault, never a guess. */
export function changeOutcomeOf(answer: unknown): ChangeOutcome {
  if (typeof answer === "string" && changeOutcomes.includes(answer)) return answer as ChangeOutcome;
  throw new Error(`pledger_change_pledge answered ${JSON.stringify(answer)}`);
}

export function addressConfirmedOf(row: { outcome: string; previous_email: string | null } | undefined) {
  return row?.outcome === "confirmed"
    ? { outcome: "confirmed" as const, previous_email: row.previous_email }
    : { outcome: "refused" as const, previous_email: null };
}

/** A change as the database hands it out, in a row or as JSON: its fields' values are the public fields'. */
export interface PledgeChangeRow {
  id: number | string;
  requested_at: string;
  outcome: string;
  previous: unknown;
  proposed: unknown;
  private_fields: string[];
  decided_at: string | null;
  decided_by: string | null;
  reason: string | null;
}

export function changeFromRow(row: PledgeChangeRow): PledgeChange {
  return {
    ...row,
    // An identity column is a bigint, which a driver may hand out as text.
    id: Number(row.id),
    outcome: row.outcome as PledgeChange["outcome"],
    previous: (row.previous ?? {}) as Partial<PublicFields>,
    proposed: (row.proposed ?? {}) as Partial<PublicFields>,
  };
}

/** pledger_view's row: the record as show_pledge gives it, with what waits beside it. */
export type PledgerViewRow = RowOf<"pledger_view">;

export function viewFromRow({ waiting, waiting_email, ...record }: PledgerViewRow): PledgerView {
  return {
    record: recordFromRow(record),
    waiting: waiting ? changeFromRow(waiting as unknown as PledgeChangeRow) : undefined,
    waitingEmail: waiting_email ?? undefined,
  };
}

export const subjectAccessOf = (answer: unknown): Record<string, unknown> | undefined =>
  typeof answer === "object" && answer !== null && !Array.isArray(answer)
    ? (answer as Record<string, unknown>)
    : undefined;
