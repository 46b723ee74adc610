/**
 * `npm run officers`, run as an administrator runs it, on an embedded database of its own: who
 * may sign in to the officers' console is added, listed and removed from the command line, each
 * change recorded with who made it, and what is not an address is refused before the database.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPgliteStore } from "../../../src/storage/pglite-store.ts";

const run = promisify(execFile);

describe("npm run officers, on the embedded database", () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "officers-command-"));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  /** A fresh embedded database, the command run against it, and a look inside once it has run. */
  async function embedded(env: Record<string, string> = {}) {
    const pgliteDir = await mkdtemp(join(scratch, "pglite-"));
    const cliEnv = {
      ...process.env,
      PGLITE_DATA_DIR: pgliteDir,
      OUTBOX_DIR: join(pgliteDir, "outbox"),
      SUPABASE_URL: "",
      DATABASE_URL: "",
      PLEDGES_OFFICER: "",
      ...env,
    };
    const cli = (...args: string[]) =>
      run(process.execPath, ["scripts/officers.ts", ...args], { env: cliEnv }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    /** Opens the folder the command uses, once the command has let it go. */
    const inside = async <T>(look: (store: Awaited<ReturnType<typeof openPgliteStore>>) => Promise<T>) => {
      const store = await openPgliteStore(pgliteDir);
      try {
        return await look(store);
      } finally {
        await store.db.close();
      }
    };
    const activity = () =>
      inside(
        async (store) =>
          (
            await store.db.query<{ action: string; detail: string | null; done_by: string }>(
              "select action, detail, done_by from public.officer_activity order by id",
            )
          ).rows,
      );
    return { cli, inside, activity };
  }

  it("adds an officer, lists them with who added them, and records the change", async () => {
    const { cli, inside, activity } = await embedded();
    const added = await cli("add", " Ann.Officer@Stevenage.gov.uk ", "Ann Officer", "--by", "Cara Admin");
    expect(added).toMatchObject({ code: 0 });
    expect(added.stdout).toContain("ann.officer@stevenage.gov.uk (Ann Officer) is now an officer");
    expect(added.stdout).toContain("recorded as added by Cara Admin");

    const listed = await cli("list");
    expect(listed.stdout).toMatch(/^e-mail +ann\.officer@stevenage\.gov\.uk$/m);
    expect(listed.stdout).toMatch(/^name +Ann Officer$/m);
    expect(listed.stdout).toMatch(/^added by +Cara Admin$/m);
    expect(listed.stdout).toContain("1 officer(s)");

    expect(await inside((store) => store.officers.listOfficers())).toEqual([
      expect.objectContaining({ email: "ann.officer@stevenage.gov.uk", name: "Ann Officer", added_by: "Cara Admin" }),
    ]);
    expect(await activity()).toEqual([
      // Done by the operator who ran the command, about the officer it names.
      { action: "officer-added", detail: "ann.officer@stevenage.gov.uk", done_by: "Cara Admin" },
    ]);
  }, 120_000);

  it("takes a name typed without quotes whole", async () => {
    const { cli, inside } = await embedded();
    await cli("add", "ben@stevenage.gov.uk", "Ben", "de", "Souza", "--by", "Cara Admin");
    expect((await inside((store) => store.officers.listOfficers()))[0]?.name).toBe("Ben de Souza");
  }, 120_000);

  it("says an officer already listed was left as they were, and records nothing", async () => {
    const { cli, inside, activity } = await embedded();
    await cli("add", "ann@stevenage.gov.uk", "Ann Officer", "--by", "Cara Admin");
    const again = await cli("add", "ANN@stevenage.gov.uk", "Another Name", "--by", "Dan Admin");
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toContain("ann@stevenage.gov.uk is already an officer: nothing was changed");
    expect((await inside((store) => store.officers.listOfficers())).map((officer) => officer.name)).toEqual([
      "Ann Officer",
    ]);
    expect(await activity()).toHaveLength(1);
  }, 120_000);

  it.each([
    ["no @", "ann.stevenage.gov.uk"],
    ["no domain", "ann@"],
    ["a space inside", "ann officer@stevenage.gov.uk"],
    ["two @", "ann@@stevenage.gov.uk"],
  ])(
    "refuses an address with %s, saying how to write one, with exit code 2 and nothing added",
    async (_what, address) => {
      const { cli, inside } = await embedded();
      const refused = await cli("add", address, "Ann Officer", "--by", "Cara Admin");
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`Enter the officer's e-mail address in the correct format, like name@`);
      expect(refused.stderr).toContain(`"${address}" is not one`);
      expect(await inside((store) => store.officers.listOfficers())).toEqual([]);
    },
    120_000,
  );

  it("refuses to add an officer without a name, with exit code 2", async () => {
    const { cli } = await embedded();
    const refused = await cli("add", "ann@stevenage.gov.uk", "--by", "Cara Admin");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`add ann@stevenage.gov.uk "Their Name"`);
  }, 120_000);

  it("refuses a change without who makes it, and records PLEDGES_OFFICER when --by is not given", async () => {
    const { cli, inside } = await embedded();
    const refused = await cli("add", "ann@stevenage.gov.uk", "Ann Officer");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--by "Your Name", or set PLEDGES_OFFICER/);
    expect(await inside((store) => store.officers.listOfficers())).toEqual([]);

    const { cli: cliAsEve, inside: insideEve } = await embedded({ PLEDGES_OFFICER: "Eve Admin" });
    expect((await cliAsEve("add", "ann@stevenage.gov.uk", "Ann Officer")).stdout).toContain(
      "recorded as added by Eve Admin",
    );
    expect((await insideEve((store) => store.officers.listOfficers()))[0]?.added_by).toBe("Eve Admin");
  }, 120_000);

  it("removes an officer, ending their session at once, and records who removed them", async () => {
    const { cli, inside, activity } = await embedded();
    await cli("add", "ann@stevenage.gov.uk", "Ann Officer", "--by", "Cara Admin");
    const token = await inside(async (store) => {
      const issued = await store.officers.requestSignInCode("ann@stevenage.gov.uk");
      return (await store.officers.signIn("ann@stevenage.gov.uk", issued?.code ?? ""))?.session_token ?? "";
    });
    expect(await inside((store) => store.officers.sessionOfficer(token))).toMatchObject({
      email: "ann@stevenage.gov.uk",
    });

    const removed = await cli("remove", "Ann@Stevenage.gov.uk", "--by", "Cara Admin");
    expect(removed).toMatchObject({ code: 0 });
    expect(removed.stdout).toContain("ann@stevenage.gov.uk is no longer an officer, recorded as removed by Cara Admin");
    expect(await inside((store) => store.officers.sessionOfficer(token))).toBeUndefined();
    expect(
      await inside(
        async (store) =>
          (await store.db.query("select ended_at is not null as ended from public.officer_sessions")).rows,
      ),
    ).toEqual([{ ended: true }]);
    expect((await activity()).at(-1)).toMatchObject({
      action: "officer-removed",
      detail: "ann@stevenage.gov.uk",
      done_by: "Cara Admin",
    });
    expect((await cli("list")).stdout).toContain("There are no officers yet");
  }, 120_000);

  it("says so, with exit code 1, when the address to remove is not an officer's", async () => {
    const { cli } = await embedded();
    const refused = await cli("remove", "nobody@stevenage.gov.uk", "--by", "Cara Admin");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("nobody@stevenage.gov.uk is not an officer: nothing was changed.");
  }, 120_000);

  it.each([[["promote", "ann@stevenage.gov.uk"]], [[]], [["list", "--all"]]])(
    "answers %j with the usage and exit code 2",
    async (args) => {
      const { cli } = await embedded();
      expect(await cli(...args)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^Usage: npm run officers/) });
    },
  );

  it("passes the database's refusal on with exit code 1", async () => {
    const { cli } = await embedded();
    const refused = await cli("add", "ann@stevenage.gov.uk", "N".repeat(101), "--by", "Cara Admin");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Refused: .*officers_name_check/);
  }, 120_000);
});
