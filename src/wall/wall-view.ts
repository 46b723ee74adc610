/**
 * How the wall is ordered, filtered and described: pure functions over the public signatories,
 * shared by the wall's pages, its open data and its feed.
 */
import { pledgeCatalogue } from "../pledge/pledge-catalogue.ts";
import type { PublicSignatory } from "./public-signatories.ts";

export const pageSize = 50;

export const filterKinds = ["kind", "benefit", "action", "area"] as const;
export type FilterKind = (typeof filterKinds)[number];

/** The filters people combine, in the order they are asked: who, where, then what. */
export const combinedFilterKinds: readonly FilterKind[] = ["kind", "area", "benefit", "action"];

export const newestFirst = (list: PublicSignatory[]) =>
  [...list].sort((a, b) => b.listed_at.localeCompare(a.listed_at) || a.id.localeCompare(b.id));

// localeCompare with options builds a collator on every call; one collator sorts 10,000 names.
const byName = new Intl.Collator("en-GB", { sensitivity: "base" });

export const alphabetical = (list: PublicSignatory[]) =>
  [...list].sort((a, b) => byName.compare(a.name, b.name) || a.id.localeCompare(b.id));

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

/** The actions that serve a benefit: a signatory matches the benefit by pledging any of them. */
export const actionsOfBenefit = (benefitId: string) =>
  pledgeCatalogue.benefits.find((benefit) => benefit.id === benefitId)?.actions.map((action) => action.id) ?? [];

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

// Looked up for every signatory on every page of the wall, so built once rather than searched.
const namesById = (list: { id: string; name: string }[]) => new Map(list.map((item) => [item.id, item.name]));
const kindNames = namesById(pledgeCatalogue.organisationKinds);
const wardNames = namesById(pledgeCatalogue.wards);
const actionNamesById = namesById(pledgeCatalogue.benefits.flatMap((benefit) => benefit.actions));

export const kindName = (id: string) => kindNames.get(id) ?? id;
export const wardName = (id: string | null) => (id ? (wardNames.get(id) ?? id) : null);
export const actionNames = (ids: string[]) => ids.map((id) => actionNamesById.get(id) ?? id);

export const signatoryPath = (signatory: Pick<PublicSignatory, "id">) => `/signatory/${signatory.id}/`;

// One formatter for the whole build: making one per date cost seconds at 10,000 signatories.
const ukDate = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});

/** The date a signatory was listed, as people in the UK write it. */
export const listedDate = (iso: string) => ukDate.format(new Date(iso));

const ukDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** A calendar date the signatory gave (YYYY-MM-DD), the same day wherever the build runs. */
export const givenDate = (isoDate: string) => ukDay.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));

/** The wall in the two orders its pages list it in. */
export interface WallOrders {
  newest: PublicSignatory[];
  alphabetical: PublicSignatory[];
}

let orders: Promise<WallOrders> | undefined;
/**
 * The wall read from the build's snapshot once and sorted once each way, shared by every list
 * page, filter page, signatory page, the open data and the feed: the build cannot change the
 * snapshot, and each route reading and sorting a copy of its own did the same work seven times.
 */
export function loadWall(): Promise<WallOrders> {
  orders ??= (async () => {
    const { getCollection } = await import("astro:content");
    const signatories = (await getCollection("signatories")).map((entry) => entry.data as PublicSignatory);
    return { newest: newestFirst(signatories), alphabetical: alphabetical(signatories) };
  })();
  return orders;
}
