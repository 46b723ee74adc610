/**
 * Received means stored: the pledge schema and the database agree. Answers are drawn from
 * everything a person or a script can send (any Unicode, lone surrogates, noncharacters, control
 * characters, capitalised schemes, the longest values), and every pledge the schema accepts is
 * stored by the real adapter on PGlite and PostgreSQL, and reads back exactly as the schema gave it.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionIds, listingIds, organisationKindIds, wardIds } from "../../../src/pledge/pledge-catalogue.ts";
import { limits, makePledgeSchema } from "../../../src/pledge/pledge-schema.ts";
import { toNewPledge } from "../../../src/pledge/pledge-service.ts";
import type { NewPledge } from "../../../src/storage/pledge-store.ts";
import { type StoreTarget, storeTargets } from "../support/stores.ts";

const today = "2026-11-30";
const schema = makePledgeSchema(() => today);
const runs = 250;

/** Any text at all, weighted towards what breaks things: whole Unicode, halves of pairs, controls. */
const anyText = (maxLength: number) =>
  fc.oneof(
    fc.string({ unit: "binary", maxLength }),
    fc.string({ unit: "grapheme", maxLength }),
    fc.string({
      unit: fc.constantFrom(
        "a",
        " ",
        "\n",
        "\ud800",
        "\udfff",
        "\uffff",
        "\ufffe",
        "\u0000",
        "é",
        "\u0301",
        "\u00ad",
        "\u202e",
        "\ufeff",
        "😀",
      ),
      maxLength,
    }),
  );

/** Hostile text around at least one visible letter, so a required answer is not left empty. */
const filledText = (maxLength: number) =>
  fc
    .tuple(anyText(maxLength), fc.constantFrom("a", "Ж", "語", "😀"), anyText(maxLength))
    .map(([before, letter, after]) => `${before}${letter}${after}`.slice(0, maxLength));

const website = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .webUrl()
      .map((url) => url.replace(/^https?/, (scheme) => (scheme.length % 2 ? scheme.toUpperCase() : "Http"))),
  },
  { weight: 3, arbitrary: fc.webUrl() },
  { weight: 3, arbitrary: fc.domain() },
  { weight: 1, arbitrary: fc.constant(`https://${"a".repeat(limits.website - 12)}.org`) },
  { weight: 1, arbitrary: anyText(60) },
);

const futureDate = fc
  .date({ min: new Date("2026-12-01T00:00:00Z"), max: new Date("2036-11-29T00:00:00Z"), noInvalidDate: true })
  .map((date) => ({
    targetDay: String(date.getUTCDate()),
    targetMonth: String(date.getUTCMonth() + 1),
    targetYear: String(date.getUTCFullYear()),
  }));

let counter = 0;
const answers = fc
  .record({
    kind: fc.constantFrom(...organisationKindIds),
    name: fc.oneof(filledText(limits.name), anyText(limits.name + 5), fc.constant("x".repeat(limits.name))),
    ward: fc.constantFrom(...wardIds),
    website: fc.oneof(fc.constant(""), website),
    actions: fc.oneof(fc.subarray([...actionIds], { minLength: 1 }), fc.constant([])),
    commitment: fc.oneof(
      filledText(limits.commitment),
      anyText(limits.commitment + 5),
      fc.constant("é".repeat(limits.commitment)),
    ),
    date: fc.oneof(fc.constant({ targetDay: "", targetMonth: "", targetYear: "" }), futureDate),
    contactName: fc.oneof(filledText(limits.contactName), anyText(limits.contactName + 5)),
    email: fc.tuple(fc.domain(), fc.boolean()).map(([domain, shout]) => (shout ? domain.toUpperCase() : domain)),
    listing: fc.constantFrom(...listingIds),
  })
  .map(({ date, email, ...rest }) => {
    counter += 1;
    // A fresh address each time, so no draw is a duplicate of another.
    return { ...rest, ...date, email: `Pledger.${counter}@${email}`, privacy: "yes" };
  });

const columns =
  "name, kind, ward, website, actions, commitment, target_date::text as target_date, contact_name, contact_email, listing";

describe.each(storeTargets)("every pledge the schema accepts, on $name", ({ open }) => {
  let target: StoreTarget;
  beforeAll(async () => {
    target = await open();
  }, 60_000);
  afterAll(() => target?.close());

  const readBack = async (key: string) => {
    const sql = `select ${columns} from public.pledges where idempotency_key = $1`;
    const rows =
      "db" in target.store
        ? (await target.store.db.query<Record<string, unknown>>(sql, [key])).rows
        : (await target.store.pool.query(sql, [key])).rows;
    return rows[0];
  };

  it("is stored and reads back exactly as the schema gave it", async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(answers, async (values) => {
        const parsed = schema.safeParse(values);
        if (!parsed.success) return;
        accepted += 1;
        const row: NewPledge = toNewPledge(parsed.data, {
          idempotencyKey: crypto.randomUUID(),
          charterVersion: "2020-01",
          acknowledgedAt: new Date().toISOString(),
          channel: "online",
        });
        expect(await target.store.submit(row)).toMatchObject({ outcome: "created" });
        expect(await readBack(row.idempotency_key)).toEqual({
          name: row.name,
          kind: row.kind,
          ward: row.ward,
          website: row.website,
          actions: row.actions,
          commitment: row.commitment,
          target_date: row.target_date,
          contact_name: row.contact_name,
          contact_email: row.contact_email,
          listing: row.listing,
        });
      }),
      { numRuns: runs },
    );
    // The draws must reach the database often enough for the agreement to mean something.
    expect(accepted).toBeGreaterThan(runs / 4);
  }, 240_000);
});
