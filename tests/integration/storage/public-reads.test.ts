/**
 * What the public roles can reach, and nothing more: no sequence, no pledge counted only read
 * row by row through any table or view they may select, exactly the public view's columns, and
 * totals only through public_progress(), which leaves out every count under 5. On PGlite always
 * and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { suppressionThreshold } from "../../../src/wall/progress.ts";
import { openMigrated, pledgeRow, submit, type TestDatabase, testDatabaseKinds } from "../support/databases.ts";

const contentActions = JSON.parse(readFileSync(join(import.meta.dirname, "../../../content/actions.json"), "utf8")) as {
  id: string;
  benefit: string;
}[];

const publicRoles = ["anon", "authenticated"] as const;

describe.each(testDatabaseKinds)("the public's reads on $name", ({ open }) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openMigrated(open);
  }, 60_000);
  afterAll(() => db?.close());

  const approved = async (overrides: Record<string, unknown> = {}) => {
    const { reference } = await submit(db, pledgeRow(overrides));
    const [row] = await db.as<{ id: string }>(
      "service_role",
      "update public.pledges set status = 'approved' where reference = $1 returning id",
      [reference],
    );
    return row?.id ?? "";
  };
  const sequences = async () =>
    (
      await db.query<{ name: string }>(
        "select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'S' and n.nspname = 'public'",
      )
    ).rows.map((row) => row.name);
  const progress = async (role: string) =>
    db.as<{ measure: string; category: string | null; pledges: number }>(
      role as "anon",
      "select measure, category, pledges from public.public_progress()",
    );

  describe.each(publicRoles)("as %s", (role) => {
    it("can neither take nor set a value of any sequence in public", async () => {
      const names = await sequences();
      expect(names).toContain("public.pledge_status_changes_id_seq");
      for (const name of names) {
        await expect(db.as(role, "select nextval($1::regclass)", [name]), name).rejects.toThrow(/permission denied/);
        await expect(db.as(role, "select setval($1::regclass, 1000000)", [name]), name).rejects.toThrow(
          /permission denied/,
        );
      }
    });

    it("is given no privilege on a sequence created later either", async () => {
      await db.exec("create sequence if not exists public.later_sequence_for_test");
      try {
        const [row] = await db.as<{ usage: boolean; update: boolean; select: boolean }>(
          "postgres",
          `select has_sequence_privilege('${role}', 'public.later_sequence_for_test', 'usage') as usage,
                  has_sequence_privilege('${role}', 'public.later_sequence_for_test', 'update') as update,
                  has_sequence_privilege('${role}', 'public.later_sequence_for_test', 'select') as select`,
        );
        expect(row).toEqual({ usage: false, update: false, select: false });
      } finally {
        await db.exec("drop sequence public.later_sequence_for_test");
      }
    });

    it("cannot read a pledge counted only through any table or view it may select", async () => {
      const targetDate = "2031-07-13";
      const id = await approved({
        name: "Quiet Counted Neighbour",
        kind: "resident",
        listing: "count-only",
        ward: "shephall",
        actions: ["pooling-budgets"],
        target_date: targetDate,
      });
      const relations = await db.as<{ name: string }>(
        "postgres",
        `select format('%I.%I', n.nspname, c.relname) as name
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind in ('r', 'v', 'm', 'p', 'f')
           and exists (
             select 1 from pg_attribute a
             where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
               and has_column_privilege('${role}', c.oid, a.attnum, 'select')
           )`,
      );
      expect(relations.map((relation) => relation.name)).toContain("public.public_signatories");
      for (const { name } of relations) {
        const [relation = "", table = ""] = name.split(".");
        const columns = await db.as<{ column: string }>(
          "postgres",
          `select format('%I', a.attname) as column from pg_attribute a
           where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped
             and has_column_privilege('${role}', a.attrelid, a.attnum, 'select')`,
          [name],
        );
        const rows = await db.as<Record<string, unknown>>(
          role,
          `select ${columns.map((column) => column.column).join(", ")} from ${relation}.${table}`,
        );
        const seen = JSON.stringify(rows);
        expect(seen, name).not.toContain(id);
        expect(seen, name).not.toContain(targetDate);
        expect(seen, name).not.toContain("Quiet Counted Neighbour");
      }
    });

    it("reads the wall through public_signatories, whose columns are exactly the public ones", async () => {
      const columns = await db.as<{ column_name: string }>(
        "postgres",
        "select column_name from information_schema.columns where table_schema = 'public' and table_name = 'public_signatories' order by ordinal_position",
      );
      expect(columns.map((column) => column.column_name)).toEqual([
        "id",
        "name",
        "kind",
        "ward",
        "website",
        "actions",
        "commitment",
        "target_date",
        "listed_at",
      ]);
      const [{ selectable } = { selectable: false }] = await db.as<{ selectable: boolean }>(
        "postgres",
        `select has_table_privilege('${role}', 'public.public_signatories', 'select') as selectable`,
      );
      expect(selectable).toBe(true);
    });

    it("may select only the public columns of pledges, which the view is built on", async () => {
      const columns = await db.as<{ column: string }>(
        "postgres",
        `select a.attname as column from pg_attribute a
         where a.attrelid = 'public.pledges'::regclass and a.attnum > 0 and not a.attisdropped
           and has_column_privilege('${role}', a.attrelid, a.attnum, 'select')
         order by a.attname`,
      );
      expect(columns.map((column) => column.column)).toEqual(
        [
          "actions",
          "decided_at",
          "id",
          "kind",
          "public_commitment",
          "public_name",
          "public_ward",
          "public_website",
          "status",
          "target_date",
        ].sort(),
      );
    });

    it("can call the public reads, and no other function", async () => {
      const callable = await db.as<{ name: string }>(
        "postgres",
        `select p.proname as name from pg_proc p
         where p.pronamespace = 'public'::regnamespace and has_function_privilege('${role}', p.oid, 'execute')
         order by 1`,
      );
      expect(callable.map((row) => row.name)).toEqual([
        "public_check_in_dates",
        "public_commitments",
        "public_former_signatories",
        "public_impact",
        "public_progress",
        "public_wall_version",
      ]);
    });

    it("reads through each public function exactly its public columns", async () => {
      const columns = await db.as<{ name: string; columns: string[] }>(
        "postgres",
        `select p.proname as name, p.proargnames[p.pronargs + 1:] as columns from pg_proc p
         where p.pronamespace = 'public'::regnamespace and has_function_privilege('${role}', p.oid, 'execute')
         order by 1`,
      );
      expect(Object.fromEntries(columns.map((row) => [row.name, row.columns]))).toEqual({
        public_check_in_dates: ["signatory_id", "last_check_in_at"],
        public_commitments: [
          "id",
          "signatory_id",
          "action_id",
          "status",
          "status_since",
          "evidence_url",
          "note",
          "evidence_accepted_at",
        ],
        // No names; the id only for the grey badge at the address the pledge had while listed.
        public_former_signatories: ["id", "listed_at", "withdrawn_at"],
        public_impact: ["subject_kind", "subject", "ward", "quarter", "status", "commitments"],
        public_progress: ["measure", "category", "pledges"],
        public_wall_version: ["version", "approved", "last_decided_at"],
      });
    });
  });

  describe("public_progress()", () => {
    it(`counts every approved pledge, counted only or named, and hands out no count under ${suppressionThreshold}`, async () => {
      const before = await progress("anon");
      const countOf = (rows: typeof before, measure: string, category: string | null = null) =>
        rows.find((row) => row.measure === measure && row.category === category)?.pledges;
      for (let n = 0; n < suppressionThreshold - 1; n++) {
        await approved({ kind: "education", ward: "chells", listing: n % 2 ? "count-only" : "organisation-name" });
      }
      const under = await progress("anon");
      expect(countOf(under, "kind", "education")).toBeUndefined();
      expect(under.every((row) => row.pledges >= suppressionThreshold)).toBe(true);
      await approved({ kind: "education", ward: "chells", listing: "count-only" });
      const at = await progress("anon");
      expect(countOf(at, "kind", "education")).toBe(suppressionThreshold);
      expect(countOf(at, "area", "chells")).toBe(suppressionThreshold);
      const total = (
        await db.as<{ n: number }>(
          "postgres",
          "select count(*)::int as n from public.pledges where status = 'approved'",
        )
      )[0]?.n;
      expect(countOf(at, "total")).toBe((total ?? 0) >= suppressionThreshold ? total : undefined);
      expect(countOf(before, "kind", "education")).toBeUndefined();
    });

    it("counts a pledge once per benefit and per action, and every action it pledged in the sum", async () => {
      const actions = ["wellbeing-training-from-local-charities", "local-supply-chains"];
      const before = await progress("authenticated");
      for (let n = 0; n < suppressionThreshold; n++) {
        await approved({
          kind: "public-sector",
          ward: "old-town",
          actions: [...actions, actions[0]],
          listing: "count-only",
        });
      }
      const after = await progress("authenticated");
      const delta = (measure: string, category: string | null = null) =>
        (after.find((row) => row.measure === measure && row.category === category)?.pledges ?? 0) -
        (before.find((row) => row.measure === measure && row.category === category)?.pledges ?? 0);
      expect(delta("benefit", "resilient-economy")).toBe(suppressionThreshold);
      expect(delta("action", "local-supply-chains")).toBe(suppressionThreshold);
      expect(delta("action", "wellbeing-training-from-local-charities")).toBe(suppressionThreshold);
      expect(delta("actions-pledged")).toBe(3 * suppressionThreshold);
    });

    it("gives each month the running total to its end, from the month it reaches 5", async () => {
      await db.as("postgres", "alter table public.pledges disable trigger pledges_status_transition");
      try {
        await db.as(
          "postgres",
          "update public.pledges set decided_at = '2026-09-10T00:00:00Z' where status = 'approved'",
        );
      } finally {
        await db.as("postgres", "alter table public.pledges enable trigger pledges_status_transition");
      }
      const [{ n = 0 } = {}] = await db.as<{ n: number }>(
        "postgres",
        "select count(*)::int as n from public.pledges where status = 'approved'",
      );
      const months = (await progress("anon")).filter((row) => row.measure === "month");
      expect(months).toEqual([{ measure: "month", category: "2026-09", pledges: n }]);
    });

    it("puts each action under the benefit content/actions.json gives it", async () => {
      const [definition] = await db.as<{ source: string }>(
        "postgres",
        "select prosrc as source from pg_proc where proname = 'public_progress' and pronamespace = 'public'::regnamespace",
      );
      const pairs = [...(definition?.source ?? "").matchAll(/\('([a-z-]+)', '([a-z-]+)'\)/g)]
        .map(([, action, benefit]) => `${action} ${benefit}`)
        .sort();
      expect(pairs).toEqual(contentActions.map((action) => `${action.id} ${action.benefit}`).sort());
    });
  });
});
