/**
 * The choices a pledge is made from, read from content/ so the form, the function and the
 * database checks all name the same actions, kinds of organisation and areas.
 */
import actions from "../../content/actions.json" with { type: "json" };
import benefits from "../../content/benefits.json" with { type: "json" };
import organisationKinds from "../../content/organisation-kinds.json" with { type: "json" };
import wards from "../../content/wards.json" with { type: "json" };
import { Constants } from "../storage/database.types.ts";

export interface Choice {
  id: string;
  name: string;
  hint?: string;
}

const nonEmpty = <T extends { id: string }>(list: readonly T[]) => {
  const [first, ...rest] = list.map((item) => item.id);
  if (first === undefined) throw new Error("a pledge catalogue list in content/ is empty");
  return [first, ...rest] as [string, ...string[]];
};

export const actionIds = nonEmpty(actions);
export const organisationKindIds = nonEmpty(organisationKinds);
export const wardIds = nonEmpty(wards);

/** The database's pledge_listing enum, as generated: the listing choices are the database's own. */
export const listingIds = Constants.public.Enums.pledge_listing;
export type ListingId = (typeof listingIds)[number];

export const pledgeCatalogue = {
  benefits: [...benefits]
    .sort((a, b) => a.order - b.order)
    .map((benefit) => ({
      id: benefit.id,
      name: benefit.title,
      actions: [...actions]
        .filter((action) => action.benefit === benefit.id)
        .sort((a, b) => a.order - b.order)
        .map((action): Choice => ({ id: action.id, name: action.title })),
    })),
  organisationKinds: organisationKinds as Choice[],
  wards: wards as Choice[],
};

export const nameOf = (list: readonly Choice[], id: string | undefined) => list.find((item) => item.id === id)?.name;
export const actionName = (id: string) =>
  nameOf(
    pledgeCatalogue.benefits.flatMap((benefit) => benefit.actions),
    id,
  );
