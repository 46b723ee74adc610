/**
 * How the wall is ordered, filtered and described: pure functions over the public signatories,
 * shared by the wall's pages, its open data and its feed.
 */
import { actionName, nameOf, pledgeCatalogue } from "../pledge/pledge-catalogue.ts";
import type { PublicSignatory } from "./public-signatories.ts";

export const pageSize = 50;

export const filterKinds = ["kind", "benefit", "action", "area"] as const;
export type FilterKind = (typeof filterKinds)[number];

export const newestFirst = (list: PublicSignatory[]) =>
  [...list].sort((a, b) => b.listed_at.localeCompare(a.listed_at) || a.id.localeCompare(b.id));

export const alphabetical = (list: PublicSignatory[]) =>
  [...list].sort((a, b) => a.name.localeCompare(b.name, "en-GB", { sensitivity: "base" }) || a.id.localeCompare(b.id));

const benefitOfAction = new Map(
  pledgeCatalogue.benefits.flatMap((benefit) => benefit.actions.map((action) => [action.id, benefit.id] as const)),
);

/** Every value a filter can take, with its label: the wall has a page for each, even empty. */
export function filterOptions(kind: FilterKind): { id: string; name: string }[] {
  switch (kind) {
    case "kind":
      return pledgeCatalogue.organisationKinds;
    case "benefit":
      return pledgeCatalogue.benefits.map(({ id, name }) => ({ id, name }));
    case "action":
      return pledgeCatalogue.benefits.flatMap((benefit) => benefit.actions);
    case "area":
      return pledgeCatalogue.wards;
  }
}

export function matches(signatory: PublicSignatory, kind: FilterKind, value: string): boolean {
  switch (kind) {
    case "kind":
      return signatory.kind === value;
    case "benefit":
      return signatory.actions.some((action) => benefitOfAction.get(action) === value);
    case "action":
      return signatory.actions.includes(value);
    case "area":
      return signatory.ward === value;
  }
}

export const kindName = (id: string) => nameOf(pledgeCatalogue.organisationKinds, id) ?? id;
export const wardName = (id: string | null) => (id ? (nameOf(pledgeCatalogue.wards, id) ?? id) : null);
export const actionNames = (ids: string[]) => ids.map((id) => actionName(id) ?? id);

export const signatoryPath = (signatory: Pick<PublicSignatory, "id">) => `/signatory/${signatory.id}/`;

/** The date a signatory was listed, as people in the UK write it. */
export const listedDate = (iso: string) =>
  new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "Europe/London",
  }).format(new Date(iso));

export async function loadSignatories(): Promise<PublicSignatory[]> {
  const { getCollection } = await import("astro:content");
  return (await getCollection("signatories")).map((entry) => entry.data as PublicSignatory);
}
