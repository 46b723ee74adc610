/**
 * The public wall's read path, as a port: the public_signatories view, the public_progress()
 * totals, the commitments, check-in dates, impact counts and former signatories
 * (public_commitments(), public_check_in_dates(), public_impact(), public_former_signatories())
 * and the public_wall_version() digest, always read as the anonymous role. The build
 * never reads pledges with the service role, so a private field cannot reach dist/ even by
 * mistake: the database will not hand it over. Adapters: Supabase with the anon key, and
 * PostgreSQL or PGlite as the anon role (sql-public-wall-reader.ts); choose-public-wall-reader.ts
 * picks one.
 */
import type { Database } from "./database.types.ts";

type Public = Database["public"];
type Returned<Name extends keyof Public["Functions"]> = Public["Functions"][Name]["Returns"] extends (infer Row)[]
  ? Row
  : never;
type SignatoryRow = Public["Views"]["public_signatories"]["Row"];

/**
 * A signatory as the wall shows it: a row of the public view. The view lists only pledges shown
 * by name, so a row always has a name and the date it was listed (the generator cannot know).
 */
export type PublicSignatory = Omit<SignatoryRow, "name" | "listed_at"> & {
  [Column in "name" | "listed_at"]: NonNullable<SignatoryRow[Column]>;
};

/** A row of public_progress(): the whole list's total has no category. */
export type ProgressRow = Omit<Returned<"public_progress">, "category"> & { category: string | null };

/** public_wall_version()'s row: the count is withheld under 5, and an empty wall has no last decision. */
export type WallVersionRow = Pick<Returned<"public_wall_version">, "version"> & {
  [Column in "approved" | "last_decided_at"]: Returned<"public_wall_version">[Column] | null;
};

/**
 * A commitment of a signatory on the wall, as officers accepted it: its evidence link and note
 * are null until one was accepted, and the own-words commitment has no action.
 */
export type PublicCommitment = Omit<
  Returned<"public_commitments">,
  "action_id" | "evidence_url" | "note" | "evidence_accepted_at"
> & {
  [Column in "action_id" | "evidence_url" | "note" | "evidence_accepted_at"]:
    | Returned<"public_commitments">[Column]
    | null;
};

/** Each signatory on the wall with its last accepted check-in, null before its first. */
export type CheckInDate = Omit<Returned<"public_check_in_dates">, "last_check_in_at"> & {
  last_check_in_at: string | null;
};

/**
 * A count of commitments with one status: of all, of a benefit's or of an action's (the own
 * words are the action null); for the whole town (ward and quarter null), one area, or at one
 * quarter's end ("2026-Q4"). Counts under 5 are never handed out.
 */
export type ImpactRow = Omit<Returned<"public_impact">, "subject_kind" | "subject" | "ward" | "quarter"> & {
  subject_kind: "all" | "benefit" | "action";
  subject: string | null;
  ward: string | null;
  quarter: string | null;
};

/**
 * A withdrawn pledge that had been listed by name: its dates, and its id for the grey badge that
 * still answers at the address the organisation copied onto its website; never its name.
 */
export type FormerSignatory = Returned<"public_former_signatories">;

export interface PublicWallReader {
  readSignatories(): Promise<PublicSignatory[]>;
  readProgress(): Promise<ProgressRow[]>;
  readCommitments(): Promise<PublicCommitment[]>;
  readCheckInDates(): Promise<CheckInDate[]>;
  readImpact(): Promise<ImpactRow[]>;
  readFormerSignatories(): Promise<FormerSignatory[]>;
  /** Read often by the scheduled rebuild check, so it gives up after timeoutMs. */
  readWallVersion(options?: { timeoutMs?: number }): Promise<WallVersionRow>;
}

/** The view's rows the wall may show: the view only lists those, and this keeps the type honest. */
export const isListed = (row: SignatoryRow): row is PublicSignatory => row.name !== null && row.listed_at !== null;
