/**
 * The public list as open data (Open Government Licence v3.0): only the columns the public view
 * exposes, plus readable names for the codes. Documented at /data/.
 */
import { toCsv } from "../csv.ts";
import type { PublicSignatory } from "./public-signatories.ts";
import { actionNames, kindName, wardName } from "./wall-view.ts";

export const openDataColumns = {
  id: "A stable identifier for the signatory",
  name: "The name the signatory chose to show",
  kind: "Kind of organisation (code)",
  kind_name: "Kind of organisation",
  ward: "Area of Stevenage (code), if shown",
  ward_name: "Area of Stevenage, if shown",
  website: "Website, if given and shown",
  actions: "The charter's example actions pledged (codes, separated by semicolons)",
  action_names: "The actions pledged, in the charter's words",
  commitment: "The commitment in their own words, if shown",
  target_date: "The date they hope to have done it by, if given",
  listed_at: "When the pledge was approved and listed (ISO 8601)",
} as const;

export type OpenDataRow = Record<keyof typeof openDataColumns, string | null>;

export function openDataRows(signatories: PublicSignatory[]): OpenDataRow[] {
  return signatories.map((signatory) => ({
    id: signatory.id,
    name: signatory.name,
    kind: signatory.kind,
    kind_name: kindName(signatory.kind),
    ward: signatory.ward,
    ward_name: wardName(signatory.ward),
    website: signatory.website,
    actions: signatory.actions.join("; "),
    action_names: actionNames(signatory.actions).join("; "),
    commitment: signatory.commitment,
    target_date: signatory.target_date,
    listed_at: signatory.listed_at,
  }));
}

export const openDataCsv = (signatories: PublicSignatory[]) =>
  toCsv(Object.keys(openDataColumns) as (keyof OpenDataRow)[], openDataRows(signatories));

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
      title: "Signatories of A Cooperative Inclusive Economy Charter for Stevenage",
      source: new URL("/signatories/", site).href,
      licence,
      columns: openDataColumns,
      signatories: openDataRows(signatories),
    },
    null,
    2,
  )}\n`;
