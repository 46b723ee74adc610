/**
 * The public wall's read path, as a port: the public_signatories view, the public_progress()
 * totals and the public_wall_version() digest, always read as the anonymous role. The build
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

export interface PublicWallReader {
  readSignatories(): Promise<PublicSignatory[]>;
  readProgress(): Promise<ProgressRow[]>;
  /** Read often by the scheduled rebuild check, so it gives up after timeoutMs. */
  readWallVersion(options?: { timeoutMs?: number }): Promise<WallVersionRow>;
}

/** The view's rows the wall may show: the view only lists those, and this keeps the type honest. */
export const isListed = (row: SignatoryRow): row is PublicSignatory => row.name !== null && row.listed_at !== null;
