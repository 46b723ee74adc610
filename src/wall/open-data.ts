/**
 * The public list as open data (Open Government Licence v3.0): only the columns the public view
 * exposes, plus readable names for the codes. The shape is fixed and described in the file itself
 * (its columns, from content/open-data.json): the JSON gives the actions as lists of codes and of
 * names; the CSV joins them with "; " and starts with a byte order mark, without which Excel
 * reads the UTF-8 as another encoding and garbles every accented name.
 */
import words from "../../content/open-data.json" with { type: "json" };
import { toCsv } from "../csv.ts";
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
}

export function openDataRows(signatories: PublicSignatory[]): OpenDataRow[] {
  return signatories.map((signatory) => ({
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
  }));
}

export const byteOrderMark = "\uFEFF";

/** Lists become one cell each, joined with "; " (src/csv.ts). */
export const openDataCsv = (signatories: PublicSignatory[]) =>
  `${byteOrderMark}${toCsv(Object.keys(openDataColumns) as (keyof OpenDataRow)[], openDataRows(signatories))}`;

export const licence = {
  name: "Open Government Licence v3.0",
  url: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
};

/**
 * The list as JSON, in the order given. JSON.stringify writes control characters and half a surrogate
 * pair as \u escapes, so any stored value comes out as well-formed JSON and reads back whole.
 */
export const openDataJson = (signatories: PublicSignatory[], site: URL | string) =>
  `${JSON.stringify(
    {
      title: words.title,
      source: new URL("/signatories/", site).href,
      licence,
      columns: openDataColumns,
      signatories: openDataRows(signatories),
    },
    null,
    2,
  )}\n`;
