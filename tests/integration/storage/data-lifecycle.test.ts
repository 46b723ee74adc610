/**
 * UK GDPR data lifecycle: contact details of rejected and withdrawn pledges are deleted after the
 * periods the privacy notice states, and a withdrawn pledge is erased on request, leaving only an
 * anonymous tombstone that still counts. On PGlite always, and on real PostgreSQL when available.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import retention from "../../../content/retention.json" with { type: "json" };
import { openPgliteStore } from "../../../src/storage/pglite-store.ts";
import type { PledgeLifecycle } from "../../../src/storage/pledge-store.ts";
import { PostgresStore } from "../../../src/storage/postgres-store.ts";
import { assertBuilt, fileFor, readPage } from "../support/built-site.ts";
import { openMigrated, pledgeRow, submit, type TestDatabase, testDatabaseKinds } from "../support/databases.ts";

const run = promisify(execFile);

describe.each(testDatabaseKinds)("the data lifecycle on $name", ({ name, open }) => {
  let db: TestDatabase;
  let lifecycle: PledgeLifecycle & { close?: () => Promise<void> };

  beforeAll(async () => {
    db = await openMigrated(open);
    // The lifecycle is exercised through the adapter the CLI and the scheduled function use.
    lifecycle =
      name === "PostgreSQL"
        ? new PostgresStore(db.url ?? "")
        : {
            erase: (id) =>
              db
                .as<{ erased: boolean }>("service_role", "select public.erase_pledge($1::uuid) as erased", [id])
                .then(([row]) => (row?.erased ? "erased" : "not-found")),
            applyRetention: (periods) =>
              db
                .as<{ erased: number }>("service_role", "select public.apply_retention($1, $2) as erased", [
                  periods.rejectedContactDays,
                  periods.withdrawnContactDays,
                ])
                .then(([row]) => row?.erased ?? 0),
          };
  }, 60_000);
  afterAll(async () => {
    if (lifecycle instanceof PostgresStore) await lifecycle.close();
    await db?.close();
  });

  async function pledge(status: "pending" | "approved" | "rejected" | "withdrawn", decidedDaysAgo = 0) {
    const row = pledgeRow({ listing: "organisation-name", actions: [], commitment: "Only our own words." });
    const { reference } = await submit(db, row);
    if (status === "approved" || status === "withdrawn")
      await db.as("service_role", "update public.pledges set status = 'approved' where reference = $1", [reference]);
    if (status === "withdrawn" || status === "rejected")
      await db.as("service_role", "update public.pledges set status = $2 where reference = $1", [reference, status]);
    await db.as(
      "postgres",
      "update public.pledges set decided_at = now() - make_interval(days => $2) where reference = $1",
      [reference, decidedDaysAgo],
    );
    const [stored] = await db.as<{ id: string }>("postgres", "select id from public.pledges where reference = $1", [
      reference,
    ]);
    return { id: stored?.id ?? "", row };
  }

  const contactOf = async (id: string) =>
    (await db.as<Record<string, unknown>>("postgres", "select * from public.pledges where id = $1", [id]))[0] ?? {};

  it("erases a withdrawn pledge on request, leaving a counted tombstone", async () => {
    const { id, row } = await pledge("withdrawn");
    expect(await lifecycle.erase(id)).toBe("erased");
    const after = await contactOf(id);
    expect(after).toMatchObject({
      name: null,
      website: null,
      commitment: null,
      contact_name: null,
      contact_email: null,
      status: "withdrawn",
      kind: row.kind,
    });
    expect(after.erased_at).not.toBeNull();
    expect(JSON.stringify(after)).not.toContain(row.contact_email);
    const [{ n } = { n: 0 }] = await db.as<{ n: number }>(
      "postgres",
      "select count(*)::int as n from public.pledges where id = $1",
      [id],
    );
    expect(n).toBe(1);
  });

  it.each(["pending", "approved"] as const)("refuses to erase a %s pledge, saying why", async (status) => {
    const { id } = await pledge(status);
    await expect(lifecycle.erase(id)).rejects.toThrow(/withdrawn or rejected/);
    expect((await contactOf(id)).contact_email).not.toBeNull();
  });

  it("says when there is no pledge to erase", async () => {
    expect(await lifecycle.erase(crypto.randomUUID())).toBe("not-found");
  });

  it("deletes contact details only once the privacy notice's periods have passed", async () => {
    const oldRejected = await pledge("rejected", retention.rejectedContactDays + 1);
    const newRejected = await pledge("rejected", retention.rejectedContactDays - 1);
    const oldWithdrawn = await pledge("withdrawn", retention.withdrawnContactDays + 1);
    const newWithdrawn = await pledge("withdrawn", retention.withdrawnContactDays - 1);
    const oldApproved = await pledge("approved", 3650);
    const erased = await lifecycle.applyRetention(retention);
    expect(erased).toBeGreaterThanOrEqual(2);
    expect((await contactOf(oldRejected.id)).contact_email).toBeNull();
    expect((await contactOf(oldWithdrawn.id)).contact_email).toBeNull();
    expect((await contactOf(newRejected.id)).contact_email).toBe(newRejected.row.contact_email);
    expect((await contactOf(newWithdrawn.id)).contact_email).toBe(newWithdrawn.row.contact_email);
    expect((await contactOf(oldApproved.id)).contact_email).toBe(oldApproved.row.contact_email);
    expect(await lifecycle.applyRetention(retention)).toBe(0);
  });
});

describe("npm run pledges -- erase, on the embedded database", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "pledges-cli-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("erases a withdrawn pledge and refuses an approved one with a clear message", async () => {
    const pgliteDir = join(dataDir, "pglite");
    const store = await openPgliteStore(pgliteDir);
    const withdrawn = pledgeRow();
    const approved = pledgeRow();
    await store.submit(withdrawn);
    await store.submit(approved);
    await store.db.query("update public.pledges set status = 'approved'");
    await store.db.query("update public.pledges set status = 'withdrawn' where idempotency_key = $1", [
      withdrawn.idempotency_key,
    ]);
    const ids = await store.db.query<{ id: string; idempotency_key: string }>(
      "select id, idempotency_key from public.pledges",
    );
    await store.db.close();
    const idOf = (key: string) => ids.rows.find((row) => row.idempotency_key === key)?.id ?? "";
    const cli = (...args: string[]) =>
      run(process.execPath, ["scripts/pledges.ts", ...args], {
        env: { ...process.env, PGLITE_DATA_DIR: pgliteDir, SUPABASE_URL: "", DATABASE_URL: "" },
      });

    const ok = await cli("erase", idOf(withdrawn.idempotency_key));
    expect(ok.stdout).toContain("Erased pledge");
    const refused = await cli("erase", idOf(approved.idempotency_key)).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toMatch(
      /Refused: Only a withdrawn or rejected pledge can be erased/,
    );

    const reopened = await openPgliteStore(pgliteDir);
    const rows = await reopened.db.query<{ contact_email: string | null }>(
      "select contact_email from public.pledges order by contact_email nulls first",
    );
    expect(rows.rows.map((row) => row.contact_email)).toEqual([null, approved.contact_email]);
    await reopened.db.close();
  }, 120_000);
});

describe("npm run pledges -- erase, by reference", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "pledges-cli-reference-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("erases a withdrawn pledge named by its reference, as the other commands name it", async () => {
    const pgliteDir = join(dataDir, "pglite");
    const store = await openPgliteStore(pgliteDir);
    const row = pledgeRow();
    const outcome = await store.submit(row);
    const reference = outcome.outcome === "created" ? outcome.reference : "";
    await store.db.query("update public.pledges set status = 'withdrawn' where reference = $1", [reference]);
    await store.db.close();

    const erased = await run(process.execPath, ["scripts/pledges.ts", "erase", reference.toLowerCase()], {
      env: { ...process.env, PGLITE_DATA_DIR: pgliteDir, SUPABASE_URL: "", DATABASE_URL: "" },
    });
    expect(erased.stdout).toContain(`Erased pledge ${reference}`);

    const reopened = await openPgliteStore(pgliteDir);
    const rows = await reopened.db.query<{ contact_email: string | null; name: string | null }>(
      "select contact_email, name from public.pledges where reference = $1",
      [reference],
    );
    expect(rows.rows).toEqual([{ contact_email: null, name: null }]);
    await reopened.db.close();
  }, 120_000);
});

describe("the privacy notice", () => {
  beforeAll(assertBuilt);

  it("states the retention periods the database enforces", async () => {
    const text = readPage(fileFor("/privacy/") ?? "").text.replace(/\s+/g, " ");
    expect(text).toContain(`contact details ${retention.rejectedContactDays} days after our decision`);
    expect(text).toContain(`contact details ${retention.withdrawnContactDays} days after you withdraw`);
    expect(text).toContain(`every ${retention.reviewYears} years`);
  });
});
