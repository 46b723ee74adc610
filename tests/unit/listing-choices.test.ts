/**
 * The form's hint for each listing choice says what content/listing-choices.json shows: it
 * names every field shown, says when a field is shown for organisations only, and names no
 * field that is not shown.
 */
import { describe, expect, it } from "vitest";
import words from "../../content/pledge-form.json" with { type: "json" };
import { listingChoices, publicFields } from "../../src/pledge/listing-choices.ts";
import { listingIds } from "../../src/pledge/pledge-catalogue.ts";

describe.each(listingIds)("the hint for %s", (listing) => {
  const hint = words.fields.listing.options[listing].hint.toLowerCase();
  const { organisation, resident } = listingChoices.choices[listing];

  it.each(publicFields)("agrees with the table about %s", (field) => {
    const phrase = listingChoices.fields[field].toLowerCase();
    const forOrganisations = organisation.includes(field);
    const forResidents = resident.includes(field);
    if (forOrganisations || forResidents) expect(hint).toContain(phrase);
    else expect(hint).not.toContain(phrase);
    if (forOrganisations && !forResidents) {
      expect(hint).toContain(`${listingChoices.table.organisationOnly} ${phrase}`);
    }
  });
});

describe("the listing choices table", () => {
  it("shows a resident's website under no choice, and the area only for name and area", () => {
    for (const listing of listingIds) {
      const { organisation, resident } = listingChoices.choices[listing];
      expect(resident).not.toContain("website");
      expect(organisation.includes("ward")).toBe(listing === "name-and-area");
      expect(resident.includes("ward")).toBe(listing === "name-and-area");
    }
    expect(listingChoices.choices["count-only"]).toEqual({ organisation: [], resident: [] });
  });
});
