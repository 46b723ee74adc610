/** The charter's 11 example actions with their guides, grouped under the benefit each serves. */
import { getCollection, getEntry } from "astro:content";

export async function getActionsInOrder() {
  const actions = (await getCollection("actions")).sort((a, b) => a.data.order - b.data.order);
  return Promise.all(
    actions.map(async (action) => {
      const guide = await getEntry("actionGuides", action.id);
      if (!guide) throw new Error(`content/action-guides.yaml has no guide for the action "${action.id}"`);
      return { ...action.data, ...guide.data };
    }),
  );
}

export type ExampleAction = Awaited<ReturnType<typeof getActionsInOrder>>[number];

export async function getActionsByBenefit() {
  const [benefits, actions] = await Promise.all([getCollection("benefits"), getActionsInOrder()]);
  return benefits
    .sort((a, b) => a.data.order - b.data.order)
    .map((benefit) => ({ benefit, actions: actions.filter((action) => action.benefit === benefit.id) }));
}

/**
 * The pledge form with one action already ticked: a page of its own for each action, built
 * ahead like every page, so it opens ticked with or without JavaScript.
 */
export const pledgePathFor = (actionId: string) => `/pledge/action/${actionId}/`;
