/**
 * A stored pledge's answers as the pledge form holds them, so a form shown for a stored pledge
 * (an officer correcting a set-aside pledge, a pledger changing their own) starts from what its
 * author sent, and the same schema checks it again.
 */
import type { NewPledge } from "../storage/pledge-store.ts";

type Answered = Pick<
  NewPledge,
  "kind" | "ward" | "website" | "actions" | "commitment" | "target_date" | "listing" | "contact_email"
> & { name: string | null; contact_name: string | null };

export function formValuesOf(pledge: Answered): Record<string, string | string[]> {
  const [year = "", month = "", day = ""] = pledge.target_date?.split("-") ?? [];
  return {
    kind: pledge.kind,
    name: pledge.name ?? "",
    ward: pledge.ward ?? "",
    website: pledge.website ?? "",
    actions: pledge.actions,
    commitment: pledge.commitment ?? "",
    targetDay: day ? String(Number(day)) : "",
    targetMonth: month ? String(Number(month)) : "",
    targetYear: year,
    contactName: pledge.contact_name ?? "",
    email: pledge.contact_email ?? "",
    listing: pledge.listing,
  };
}
