/**
 * The public wall read path for the adapters that speak SQL directly (PGlite, PostgreSQL): the
 * same statements, run as the anon role through the runner each adapter provides.
 */
import type {
  CheckInDate,
  FormerSignatory,
  ImpactRow,
  ProgressRow,
  PublicCommitment,
  PublicSignatory,
  PublicWallReader,
  WallVersionRow,
} from "./public-wall-reader.ts";

export type RunAsAnon = <T>(sql: string) => Promise<T[]>;

// A date column read through pg or PGlite becomes a Date at some midnight, which the build's time
// zone could move to the day before; as text it stays the day the pledger gave, as PostgREST sends it.
const signatories = `select id, name, kind, ward, website, actions, commitment, target_date::text as target_date,
  listed_at from public.public_signatories order by listed_at desc, id`;

/** pg and PGlite hand a timestamp over as a Date; PostgREST and the wall use its ISO text. */
const isoText = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

export function sqlPublicWallReader(run: RunAsAnon): PublicWallReader {
  return {
    async readSignatories() {
      const rows = await run<PublicSignatory & { listed_at: unknown }>(signatories);
      return rows.map((row) => ({ ...row, listed_at: String(isoText(row.listed_at)) }));
    },
    readProgress: () => run<ProgressRow>("select measure, category, pledges from public.public_progress()"),
    readCommitments: () =>
      run<PublicCommitment>(
        `select id, signatory_id, action_id, status, status_since, evidence_url, note, evidence_accepted_at
         from public.public_commitments() order by id`,
      ),
    readCheckInDates: () =>
      run<CheckInDate>(
        "select signatory_id, last_check_in_at from public.public_check_in_dates() order by signatory_id",
      ),
    readImpact: () =>
      run<ImpactRow>("select subject_kind, subject, ward, quarter, status, commitments from public.public_impact()"),
    readFormerSignatories: () =>
      run<FormerSignatory>("select id, listed_at, withdrawn_at from public.public_former_signatories()"),
    async readWallVersion() {
      const [row] = await run<WallVersionRow & { last_decided_at: unknown }>(
        "select version, approved, last_decided_at from public.public_wall_version()",
      );
      if (!row) throw new Error("public_wall_version() returned no row");
      const decided = isoText(row.last_decided_at);
      return { ...row, last_decided_at: typeof decided === "string" ? decided : null };
    },
  };
}
