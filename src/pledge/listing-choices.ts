/**
 * What each listing choice shows on the public list, for an organisation and for a resident:
 * content/listing-choices.json is the one table the form's hints, the privacy notice and the
 * database's public columns are all held to. A field is shown only when it was also given.
 */
import { z } from "zod";
import table from "../../content/listing-choices.json" with { type: "json" };
import { type ListingId, listingIds } from "./pledge-catalogue.ts";

/** The columns of the public view, public_signatories, other than its id. */
export const publicFields = [
  "name",
  "kind",
  "actions",
  "commitment",
  "target_date",
  "listed_at",
  "website",
  "ward",
] as const;
export type PublicField = (typeof publicFields)[number];

const shown = z.array(z.enum(publicFields)).refine((list) => new Set(list).size === list.length, "a field twice");

export const listingChoicesSchema = z.object({
  fields: z.record(z.enum(publicFields), z.string().min(1)),
  table: z.object({
    caption: z.string().min(1),
    choice: z.string().min(1),
    organisation: z.string().min(1),
    resident: z.string().min(1),
    nothing: z.string().min(1),
    /** How a hint says a field is shown for organisations only. */
    organisationOnly: z.string().min(1),
  }),
  choices: z.record(z.enum(listingIds), z.object({ organisation: shown, resident: shown })),
});

export const listingChoices = listingChoicesSchema.parse(table);

export type Pledger = "organisation" | "resident";

/** Every kind but "resident" is an organisation. */
export const pledgerOf = (kind: string): Pledger => (kind === "resident" ? "resident" : "organisation");

export const shownFields = (listing: ListingId, kind: string): readonly PublicField[] =>
  listingChoices.choices[listing][pledgerOf(kind)];
