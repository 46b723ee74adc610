/**
 * Confirming a pledge's e-mail address before review, on each adapter: the status moves the
 * database allows, the history that begins only at confirmation, codes (typed, used up, replaced,
 * limited, kept only as hashes), the link's confirmation, reminders, the deletion of pledges never
 * confirmed, and the grants that keep all of it to the server. Run on PGlite always and on
 * PostgreSQL when TEST_DATABASE_URL is set.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PledgeStatus } from "../../../src/storage/pledge-store.ts";
import { StorageRefusalError } from "../../../src/storage/pledge-store.ts";
import { openMigrated, pledgeRow, type TestDatabase, testDatabaseKinds } from "../support/databases.ts";
import { type StoreTarget, storeTargets } from "../support/stores.ts";

const codeAlphabet = "234679ACDEFGHJKMNPQRTWXYZ";
const codeShape = new RegExp(`^[${codeAlphabet}]{6}$`);
const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** A code of the right shape that is not this one. */
const wrongCode = (code: string) => {
  const first = code[0] ?? "";
  const other = codeAlphabet[(codeAlphabet.indexOf(first) + 1) % codeAlphabet.length] ?? "2";
  return `${other}${code.slice(1)}`;
};

/** As a person might type it from the e-mail: lower case, with spaces. */
const typedLoosely = (code: string) => ` ${code.slice(0, 3).toLowerCase()} ${code.slice(3).toLowerCase()} `;

describe.each(storeTargets)("confirming a pledge's address on $name", ({ open }) => {
  let target: StoreTarget;
  beforeAll(async () => {
    target = await open();
  }, 60_000);
  afterAll(() => target?.close());

  async function stored(overrides: Parameters<typeof pledgeRow>[0] = {}) {
    const row = pledgeRow(overrides);
    const outcome = await target.store.submit(row);
    if (outcome.outcome !== "created") throw new Error(`setup: not created (${outcome.outcome})`);
    const [pledge] = await target.asOwner<{ id: string; status: string }>(
      "select id::text, status::text from public.pledges where reference = $1",
      [outcome.reference],
    );
    if (!pledge) throw new Error("setup: not found");
    return { row, reference: outcome.reference, id: pledge.id, status: pledge.status };
  }

  const waiting = (overrides: Parameters<typeof pledgeRow>[0] = {}) => stored({ status: "unconfirmed", ...overrides });

  async function withCode(overrides: Parameters<typeof pledgeRow>[0] = {}) {
    const pledge = await waiting(overrides);
    const issued = await target.store.issueConfirmationCode(pledge.reference);
    if (!issued) throw new Error("setup: no code issued");
    return { ...pledge, code: issued.code };
  }

  const statusOf = async (id: string) =>
    (await target.asOwner<{ status: string }>("select status::text from public.pledges where id = $1", [id]))[0]
      ?.status;

  const historyOf = (id: string) =>
    target.asOwner<{ from_status: string | null; to_status: string; changed_by: string }>(
      "select from_status::text, to_status::text, changed_by from public.pledge_status_changes where pledge_id = $1 order by id",
      [id],
    );

  const triesLeft = async (id: string) =>
    (
      await target.asOwner<{ tries_left: number }>(
        "select tries_left from public.pledge_confirmations where pledge_id = $1",
        [id],
      )
    )[0]?.tries_left;

  const age = (table: "pledges" | "pledge_confirmation_sends", column: string, id: string, interval: string) =>
    target.asOwner(
      `update public.${table} set ${column} = ${column} - $2::interval where ${table === "pledges" ? "id" : "pledge_id"} = $1`,
      [id, interval],
    );

  describe("the status moves", () => {
    it("stores a pledge sent online as unconfirmed when asked, and as pending by default", async () => {
      expect((await waiting()).status).toBe("unconfirmed");
      expect((await stored()).status).toBe("pending");
    });

    it("lets an unconfirmed pledge move to pending", async () => {
      const { id } = await waiting();
      expect(await target.store.setStatus({ id, status: "pending", actor: "Test Setup" })).toBe("changed");
      expect(await statusOf(id)).toBe("pending");
    });

    it.each(["approved", "rejected", "withdrawn"] as const)(
      "refuses to move an unconfirmed pledge straight to %s, and leaves it unconfirmed",
      async (status) => {
        const { id } = await waiting();
        const attempt = target.store.setStatus({ id, status, actor: "Test Setup", reason: "a reason" });
        await expect(attempt).rejects.toBeInstanceOf(StorageRefusalError);
        await expect(attempt).rejects.toThrow(`cannot move from unconfirmed to ${status}`);
        expect(await statusOf(id)).toBe("unconfirmed");
        expect(await historyOf(id)).toEqual([]);
      },
    );

    const routesTo: Record<Exclude<PledgeStatus, "unconfirmed">, PledgeStatus[]> = {
      pending: [],
      approved: ["approved"],
      rejected: ["rejected"],
      withdrawn: ["approved", "withdrawn"],
    };
    it.each(Object.keys(routesTo) as (keyof typeof routesTo)[])(
      "never moves a pledge that is %s back to unconfirmed",
      async (from) => {
        const { id } = await stored();
        for (const status of routesTo[from])
          await target.store.setStatus({ id, status, actor: "Test Setup", reason: "x" });
        expect(await statusOf(id)).toBe(from);
        const attempt = target.store.setStatus({ id, status: "unconfirmed", actor: "Test Setup" });
        await expect(attempt).rejects.toBeInstanceOf(StorageRefusalError);
        await expect(attempt).rejects.toThrow(`cannot move from ${from} to unconfirmed`);
        expect(await statusOf(id)).toBe(from);
      },
    );

    it.each(["paper", "assisted"] as const)(
      "refuses to store a pledge taken %s as unconfirmed: only a pledge sent online waits for its author",
      async (channel) => {
        const before = await target.count();
        const attempt = target.store.submit(pledgeRow({ channel, status: "unconfirmed" }));
        await expect(attempt).rejects.toBeInstanceOf(StorageRefusalError);
        await expect(attempt).rejects.toThrow(/Only a pledge sent online/);
        expect(await target.count()).toBe(before);
      },
    );

    it.each(["approved", "rejected", "withdrawn"] as const)("refuses to store a new pledge as %s", async (status) => {
      const before = await target.count();
      const attempt = target.store.submit(pledgeRow({ status }));
      await expect(attempt).rejects.toBeInstanceOf(StorageRefusalError);
      await expect(attempt).rejects.toThrow(/unconfirmed or pending/);
      expect(await target.count()).toBe(before);
    });
  });

  describe("the history", () => {
    it("records nothing for an unconfirmed pledge, then one change to pending naming the code", async () => {
      const { id, reference, code } = await withCode();
      expect(await historyOf(id)).toEqual([]);
      expect(await target.store.confirmWithCode(reference, code)).toBe("confirmed");
      expect(await historyOf(id)).toEqual([
        { from_status: "unconfirmed", to_status: "pending", changed_by: "pledger (code from the e-mail)" },
      ]);
    });

    it("names the link when the pledge is confirmed by the link's button", async () => {
      const { id, reference } = await withCode();
      expect(await target.store.confirmByLink(reference)).toBe("confirmed");
      expect(await historyOf(id)).toEqual([
        { from_status: "unconfirmed", to_status: "pending", changed_by: "pledger (link in the e-mail)" },
      ]);
    });

    it("still records a pledge stored pending from its start, as before", async () => {
      const { id } = await stored();
      expect(await historyOf(id)).toEqual([
        { from_status: null, to_status: "pending", changed_by: "pledge form (online)" },
      ]);
    });
  });

  describe("codes", () => {
    it("issues a code of six characters from the alphabet without look-alikes, to the pledge's address", async () => {
      const { reference, row } = await waiting();
      const issued = await target.store.issueConfirmationCode(` ${reference.toLowerCase()} `);
      expect(issued).toEqual({ reference, contact_email: row.contact_email, code: expect.stringMatching(codeShape) });
    });

    it("issues no code for a reference that does not exist, or for a pledge no longer waiting", async () => {
      expect(await target.store.issueConfirmationCode("SC-ZZZZZZZZ")).toBeUndefined();
      const { reference } = await stored();
      expect(await target.store.issueConfirmationCode(reference)).toBeUndefined();
    });

    it("confirms with the right code typed in lower case with spaces, once; then refuses any code, and only the link says already", async () => {
      const { id, reference, code } = await withCode();
      expect(await target.store.confirmWithCode(reference, typedLoosely(code))).toBe("confirmed");
      expect(await statusOf(id)).toBe("pending");
      // A reference and a made-up code must not tell a stranger the pledge exists.
      expect(await target.store.confirmWithCode(reference, code)).toBe("refused");
      expect(await target.store.confirmWithCode(reference, "ZZZZZZ")).toBe("refused");
      expect(await target.store.confirmByLink(reference)).toBe("already");
      expect(await historyOf(id)).toHaveLength(1);
    });

    it("throws the code away once it has confirmed", async () => {
      const { id, reference, code } = await withCode();
      await target.store.confirmWithCode(reference, code);
      expect(await target.asOwner("select 1 from public.pledge_confirmations where pledge_id = $1", [id])).toEqual([]);
    });

    it("refuses a reference that does not exist, and a pledge that waits but has no code", async () => {
      expect(await target.store.confirmWithCode("SC-ZZZZZZZZ", "234679")).toBe("refused");
      const { id, reference } = await waiting();
      expect(await target.store.confirmWithCode(reference, "234679")).toBe("refused");
      expect(await statusOf(id)).toBe("unconfirmed");
    });

    it("refuses a rejected pledge rather than saying it was confirmed", async () => {
      const { id, reference } = await stored();
      await target.store.setStatus({ id, status: "rejected", actor: "Test Setup", reason: "Not in Stevenage" });
      expect(await target.store.confirmWithCode(reference, "234679")).toBe("refused");
      expect(await target.store.confirmByLink(reference)).toBe("refused");
    });

    it("takes a wrong code as one of five tries, and leaves the pledge waiting", async () => {
      const { id, reference, code } = await withCode();
      expect(await triesLeft(id)).toBe(5);
      expect(await target.store.confirmWithCode(reference, wrongCode(code))).toBe("refused");
      expect(await triesLeft(id)).toBe(4);
      expect(await statusOf(id)).toBe("unconfirmed");
      expect(await historyOf(id)).toEqual([]);
    });

    it("still confirms with the right code after four wrong tries", async () => {
      const { id, reference, code } = await withCode();
      for (let attempt = 1; attempt <= 4; attempt += 1)
        expect(await target.store.confirmWithCode(reference, wrongCode(code))).toBe("refused");
      expect(await target.store.confirmWithCode(reference, code)).toBe("confirmed");
      expect(await statusOf(id)).toBe("pending");
    });

    it("refuses even the right code after five wrong tries", async () => {
      const { id, reference, code } = await withCode();
      for (let attempt = 1; attempt <= 5; attempt += 1)
        expect(await target.store.confirmWithCode(reference, wrongCode(code))).toBe("refused");
      expect(await triesLeft(id)).toBe(0);
      expect(await target.store.confirmWithCode(reference, code)).toBe("refused");
      expect(await statusOf(id)).toBe("unconfirmed");
    });

    it("replaces the code with a new one, with five tries again: the old code no longer confirms", async () => {
      const { id, reference, code: first } = await withCode();
      await target.store.confirmWithCode(reference, wrongCode(first));
      const second = (await target.store.issueConfirmationCode(reference))?.code ?? "";
      expect(second).toMatch(codeShape);
      expect(await triesLeft(id)).toBe(5);
      if (second !== first) expect(await target.store.confirmWithCode(reference, first)).toBe("refused");
      expect(await target.store.confirmWithCode(reference, second)).toBe("confirmed");
    });

    it("issues at most three codes a day for one pledge, and the third still confirms", async () => {
      const { reference } = await waiting();
      const codes = [];
      for (let request = 1; request <= 3; request += 1) codes.push(await target.store.issueConfirmationCode(reference));
      expect(codes.every((issued) => codeShape.test(issued?.code ?? ""))).toBe(true);
      expect(await target.store.issueConfirmationCode(reference)).toBeUndefined();
      expect(await target.store.confirmWithCode(reference, codes[2]?.code ?? "")).toBe("confirmed");
    });

    it("issues codes for the pledge again once a day has passed since the earlier ones", async () => {
      const { id, reference } = await waiting();
      for (let request = 1; request <= 3; request += 1) await target.store.issueConfirmationCode(reference);
      expect(await target.store.issueConfirmationCode(reference)).toBeUndefined();
      await age("pledge_confirmation_sends", "sent_at", id, "25 hours");
      expect(await target.store.issueConfirmationCode(reference)).toMatchObject({ reference });
    });

    it("issues at most five codes a day for one address across its pledges", async () => {
      const address = `shared.${crypto.randomUUID().slice(0, 8)}@example.com`;
      const [first, second, third] = [
        await waiting({ contact_email: address }),
        await waiting({ contact_email: address }),
        await waiting({ contact_email: address }),
      ];
      for (let request = 1; request <= 3; request += 1)
        expect(await target.store.issueConfirmationCode(first?.reference ?? "")).toBeDefined();
      for (let request = 1; request <= 2; request += 1)
        expect(await target.store.issueConfirmationCode(second?.reference ?? "")).toBeDefined();
      expect(await target.store.issueConfirmationCode(third?.reference ?? "")).toBeUndefined();
      const [sends] = await target.asOwner<{ n: number }>(
        "select count(*)::int as n from public.pledge_confirmation_sends where pledge_id = $1",
        [third?.id],
      );
      expect(sends?.n).toBe(0);
      const elsewhere = await waiting();
      expect(await target.store.issueConfirmationCode(elsewhere.reference)).toMatchObject({
        reference: elsewhere.reference,
      });
    });

    it("keeps only a SHA-256 hash of the code: no column holds the code itself", async () => {
      const { id, code } = await withCode();
      const rows = await target.asOwner<Record<string, string | null>>(
        `select c.pledge_id::text, encode(c.code_hash, 'hex') as code_hash, c.tries_left::text,
           c.reminded_at::text, s.id::text as send_id, s.sent_at::text
         from public.pledge_confirmations as c join public.pledge_confirmation_sends as s using (pledge_id)
         where c.pledge_id = $1`,
        [id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]?.code_hash).toBe(sha256Hex(`${id}:${code}`));
      for (const value of Object.values(rows[0] ?? {})) {
        expect(value ?? "").not.toContain(code);
        expect(value ?? "").not.toContain(code.toLowerCase());
      }
    });
  });

  describe("the link's button", () => {
    it("confirms a waiting pledge once, in whatever case its reference comes, and throws its code away", async () => {
      const { id, reference, code } = await withCode();
      expect(await target.store.confirmByLink(` ${reference.toLowerCase()} `)).toBe("confirmed");
      expect(await statusOf(id)).toBe("pending");
      expect(await target.store.confirmByLink(reference)).toBe("already");
      expect(await target.store.confirmWithCode(reference, code)).toBe("refused");
      expect(await target.asOwner("select 1 from public.pledge_confirmations where pledge_id = $1", [id])).toEqual([]);
    });

    it("confirms a waiting pledge even when its code is used up", async () => {
      const { id, reference, code } = await withCode();
      for (let attempt = 1; attempt <= 5; attempt += 1) await target.store.confirmWithCode(reference, wrongCode(code));
      expect(await target.store.confirmByLink(reference)).toBe("confirmed");
      expect(await statusOf(id)).toBe("pending");
    });

    it("refuses a reference that does not exist", async () => {
      expect(await target.store.confirmByLink("SC-ZZZZZZZZ")).toBe("refused");
    });
  });

  describe("reminders", () => {
    it("are claimed once, only for pledges older than the period, each with a new code that replaces the old", async () => {
      const due = await withCode();
      const recent = await withCode();
      await age("pledges", "created_at", due.id, "3 days");
      await age("pledges", "created_at", recent.id, "1 day");
      const claimed = await target.store.claimConfirmationReminders(2, 1000);
      const mine = claimed.filter((issued) => [due.reference, recent.reference].includes(issued.reference));
      expect(mine).toEqual([
        { reference: due.reference, contact_email: due.row.contact_email, code: expect.stringMatching(codeShape) },
      ]);
      expect(await target.store.claimConfirmationReminders(2, 1000)).toEqual([]);
      const reminded = mine[0]?.code ?? "";
      if (reminded !== due.code) expect(await target.store.confirmWithCode(due.reference, due.code)).toBe("refused");
      expect(await target.store.confirmWithCode(due.reference, reminded)).toBe("confirmed");
    });

    it("reach a pledge whose first code was never issued, with a code that confirms it", async () => {
      const { id, reference } = await stored({ status: "unconfirmed" });
      await age("pledges", "created_at", id, "3 days");
      const claimed = (await target.store.claimConfirmationReminders(2, 1000)).find(
        (issued) => issued.reference === reference,
      );
      expect(claimed?.code).toMatch(codeShape);
      expect(await target.store.confirmWithCode(reference, claimed?.code ?? "")).toBe("confirmed");
    });

    it("give a reminded pledge five tries again, whatever the first code had used", async () => {
      const { id, reference, code } = await withCode();
      for (let attempt = 1; attempt <= 5; attempt += 1) await target.store.confirmWithCode(reference, wrongCode(code));
      await age("pledges", "created_at", id, "3 days");
      const claimed = (await target.store.claimConfirmationReminders(2, 1000)).find(
        (issued) => issued.reference === reference,
      );
      expect(await triesLeft(id)).toBe(5);
      expect(await target.store.confirmWithCode(reference, claimed?.code ?? "")).toBe("confirmed");
    });

    it("take no more than asked for at once, leaving the rest for the next claim", async () => {
      const pledges = [await withCode(), await withCode(), await withCode()];
      for (const { id } of pledges) await age("pledges", "created_at", id, "30 days");
      const first = await target.store.claimConfirmationReminders(29, 2);
      expect(first).toHaveLength(2);
      const second = await target.store.claimConfirmationReminders(29, 2);
      expect([...first, ...second].map((issued) => issued.reference).sort()).toEqual(
        pledges.map((pledge) => pledge.reference).sort(),
      );
    });

    it("are not claimed for a pledge confirmed in the meantime", async () => {
      const { id, reference } = await withCode();
      await target.store.confirmByLink(reference);
      await age("pledges", "created_at", id, "3 days");
      const claimed = await target.store.claimConfirmationReminders(2, 1000);
      expect(claimed.map((issued) => issued.reference)).not.toContain(reference);
    });
  });

  describe("deleting pledges never confirmed", () => {
    it("deletes only unconfirmed pledges older than the period, with their codes, and says how many", async () => {
      const old = await withCode();
      const young = await withCode();
      const confirmed = await withCode();
      await target.store.confirmByLink(confirmed.reference);
      await age("pledges", "created_at", old.id, "8 days");
      await age("pledges", "created_at", young.id, "6 days");
      await age("pledges", "created_at", confirmed.id, "8 days");
      const [due] = await target.asOwner<{ n: number }>(
        "select count(*)::int as n from public.pledges where status = 'unconfirmed' and created_at < now() - interval '7 days'",
      );
      expect(due?.n).toBeGreaterThanOrEqual(1);
      const before = await target.count();

      expect(await target.store.deleteUnconfirmed(7)).toBe(due?.n);

      expect(await target.count()).toBe(before - (due?.n ?? 0));
      expect(await target.store.show(old.id)).toBeUndefined();
      expect(await statusOf(young.id)).toBe("unconfirmed");
      expect(await statusOf(confirmed.id)).toBe("pending");
      for (const table of ["pledge_confirmations", "pledge_confirmation_sends"])
        expect(await target.asOwner(`select 1 from public.${table} where pledge_id = $1`, [old.id])).toEqual([]);
      expect(await target.store.deleteUnconfirmed(7)).toBe(0);
    });
  });

  describe("duplicates", () => {
    it("counts a pledge waiting for confirmation as live: the same organisation from the same address again is a duplicate", async () => {
      const first = await waiting();
      const again = { ...first.row, idempotency_key: crypto.randomUUID() };
      const before = await target.count();
      expect(await target.store.submit(again)).toEqual({ outcome: "duplicate", publiclyListed: false });
      expect(await target.store.submit({ ...again, status: "pending" })).toEqual({
        outcome: "duplicate",
        publiclyListed: false,
      });
      expect(await target.count()).toBe(before);
    });

    it("lets the organisation pledge again from the address once the unconfirmed pledge is deleted", async () => {
      const first = await waiting();
      await age("pledges", "created_at", first.id, "8 days");
      await target.store.deleteUnconfirmed(7);
      const again = await target.store.submit({ ...first.row, idempotency_key: crypto.randomUUID() });
      expect(again.outcome).toBe("created");
    });
  });
});

describe.each(testDatabaseKinds)("the confirmation functions and tables on $name", ({ open }) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openMigrated(open);
  }, 60_000);
  afterAll(() => db?.close());

  const forTheServer = [
    "select * from public.issue_confirmation_code('SC-ZZZZZZZZ')",
    "select public.confirm_pledge_with_code('SC-ZZZZZZZZ', '234679')",
    "select public.confirm_pledge_by_link('SC-ZZZZZZZZ')",
    "select * from public.claim_confirmation_reminders(100000, 0)",
    "select public.delete_unconfirmed_pledges(100000)",
  ];
  const helpers = [
    "select public.random_confirmation_code()",
    "select public.confirmation_code_hash(gen_random_uuid(), '234679')",
  ];
  const tables = ["pledge_confirmations", "pledge_confirmation_sends"];

  it.each(
    (["anon", "authenticated"] as const).flatMap((role) =>
      [...forTheServer, ...helpers].map((call) => [role, call] as const),
    ),
  )("%s cannot call: %s", async (role, call) => {
    await expect(db.as(role, call)).rejects.toThrow(/permission denied for function/);
  });

  it.each(forTheServer)("the server's role can call: %s", async (call) => {
    await expect(db.as("service_role", call)).resolves.toBeDefined();
  });

  it.each(helpers)("the server's role cannot call the helper: %s", async (call) => {
    await expect(db.as("service_role", call)).rejects.toThrow(/permission denied for function/);
  });

  it.each(
    (["anon", "authenticated", "service_role"] as const).flatMap((role) =>
      tables.map((table) => [role, table] as const),
    ),
  )("%s cannot read %s", async (role, table) => {
    await expect(db.as(role, `select * from public.${table}`)).rejects.toThrow(/permission denied for table/);
  });

  it.each(tables)("the server's role cannot write to %s but through the functions", async (table) => {
    const insert =
      table === "pledge_confirmations"
        ? "insert into public.pledge_confirmations (pledge_id, code_hash, tries_left) values (gen_random_uuid(), '\\x00', 5)"
        : "insert into public.pledge_confirmation_sends (pledge_id) values (gen_random_uuid())";
    await expect(db.as("service_role", insert)).rejects.toThrow(/permission denied/);
  });

  it("lists no other function the confirmation migration made", async () => {
    const names = await db.as<{ name: string }>(
      "postgres",
      `select p.proname as name from pg_proc as p
       where p.pronamespace = 'public'::regnamespace and p.proname like '%confirm%'
         and p.proname not like 'pledger\\_%' order by p.proname`,
    );
    expect(names.map((row) => row.name)).toEqual([
      "claim_confirmation_reminders",
      "confirm_pledge_by_link",
      "confirm_pledge_with_code",
      "confirmation_code_hash",
      "delete_unconfirmed_pledges",
      "issue_confirmation_code",
      "random_confirmation_code",
    ]);
  });
});
