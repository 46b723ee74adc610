/**
 * Moderation on each adapter: officers list and read pledges, approve, reject (with a reason)
 * and withdraw them; the database refuses transitions that make no sense and records every
 * change, with who and why, in a history nobody can rewrite.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPgliteStore } from "../../../src/storage/pglite-store.ts";
import { StorageRefusalError } from "../../../src/storage/pledge-store.ts";
import { openMigrated, pledgeRow, submit, type TestDatabase, testDatabaseKinds } from "../support/databases.ts";
import { readOutbox } from "../support/outbox.ts";
import { type StoreTarget, storeTargets } from "../support/stores.ts";

const run = promisify(execFile);

describe.each(storeTargets)("moderation on $name", ({ open }) => {
  let target: StoreTarget;
  beforeAll(async () => {
    target = await open();
  }, 60_000);
  afterAll(() => target?.close());

  async function stored() {
    const row = pledgeRow();
    const outcome = await target.store.submit(row);
    if (outcome.outcome !== "created") throw new Error("not stored");
    const record = await target.store.show(outcome.reference);
    if (!record) throw new Error("not found");
    return { row, record };
  }

  it("shows a pledge by reference or id, private fields and history included", async () => {
    const { row, record } = await stored();
    expect(record).toMatchObject({ status: "pending", contact_email: row.contact_email, name: row.name });
    expect(record.history).toEqual([
      expect.objectContaining({ from_status: null, to_status: "pending", changed_by: "pledge form (online)" }),
    ]);
    expect((await target.store.show(record.id))?.reference).toBe(record.reference);
    expect(await target.store.show("SC-00000000")).toBeUndefined();
    expect(await target.store.show("not an id")).toBeUndefined();
  });

  it("lists pledges by status", async () => {
    const { record } = await stored();
    const pending = await target.store.list({ status: "pending" });
    expect(pending.map((pledge) => pledge.id)).toContain(record.id);
    expect(pending.every((pledge) => pledge.status === "pending")).toBe(true);
  });

  it("records who approved a pledge, and who withdrew it", async () => {
    const { record } = await stored();
    expect(await target.store.setStatus({ id: record.id, status: "approved", actor: "Ann Officer" })).toBe("changed");
    expect(
      await target.store.setStatus({
        id: record.id,
        status: "withdrawn",
        actor: "Ben Officer",
        reason: "Asked by phone",
      }),
    ).toBe("changed");
    const history = (await target.store.show(record.id))?.history ?? [];
    expect(
      history.map(({ from_status, to_status, changed_by, reason }) => ({ from_status, to_status, changed_by, reason })),
    ).toEqual([
      { from_status: null, to_status: "pending", changed_by: "pledge form (online)", reason: null },
      { from_status: "pending", to_status: "approved", changed_by: "Ann Officer", reason: null },
      { from_status: "approved", to_status: "withdrawn", changed_by: "Ben Officer", reason: "Asked by phone" },
    ]);
  });

  it("refuses a rejection without a reason, and keeps the reason given", async () => {
    const { record } = await stored();
    await expect(target.store.setStatus({ id: record.id, status: "rejected", actor: "Ann Officer" })).rejects.toThrow(
      /A rejection needs a reason/,
    );
    await target.store.setStatus({
      id: record.id,
      status: "rejected",
      actor: "Ann Officer",
      reason: "Not in Stevenage",
    });
    expect((await target.store.show(record.id))?.history.at(-1)).toMatchObject({
      to_status: "rejected",
      reason: "Not in Stevenage",
    });
  });

  it.each([
    ["approved", "pending"],
    ["rejected", "approved"],
    ["rejected", "withdrawn"],
  ] as const)("refuses to move a %s pledge to %s, saying why", async (from, to) => {
    const { record } = await stored();
    await target.store.setStatus({ id: record.id, status: from, actor: "Setup", reason: "setup" });
    const attempt = target.store.setStatus({ id: record.id, status: to, actor: "Ann Officer", reason: "try" });
    await expect(attempt).rejects.toBeInstanceOf(StorageRefusalError);
    await expect(attempt).rejects.toThrow(/cannot move from/);
  });

  it.each([
    ["approved", ["approved"]],
    ["withdrawn", ["approved", "withdrawn"]],
    ["rejected", ["rejected"]],
  ] as const)(
    "answers unchanged and records nothing when a pledge already %s is set to it again",
    async (_status, steps) => {
      const { record } = await stored();
      for (const status of steps)
        await target.store.setStatus({ id: record.id, status, actor: "Setup", reason: "setup" });
      const before = (await target.store.show(record.id))?.history;
      const again = steps.at(-1) ?? "approved";
      expect(
        await target.store.setStatus({ id: record.id, status: again, actor: "Ann Officer", reason: "again" }),
      ).toBe("unchanged");
      expect((await target.store.show(record.id))?.history).toEqual(before);
    },
  );

  it("tells only one of two officers approving the same pledge at once that they changed it", async () => {
    const { record } = await stored();
    const outcomes = await Promise.all(
      ["Ann Officer", "Ben Officer"].map((actor) =>
        target.store.setStatus({ id: record.id, status: "approved", actor }),
      ),
    );
    expect(outcomes.sort()).toEqual(["changed", "unchanged"]);
    expect(
      (await target.store.show(record.id))?.history.filter((change) => change.to_status === "approved"),
    ).toHaveLength(1);
  });

  it("answers not-found for a pledge that does not exist", async () => {
    expect(await target.store.setStatus({ id: crypto.randomUUID(), status: "approved", actor: "Ann" })).toBe(
      "not-found",
    );
  });

  it("exports every pledge with its contact details and history", async () => {
    const { row } = await stored();
    const exported = await target.store.exportAll();
    expect(exported.find((record) => record.contact_email === row.contact_email)?.history.length).toBeGreaterThan(0);
  });
});

describe("the status history", () => {
  it("cannot be rewritten or deleted, even by the database owner", async () => {
    const store = await openPgliteStore();
    await store.submit(pledgeRow());
    await expect(store.db.query("update public.pledge_status_changes set changed_by = 'someone else'")).rejects.toThrow(
      /append-only/,
    );
    await expect(store.db.query("delete from public.pledge_status_changes")).rejects.toThrow(/append-only/);
    await expect(store.db.query("truncate public.pledge_status_changes")).rejects.toThrow(/append-only/);
    await expect(store.asRole("anon", "select * from public.pledge_status_changes")).rejects.toThrow(
      /permission denied/,
    );
    await store.db.close();
  }, 60_000);
});

describe.each(testDatabaseKinds)("a status left as it was, on $name", ({ open }) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openMigrated(open);
  }, 60_000);
  afterAll(() => db?.close());

  const historyOf = async (reference: string) =>
    db.as<{ to_status: string }>(
      "service_role",
      `select c.to_status from public.pledge_status_changes c join public.pledges p on p.id = c.pledge_id
       where p.reference = $1`,
      [reference],
    );

  it("is not recorded when the table is edited directly", async () => {
    const reference = (await submit(db, pledgeRow())).reference ?? "";
    await db.as("service_role", "update public.pledges set status = 'approved' where reference = $1", [reference]);
    await db.as("service_role", "update public.pledges set status = 'approved' where reference = $1", [reference]);
    expect((await historyOf(reference)).map((change) => change.to_status)).toEqual(["pending", "approved"]);
  });

  it("is answered by set_pledge_status with the status the pledge already had", async () => {
    const reference = (await submit(db, pledgeRow())).reference ?? "";
    const [pledge] = await db.as<{ id: string }>("service_role", "select id from public.pledges where reference = $1", [
      reference,
    ]);
    const set = () =>
      db.as<{ status: string; previous_status: string }>(
        "service_role",
        "select status, previous_status from public.set_pledge_status($1, 'approved', 'Ann Officer')",
        [pledge?.id],
      );
    expect(await set()).toEqual([{ status: "approved", previous_status: "pending" }]);
    expect(await set()).toEqual([{ status: "approved", previous_status: "approved" }]);
    expect((await historyOf(reference)).map((change) => change.to_status)).toEqual(["pending", "approved"]);
  });
});

describe("npm run pledges, on the embedded database", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "pledges-moderation-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("approves a pledge by reference, shows who did it, and exports CSV with formulas neutralised", async () => {
    const pgliteDir = join(dataDir, "pglite");
    const outbox = join(dataDir, "outbox");
    const store = await openPgliteStore(pgliteDir);
    const outcome = await store.submit(
      pledgeRow({ name: '=HYPERLINK("http://evil.example")', contact_email: "sam@example.com" }),
    );
    await store.db.close();
    const reference = outcome.outcome === "created" ? outcome.reference : "";
    const cli = (...args: string[]) =>
      run(process.execPath, ["scripts/pledges.ts", ...args], {
        env: { ...process.env, PGLITE_DATA_DIR: pgliteDir, OUTBOX_DIR: outbox, SUPABASE_URL: "", DATABASE_URL: "" },
      });

    expect((await cli("list", "--status", "pending")).stdout).toContain(reference);
    expect((await cli("approve", reference, "--by", "Cara Officer")).stdout).toContain(
      `${reference} is now approved (was pending)`,
    );
    const [approval] = await readOutbox(outbox);
    expect(approval).toMatchObject({ to: "sam@example.com", reference: `approved ${reference}` });
    expect(approval?.body).toMatch(/\/signatory\/[0-9a-f-]{36}\//);
    expect(approval?.body).toMatch(/\/api\/withdraw\?ref=SC-/);
    const shown = (await cli("show", reference)).stdout;
    expect(shown).toMatch(/pending\s+approved\s+Cara Officer/);
    const refused = await cli("reject", reference, "--reason", "late").catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toMatch(/cannot move from approved to rejected/);
    const csv = (await cli("export", "--format", "csv")).stdout;
    expect(csv.split("\r\n")[0]).toContain("contact_email");
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  }, 120_000);

  it("withdraws, exports JSON, applies retention, and refuses what makes no sense with a reason and exit code", async () => {
    const pgliteDir = join(dataDir, "pglite-2");
    const outbox = join(dataDir, "outbox-2");
    const store = await openPgliteStore(pgliteDir);
    const outcome = await store.submit(pledgeRow({ contact_email: "kim@example.com" }));
    await store.db.close();
    const reference = outcome.outcome === "created" ? outcome.reference : "";
    const cli = (...args: string[]) =>
      run(process.execPath, ["scripts/pledges.ts", ...args], {
        env: { ...process.env, PGLITE_DATA_DIR: pgliteDir, OUTBOX_DIR: outbox, SUPABASE_URL: "", DATABASE_URL: "" },
      });
    const failure = (...args: string[]) =>
      cli(...args).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code: number; stderr: string }) => error,
      );

    expect(await failure("reject", reference)).toMatchObject({ code: 2, stderr: expect.stringMatching(/--reason/) });
    expect(await failure("approve", "SC-ZZZZZZZZ")).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/No pledge/),
    });
    expect(await failure("list", "--status", "lost")).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--status/),
    });
    expect(await failure("export", "--format", "xlsx")).toMatchObject({ code: 2 });
    expect(await failure("publish")).toMatchObject({ code: 2, stderr: expect.stringMatching(/^Usage:/) });

    expect((await cli("withdraw", reference, "--by", "Cara Officer")).stdout).toContain(
      `${reference} is now withdrawn (was pending)`,
    );
    expect((await readOutbox(outbox)).map((mail) => mail.reference)).toEqual([`withdrawn ${reference}`]);
    const exported = JSON.parse((await cli("export", "--format", "json")).stdout) as {
      reference: string;
      contact_email: string;
    }[];
    expect(exported).toEqual([expect.objectContaining({ reference, contact_email: "kim@example.com" })]);
    expect((await cli("apply-retention")).stdout).toMatch(/^Deleted the contact details of 0 pledge\(s\)/);
  }, 120_000);
});
