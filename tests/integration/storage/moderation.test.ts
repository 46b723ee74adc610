/**
 * Moderation on each adapter: officers list and read pledges, approve, reject (with a reason)
 * and withdraw them; the database refuses transitions that make no sense and records every
 * change, with who and why, in a history nobody can rewrite.
 */
import { execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPgliteStore } from "../../../src/storage/pglite-store.ts";
import { type NewPledge, StorageRefusalError } from "../../../src/storage/pledge-store.ts";
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

  it("shows a pledge by its reference in any case, and nothing for text that only looks like an id", async () => {
    const { record } = await stored();
    expect((await target.store.show(record.reference.toLowerCase()))?.id).toBe(record.id);
    expect(await target.store.show("-".repeat(36))).toBeUndefined();
    expect(await target.store.show(record.id.toUpperCase())).toMatchObject({ reference: record.reference });
  });

  it("gives every time as UTC ISO 8601 and the target date as a day, whatever the engine", async () => {
    const outcome = await target.store.submit(pledgeRow({ target_date: "2027-03-31" }));
    const record = outcome.outcome === "created" ? await target.store.show(outcome.reference) : undefined;
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    expect(record?.created_at).toMatch(iso);
    expect(record?.history[0]?.changed_at).toMatch(iso);
    expect(record?.target_date).toBe("2027-03-31");
  });

  it("lists every pledge newest first when no status is asked for", async () => {
    const first = await stored();
    const second = await stored();
    await target.store.setStatus({ id: second.record.id, status: "approved", actor: "Ann Officer" });
    const ids = (await target.store.list()).map((pledge) => pledge.id);
    expect(ids.indexOf(second.record.id)).toBeLessThan(ids.indexOf(first.record.id));
    expect(ids.indexOf(first.record.id)).toBeGreaterThanOrEqual(0);
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

describe.each(testDatabaseKinds)("the moderation functions on $name", ({ open }) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openMigrated(open);
  }, 60_000);
  afterAll(() => db?.close());

  it.each(["anon", "authenticated"] as const)(
    "cannot be called by %s, who would read contact details",
    async (role) => {
      const reference = (await submit(db, pledgeRow())).reference ?? "";
      for (const call of [
        "select * from public.list_pledges()",
        "select * from public.export_pledges()",
        `select * from public.show_pledge('${reference}')`,
      ]) {
        await expect(db.as(role, call)).rejects.toThrow(/permission denied/);
      }
    },
  );

  it("hand a pledge's history over oldest first, with who and why", async () => {
    const reference = (await submit(db, pledgeRow())).reference ?? "";
    const [pledge] = await db.as<{ id: string }>("service_role", "select id from public.show_pledge($1)", [reference]);
    await db.as("service_role", "select public.set_pledge_status($1, 'rejected', 'Ann Officer', 'Not in Stevenage')", [
      pledge?.id,
    ]);
    const [shown] = await db.as<{ history: { to_status: string; changed_by: string; reason: string | null }[] }>(
      "service_role",
      "select history from public.export_pledges($1)",
      [pledge?.id],
    );
    expect(shown?.history.map(({ to_status, changed_by, reason }) => ({ to_status, changed_by, reason }))).toEqual([
      { to_status: "pending", changed_by: "pledge form (online)", reason: null },
      { to_status: "rejected", changed_by: "Ann Officer", reason: "Not in Stevenage" },
    ]);
  });
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

  /** A fresh embedded database holding these pledges, and the command run against it. */
  async function embeddedWith(rows: NewPledge[], env: Record<string, string> = {}) {
    const pgliteDir = await mkdtemp(join(dataDir, "pglite-"));
    const outbox = join(pgliteDir, "outbox");
    const store = await openPgliteStore(pgliteDir);
    const references: string[] = [];
    for (const row of rows) {
      const outcome = await store.submit(row);
      if (outcome.outcome !== "created") throw new Error("not stored");
      references.push(outcome.reference);
    }
    await store.db.close();
    const cliEnv = {
      ...process.env,
      PGLITE_DATA_DIR: pgliteDir,
      OUTBOX_DIR: outbox,
      SUPABASE_URL: "",
      DATABASE_URL: "",
      PLEDGES_OFFICER: "",
      ...env,
    };
    const cli = (...args: string[]) => run(process.execPath, ["scripts/pledges.ts", ...args], { env: cliEnv });
    const failure = (...args: string[]) =>
      cli(...args).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code: number; stderr: string }) => error,
      );
    const historyOf = async (reference: string) => {
      const reopened = await openPgliteStore(pgliteDir);
      const record = await reopened.show(reference);
      await reopened.db.close();
      return record?.history ?? [];
    };
    return { cli, failure, references, pgliteDir, outbox, env: cliEnv, historyOf };
  }

  it("approves a pledge by reference, shows who did it, and exports CSV with formulas neutralised", async () => {
    const { cli, references, outbox } = await embeddedWith([
      pledgeRow({ name: '=HYPERLINK("http://evil.example")', contact_email: "sam@example.com" }),
    ]);
    const [reference = ""] = references;

    expect((await cli("list", "--status", "pending")).stdout).toContain(reference);
    expect((await cli("approve", reference, "--by", "Cara Officer")).stdout).toContain(
      `${reference} is now approved (was pending)`,
    );
    const [approval] = await readOutbox(outbox);
    expect(approval).toMatchObject({ to: "sam@example.com", reference: `approved ${reference}` });
    expect(approval?.body).toMatch(/\/signatory\/[0-9a-f-]{36}\//);
    expect(approval?.body).toMatch(/\/api\/withdraw\?ref=SC-/);
    const shown = (await cli("show", reference)).stdout;
    expect(shown).toMatch(/pending → approved +by Cara Officer/);
    const refused = await cli("reject", reference, "--reason", "late", "--by", "Cara Officer").catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toMatch(/cannot move from approved to rejected/);
    const csv = (await cli("export", "--format", "csv")).stdout;
    expect(csv.split("\r\n")[0]).toContain("contact_email");
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  }, 120_000);

  it("withdraws, exports JSON, applies retention, and refuses what makes no sense with a reason and exit code", async () => {
    const { cli, failure, references, outbox } = await embeddedWith([pledgeRow({ contact_email: "kim@example.com" })]);
    const [reference = ""] = references;

    expect(await failure("reject", reference, "--by", "Cara Officer")).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--reason/),
    });
    expect(await failure("approve", "SC-ZZZZZZZZ", "--by", "Cara Officer")).toMatchObject({
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
    expect((await cli("apply-retention")).stdout).toMatch(
      /^Reminded 0 pledger\(s\) to confirm, and deleted 0 pledge\(s\) never confirmed within 7 days\.\nDeleted the contact details of 0 pledge\(s\)/,
    );
  }, 120_000);

  it("shows a long commitment whole, wrapped to 100 columns outside a terminal", async () => {
    const commitment = Array.from({ length: 90 }, (_, index) => `promise${index}`).join(" ");
    const name = `Organisation ${"Longname".repeat(12)}`;
    const { cli, references } = await embeddedWith([pledgeRow({ commitment, name })]);
    const lines = (await cli("show", references[0] ?? "")).stdout.split("\n");
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(100);
    const shownValue = (label: string) => {
      const start = lines.findIndex((line) => line.startsWith(`${label} `));
      const rest = lines.slice(start + 1);
      const end = rest.findIndex((line) => !line.startsWith(" "));
      return [lines[start] ?? "", ...rest.slice(0, end)].map((line, index) =>
        index === 0 ? line.slice(label.length).trim() : line.trim(),
      );
    };
    expect(shownValue("commitment").length).toBeGreaterThan(1);
    expect(shownValue("commitment").join(" ")).toBe(commitment);
    expect(shownValue("name").join("")).toBe(name.replace(" ", ""));
  }, 120_000);

  it("writes the whole export into a pipe, byte for byte what it writes to a file", async () => {
    const rows = Array.from({ length: 90 }, (_, index) =>
      pledgeRow({ commitment: `${index} ${"We will buy from Stevenage suppliers first. ".repeat(20)}`.trim() }),
    );
    const { pgliteDir, env } = await embeddedWith(rows);
    const file = join(pgliteDir, "export.csv");
    await run("sh", ["-c", `"${process.execPath}" scripts/pledges.ts export --format csv > "${file}"`], { env });
    const written = await readFile(file);
    expect(written.length).toBeGreaterThan(65_536);

    const piped = await new Promise<Buffer>((resolve, reject) => {
      const child = spawn(process.execPath, ["scripts/pledges.ts", "export", "--format", "csv"], {
        env,
        stdio: ["ignore", "pipe", "ignore"],
      });
      const chunks: Buffer[] = [];
      child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(`exit ${code}`))));
    });
    expect(piped.equals(written)).toBe(true);

    const counted = await run("sh", ["-c", `"${process.execPath}" scripts/pledges.ts export --format csv | wc -c`], {
      env,
    });
    expect(Number(counted.stdout.trim())).toBe(written.length);
  }, 120_000);

  it("says an approval of an approved pledge changed nothing, and records and sends nothing", async () => {
    const { cli, references, outbox, historyOf } = await embeddedWith([pledgeRow()]);
    const [reference = ""] = references;
    await cli("approve", reference, "--by", "Cara Officer");
    const before = await historyOf(reference);
    const again = await cli("approve", reference, "--by", "Dan Officer");
    expect(again.stdout).toContain(`${reference} is already approved: nothing was changed and nothing was recorded.`);
    expect(again.stdout).not.toMatch(/is now approved/);
    expect(await historyOf(reference)).toEqual(before);
    expect(await readOutbox(outbox)).toHaveLength(1);
  }, 120_000);

  it("refuses a status change without the officer's name, with exit code 2, and changes nothing", async () => {
    const { failure, references, historyOf } = await embeddedWith([pledgeRow()]);
    const [reference = ""] = references;
    const refused = await failure("approve", reference);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--by "Your Name", or set PLEDGES_OFFICER/);
    expect((await historyOf(reference)).map((change) => change.to_status)).toEqual(["pending"]);
  }, 120_000);

  it("records the officer named in PLEDGES_OFFICER when --by is not given", async () => {
    const { cli, references, historyOf } = await embeddedWith([pledgeRow()], { PLEDGES_OFFICER: "Eve Officer" });
    const [reference = ""] = references;
    expect((await cli("approve", reference)).stdout).toContain("recorded as changed by Eve Officer");
    expect((await historyOf(reference)).at(-1)).toMatchObject({ to_status: "approved", changed_by: "Eve Officer" });
  }, 120_000);

  it("names a pledge by its id as well as by its reference", async () => {
    const { cli, references, pgliteDir } = await embeddedWith([pledgeRow()]);
    const [reference = ""] = references;
    const store = await openPgliteStore(pgliteDir);
    const id = (await store.show(reference))?.id ?? "";
    await store.db.close();
    expect((await cli("show", id)).stdout).toMatch(new RegExp(`^reference +${reference}$`, "m"));
    expect((await cli("withdraw", id, "--by", "Cara Officer")).stdout).toContain(`${reference} is now withdrawn`);
  }, 120_000);
});
