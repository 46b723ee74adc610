/**
 * The public list as open data (Open Government Licence v3.0): only the columns the public view
 * exposes, plus readable names for the codes and each signatory's recognition level as this build
 * worked it out. The shape is fixed and described in the file itself (its columns, from
 * content/open-data.json): the JSON gives the actions as lists of codes and of names; the CSV
 * joins them with "; " and starts with a byte order mark, without which Excel reads the UTF-8 as
 * another encoding and garbles every accented name. The commitments, with their progress, are a
 * file of their own, one row per commitment.
 */
import words from "../../content/open-data.json" with { type: "json" };
import { toCsv } from "../csv.ts";
import type { PublicCommitment, Standing } from "./levels.ts";
import type { PublicSignatory } from "./public-signatories.ts";
import { actionNames, kindName, wardName } from "./wall-view.ts";

export const openDataColumns: Record<keyof OpenDataRow, string> = words.columns;

export interface OpenDataRow {
  id: string;
  name: string;
  kind: string;
  kind_name: string;
  ward: string | null;
  ward_name: string | null;
  website: string | null;
  actions: string[];
  action_names: string[];
  commitment: string | null;
  target_date: string | null;
  listed_at: string;
  level: string;
  level_since: string;
  lapsed: boolean;
}

/** Each signatory's standing, by id: every signatory in a file must have one. */
export type Standings = ReadonlyMap<string, Standing>;

function standingOf(standings: Standings, id: string): Standing {
  const standing = standings.get(id);
  if (!standing) throw new Error(`no recognition level was worked out for signatory ${id}`);
  return standing;
}

export function openDataRows(signatories: PublicSignatory[], standings: Standings): OpenDataRow[] {
  return signatories.map((signatory) => {
    const standing = standingOf(standings, signatory.id);
    return {
      id: signatory.id,
      name: signatory.name,
      kind: signatory.kind,
      kind_name: kindName(signatory.kind),
      ward: signatory.ward,
      ward_name: wardName(signatory.ward),
      website: signatory.website,
      actions: signatory.actions,
      action_names: actionNames(signatory.actions),
      commitment: signatory.commitment,
      target_date: signatory.target_date,
      listed_at: signatory.listed_at,
      level: standing.level,
      level_since: standing.since,
      lapsed: standing.lapsed,
    };
  });
}

export const byteOrderMark = "\uFEFF";

/** Lists become one cell each, joined with "; " (src/csv.ts). */
export const openDataCsv = (signatories: PublicSignatory[], standings: Standings) =>
  `${byteOrderMark}${toCsv(Object.keys(openDataColumns) as (keyof OpenDataRow)[], openDataRows(signatories, standings))}`;

export const licence = {
  name: "Open Government Licence v3.0",
  url: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
};

/**
 * The list as JSON, in the order given. JSON.stringify writes control characters and half a surrogate
 * pair as \u escapes, so any stored value comes out as well-formed JSON and reads back whole.
 */
export const openDataJson = (signatories: PublicSignatory[], standings: Standings, site: URL | string) =>
  `${JSON.stringify(
    {
      title: words.title,
      source: new URL("/signatories/", site).href,
      licence,
      columns: openDataColumns,
      signatories: openDataRows(signatories, standings),
    },
    null,
    2,
  )}\n`;

export const commitmentColumns: Record<keyof CommitmentRow, string> = words.commitments.columns;

/** The wall's links to the commitments files. */
export const commitmentsLinkText = { csv: words.commitments.csv, json: words.commitments.json };

export interface CommitmentRow {
  signatory_id: string;
  action_id: string | null;
  action_name: string;
  status: PublicCommitment["status"];
  status_since: string;
  evidence_url: string | null;
}

const actionName = (id: string) => actionNames([id])[0] ?? id;

/**
 * One row per commitment, signatory by signatory in the order given, each signatory's in the
 * order given too. The public read publishes an evidence link only once an officer accepted it,
 * so one that was not accepted has no link here either.
 */
export function commitmentRows(
  signatories: Pick<PublicSignatory, "id">[],
  commitmentsOf: ReadonlyMap<string, PublicCommitment[]>,
): CommitmentRow[] {
  return signatories.flatMap((signatory) =>
    (commitmentsOf.get(signatory.id) ?? []).map((commitment) => ({
      signatory_id: signatory.id,
      action_id: commitment.action_id,
      action_name: commitment.action_id === null ? words.commitments.ownWords : actionName(commitment.action_id),
      status: commitment.status,
      status_since: commitment.status_since,
      evidence_url: commitment.evidence_accepted_at === null ? null : commitment.evidence_url,
    })),
  );
}

export const commitmentsCsv = (...args: Parameters<typeof commitmentRows>) =>
  `${byteOrderMark}${toCsv(Object.keys(commitmentColumns) as (keyof CommitmentRow)[], commitmentRows(...args))}`;

export const commitmentsJson = (
  signatories: Pick<PublicSignatory, "id">[],
  commitmentsOf: ReadonlyMap<string, PublicCommitment[]>,
  site: URL | string,
) =>
  `${JSON.stringify(
    {
      title: words.commitments.title,
      source: new URL("/signatories/", site).href,
      licence,
      columns: commitmentColumns,
      commitments: commitmentRows(signatories, commitmentsOf),
    },
    null,
    2,
  )}\n`;
