/**
 * The database shows what content/listing-choices.json says each listing choice shows, for an
 * organisation and for a resident, and nothing else: every choice × kind is stored with every
 * field given, approved, and read back as the anonymous role through the public view.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PublicField, publicFields, shownFields } from "../../../src/pledge/listing-choices.ts";
import { listingIds, organisationKindIds } from "../../../src/pledge/pledge-catalogue.ts";
import { openMigrated, pledgeRow, submit, type TestDatabase, testDatabaseKinds } from "../support/databases.ts";

const cases = listingIds.flatMap((listing) => organisationKindIds.map((kind) => ({ listing, kind })));

describe.each(testDatabaseKinds)("what each listing choice shows on $name", ({ open }) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openMigrated(open);
  }, 60_000);
  afterAll(() => db?.close());

  it.each(cases)("shows for $listing from a $kind exactly what content/listing-choices.json says", async (choice) => {
    const row = pledgeRow({
      ...choice,
      ward: "bedwell",
      website: "https://example.org/given",
      commitment: "Our own words",
      target_date: "2027-03-31",
    });
    const { reference } = await submit(db, row);
    const [stored] = await db.as<{ id: string }>(
      "service_role",
      "update public.pledges set status = 'approved' where reference = $1 returning id",
      [reference],
    );
    const [seen] = await db.as<Record<PublicField | "id", unknown>>(
      "anon",
      "select * from public.public_signatories where id = $1",
      [stored?.id],
    );
    const shown = seen ? publicFields.filter((field) => seen[field] !== null && seen[field] !== undefined) : [];
    expect(shown.sort()).toEqual([...shownFields(choice.listing, choice.kind)].sort());
  });
});
