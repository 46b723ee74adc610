/**
 * The database protects the data whoever writes to it: the migrations apply from scratch, the
 * public roles read only public columns of approved pledges and write nothing, and statuses move
 * only forward. Run on PGlite always and on real PostgreSQL when TEST_DATABASE_URL is set.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../../src/storage/migrations.ts";
import { openMigrated, pledgeRow, submit, type TestDatabase, testDatabaseKinds } from "../support/databases.ts";

const content = (file: string) => JSON.parse(readFileSync(join(import.meta.dirname, "../../../content", file), "utf8"));
const contentActions = content("actions.json") as { id: string }[];
const contentKinds = content("organisation-kinds.json") as { id: string }[];
const contentListingChoices = Object.keys((content("listing-choices.json") as { choices: object }).choices);
const formListingChoices = Object.keys(
  (content("pledge-form.json") as { fields: { listing: { options: object } } }).fields.listing.options,
);

describe.each(testDatabaseKinds)("the database on $name", ({ open }) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openMigrated(open);
  }, 60_000);
  afterAll(() => db?.close());

  const approve = (reference: string) =>
    db.as("service_role", "update public.pledges set status = 'approved' where reference = $1", [reference]);
  const setStatus = (reference: string, status: string) =>
    db.as("service_role", "update public.pledges set status = $2 where reference = $1", [reference, status]);
  const storedPledge = async (overrides: Record<string, unknown> = {}) => {
    const result = await submit(db, pledgeRow(overrides));
    if (!result.reference) throw new Error("no reference");
    return result.reference;
  };

  it("records every migration and applies none twice", async () => {
    const rows = await db.query<{ version: string }>("select version from supabase_migrations.schema_migrations");
    expect(rows.rows.length).toBeGreaterThan(0);
    expect(await migrate(db)).toEqual([]);
  });

  it("enables row level security on every table in public", async () => {
    const { rows } = await db.query<{ relname: string; relrowsecurity: boolean }>(
      "select relname, relrowsecurity from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'",
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row, row.relname).toMatchObject({ relrowsecurity: true });
  });

  it("stores a pledge once, answers a replay with the same reference, and spots a duplicate", async () => {
    const row = pledgeRow();
    const first = await submit(db, row);
    expect(first.outcome).toBe("created");
    expect(first.reference).toMatch(/^SC-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(await submit(db, row)).toMatchObject({ outcome: "replayed", reference: first.reference });
    const again = await submit(db, {
      ...row,
      idempotency_key: crypto.randomUUID(),
      name: row.name.toUpperCase(),
      contact_email: row.contact_email.toUpperCase(),
    });
    expect(again).toMatchObject({ outcome: "duplicate", publicly_listed: false });
    const [count] = await db.as<{ n: number }>(
      "postgres",
      "select count(*)::int as n from public.pledges where lower(name) = lower($1)",
      [row.name],
    );
    expect(count?.n).toBe(1);
  });

  describe("spots a duplicate by what the name looks like", () => {
    const base = "Stevenage Cooperative Bakery";
    it.each([
      ["a soft hyphen", "Stevenage Co\u00adoperative Bakery"],
      ["a zero-width space", "Stevenage\u200b Cooperative Bakery"],
      ["a zero-width joiner and a word joiner", "Steve\u200dnage Cooperative\u2060 Bakery"],
      ["a byte order mark and a variation selector", "\ufeffStevenage Cooperative\ufe0f Bakery"],
      ["a Cyrillic а and о", "Stevenage C\u043e\u043eperative B\u0430kery"],
      ["a Greek capital beta and small omicron", "Stevenage C\u03bfoperative \u0392akery"],
      ["fullwidth letters", "\uff33\uff54\uff45\uff56\uff45\uff4e\uff41\uff47\uff45 Cooperative Bakery"],
      ["a different case", "STEVENAGE cooperative bakery"],
      ["doubled spaces", "Stevenage  Cooperative   Bakery "],
    ])("with %s", async (_what, lookalike) => {
      const row = pledgeRow({ name: base });
      expect((await submit(db, row)).outcome).toBe("created");
      const again = await submit(db, { ...row, idempotency_key: crypto.randomUUID(), name: lookalike });
      expect(again.outcome).toBe("duplicate");
    });

    it.each([
      ["another bakery", "Stevenage Cooperative Bakers"],
      ["the name with another word", "Stevenage Cooperative Bakery Two"],
      ["a Greek nu, which looks like v, not N", "Stevenage Cooperative Bakery \u03bd"],
    ])("but not %s", async (_what, other) => {
      const row = pledgeRow({ name: base });
      expect((await submit(db, row)).outcome).toBe("created");
      const again = await submit(db, { ...row, idempotency_key: crypto.randomUUID(), name: other });
      expect(again.outcome).toBe("created");
    });

    it("and the unique index refuses a look-alike that slips past the check, so a race stores one", async () => {
      const row = pledgeRow({ name: base });
      await submit(db, row);
      await expect(
        db.as(
          "postgres",
          `insert into public.pledges (reference, idempotency_key, name, kind, contact_name, contact_email, listing,
             privacy_acknowledged_at, charter_version, actions)
           values ('SC-ZZZZZZZZ', gen_random_uuid(), $1, 'business', 'x', $2, 'count-only', now(), '1', '{cooperatives}')`,
          ["Stevenage\u00ad Co\u043eperative Bakery", row.contact_email.toUpperCase()],
        ),
      ).rejects.toThrow(/duplicate key|unique/);
    });

    it("and keeps the skeleton in the database, NFKC and all, on this engine too", async () => {
      const [row] = await db.as<{ skeleton: string }>(
        "postgres",
        "select public.pledge_name_skeleton($1) as skeleton",
        ["\uff21\ufb01 \u0421\u03bf-\u00ad\u200bop"],
      );
      expect(row?.skeleton).toBe("afi co-op");
    });
  });

  it("says a duplicate is publicly listed only once the first pledge is approved and named", async () => {
    const row = pledgeRow();
    const reference = (await submit(db, row)).reference ?? "";
    await approve(reference);
    expect(await submit(db, { ...row, idempotency_key: crypto.randomUUID() })).toMatchObject({
      outcome: "duplicate",
      publicly_listed: true,
    });
  });

  it("lets an organisation pledge again after its pledge was rejected", async () => {
    const row = pledgeRow();
    await setStatus((await submit(db, row)).reference ?? "", "rejected");
    expect((await submit(db, { ...row, idempotency_key: crypto.randomUUID() })).outcome).toBe("created");
  });

  it.each([
    ["pending", "approved", true],
    ["pending", "rejected", true],
    ["approved", "withdrawn", true],
    ["pending", "withdrawn", true],
    ["approved", "pending", false],
    ["approved", "rejected", false],
    ["rejected", "approved", false],
    ["rejected", "pending", false],
    ["withdrawn", "approved", false],
    ["withdrawn", "pending", false],
    ["rejected", "withdrawn", false],
  ])("moves a pledge from %s to %s: %s", async (from, to, allowed) => {
    const reference = await storedPledge();
    if (from === "approved" || from === "withdrawn") await approve(reference);
    if (from === "rejected") await setStatus(reference, "rejected");
    if (from === "withdrawn") await setStatus(reference, "withdrawn");
    const attempt = setStatus(reference, to);
    if (allowed) await expect(attempt).resolves.toBeDefined();
    else await expect(attempt).rejects.toThrow(/cannot move from/);
  });

  it.each([
    ["an action not in the charter", { actions: ["make-money"] }],
    ["a name over 120 characters", { name: "x".repeat(121) }],
    ["nothing committed to", { actions: [], commitment: null }],
    ["an area listing without an area", { listing: "name-and-area", ward: null }],
    ["a website without a scheme", { website: "example.org" }],
    ["an unknown kind", { kind: "government" }],
  ])("refuses %s even from the service role", async (_what, overrides) => {
    await expect(submit(db, pledgeRow(overrides))).rejects.toThrow();
  });

  it("allows exactly the charter's actions listed in content/actions.json", async () => {
    const [constraint] = await db
      .query<{ definition: string }>(
        "select pg_get_constraintdef(oid) as definition from pg_constraint where conname = 'pledges_actions_check'",
      )
      .then((result) => result.rows);
    const allowed = [...(constraint?.definition ?? "").matchAll(/'([a-z-]+)'/g)].map((match) => match[1]).sort();
    expect(allowed).toEqual(contentActions.map((action) => action.id).sort());
  });

  it("allows exactly the kinds of pledger listed in content/organisation-kinds.json", async () => {
    const [constraint] = await db
      .query<{ definition: string }>(
        "select pg_get_constraintdef(oid) as definition from pg_constraint where conname = 'pledges_kind_check'",
      )
      .then((result) => result.rows);
    const allowed = [...(constraint?.definition ?? "").matchAll(/'([a-z-]+)'/g)].map((match) => match[1]).sort();
    expect(allowed).toEqual(contentKinds.map((kind) => kind.id).sort());
  });

  it("offers exactly the listing choices that content/listing-choices.json and the form describe", async () => {
    const { rows } = await db.query<{ listing: string }>(
      "select unnest(enum_range(null::public.pledge_listing))::text as listing",
    );
    const database = rows.map((row) => row.listing).sort();
    expect(database).toEqual([...contentListingChoices].sort());
    expect(database).toEqual([...formListingChoices].sort());
  });

  describe.each(["anon", "authenticated"] as const)("as %s", (role) => {
    it.each(["contact_email", "contact_name", "name", "website", "commitment", "idempotency_key", "reference", "ward"])(
      "cannot read the private column %s",
      async (column) => {
        await expect(db.as(role, `select ${column} from public.pledges`)).rejects.toThrow(/permission denied/);
      },
    );

    it("cannot read everything with select *", async () => {
      await expect(db.as(role, "select * from public.pledges")).rejects.toThrow(/permission denied/);
    });

    it("sees approved pledges only, whatever their status elsewhere", async () => {
      await storedPledge();
      const rejected = await storedPledge();
      await setStatus(rejected, "rejected");
      const withdrawn = await storedPledge();
      await approve(withdrawn);
      await setStatus(withdrawn, "withdrawn");
      const [hidden] = await db.as<{ n: number }>(
        "postgres",
        "select count(*)::int as n from public.pledges where status <> 'approved'",
      );
      expect(hidden?.n).toBeGreaterThanOrEqual(3);
      const [{ n } = { n: -1 }] = await db.as<{ n: number }>(
        role,
        "select count(*)::int as n from public.pledges where status <> 'approved'",
      );
      expect(n).toBe(0);
    });

    it("reads the wall through public_signatories with public columns only", async () => {
      const named = pledgeRow({ name: "Listed Co-operative", listing: "organisation-name" });
      await approve((await submit(db, named)).reference ?? "");
      const rows = await db.as<Record<string, unknown>>(role, "select * from public.public_signatories");
      const listed = rows.find((row) => row.name === "Listed Co-operative");
      expect(Object.keys(listed ?? {}).sort()).toEqual(
        ["actions", "commitment", "id", "kind", "listed_at", "name", "target_date", "ward", "website"].sort(),
      );
      expect(JSON.stringify(rows)).not.toContain(named.contact_email);
      expect(JSON.stringify(rows)).not.toContain("Private Person");
    });

    it("does not name a pledge that asked to be counted only", async () => {
      const counted = pledgeRow({ name: "Quiet Neighbour", listing: "count-only", kind: "resident" });
      await approve((await submit(db, counted)).reference ?? "");
      const wall = await db.as<{ name: string }>(role, "select name from public.public_signatories");
      expect(wall.map((row) => row.name)).not.toContain("Quiet Neighbour");
      const [stored] = await db.as<{ id: string }>("postgres", "select id from public.pledges where name = $1", [
        counted.name,
      ]);
      expect(stored?.id).toBeDefined();
      const table = await db.as(role, "select id, kind, actions from public.pledges where id = $1", [stored?.id]);
      expect(table).toEqual([]);
    });

    it("cannot insert, update or delete pledges", async () => {
      const reference = await storedPledge();
      await expect(
        db.as(
          role,
          "insert into public.pledges (reference, idempotency_key, name, kind, contact_name, contact_email, listing, privacy_acknowledged_at, charter_version, actions) values ('SC-AAAAAAAA', gen_random_uuid(), 'x', 'business', 'x', 'x@y.z', 'count-only', now(), '1', '{cooperatives}')",
        ),
      ).rejects.toThrow(/permission denied/);
      await expect(db.as(role, "update public.pledges set status = 'approved'")).rejects.toThrow(/permission denied/);
      await expect(db.as(role, "delete from public.pledges")).rejects.toThrow(/permission denied/);
      const [row] = await db.as<{ status: string }>(
        "postgres",
        "select status from public.pledges where reference = $1",
        [reference],
      );
      expect(row?.status).toBe("pending");
    });

    it("cannot call submit_pledge", async () => {
      await expect(
        db.as(role, "select * from public.submit_pledge($1::jsonb)", [JSON.stringify(pledgeRow())]),
      ).rejects.toThrow(/permission denied/);
    });
  });
});
