/**
 * The officers' console on each adapter, through `store.officers`: who is on the list, one-time
 * sign-in codes and sessions, and the database refusing every console read and write that no
 * live session asks for, recording nothing when it refuses and the session's officer when it
 * does not. Run on PGlite always and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotSignedInError, type OfficerStore } from "../../../src/storage/officer-store.ts";
import { type PledgeRecord, StorageRefusalError } from "../../../src/storage/pledge-store.ts";
import { consoleStateSql } from "../support/console-state.ts";
import { openMigrated, pledgeRow, type TestDatabase, testDatabaseKinds } from "../support/databases.ts";
import { type StoreTarget, storeTargets } from "../support/stores.ts";

const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const hourMs = 3_600_000;

describe.each(storeTargets)("the officers' console on $name", ({ open }) => {
  let target: StoreTarget;
  let officers: OfficerStore;
  beforeAll(async () => {
    target = await open();
    officers = target.store.officers;
  }, 60_000);
  afterAll(() => target?.close());

  const newAddress = () => `officer.${crypto.randomUUID().slice(0, 8)}@stevenage.gov.uk`;

  /** An officer on the list, not signed in; each test has its own, so no test spends another's codes. */
  async function listedOfficer(name = "Ann Officer") {
    const email = newAddress();
    expect(await officers.addOfficer(email, name, "Test Setup")).toBe("added");
    const [row] = await target.asOwner<{ id: string }>(
      "select id from public.officers where email = $1 and removed_at is null",
      [email],
    );
    return { email, name, id: row?.id ?? "" };
  }

  async function signInWithNewCode(email: string) {
    const issued = await officers.requestSignInCode(email);
    if (!issued) throw new Error("no code was issued");
    const session = await officers.signIn(email, issued.code);
    if (!session) throw new Error("the right code did not sign in");
    return session.session_token;
  }

  async function signedInOfficer() {
    const officer = await listedOfficer();
    return { ...officer, token: await signInWithNewCode(officer.email) };
  }

  /** A six-digit code that is not this one. */
  const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

  const activityOf = (officerId: string) =>
    target.asOwner<{ action: string; detail: string | null; done_by: string; pledge_id: string | null }>(
      "select action, detail, done_by, pledge_id from public.officer_activity where officer_id = $1 order by id",
      [officerId],
    );

  /** Everything a console call could change or record, read as the owner. */
  const databaseState = () => target.asOwner(consoleStateSql);

  async function stored(overrides: Parameters<typeof pledgeRow>[0] = {}): Promise<PledgeRecord> {
    const outcome = await target.store.submit(pledgeRow(overrides));
    if (outcome.outcome !== "created") throw new Error("not stored");
    const record = await target.store.show(outcome.reference);
    if (!record) throw new Error("not found");
    return record;
  }

  /** A pending pledge, another from the same address, and a withdrawn one that may be erased. */
  async function scene() {
    const pending = await stored();
    const twin = await stored({ contact_email: pending.contact_email });
    const withdrawn = await stored();
    await target.store.setStatus({ id: withdrawn.id, status: "withdrawn", actor: "Test Setup" });
    return { pending, twin, withdrawn };
  }
  type Scene = Awaited<ReturnType<typeof scene>>;

  /** Each console call of the port, and what it does for an officer who is signed in. */
  const consoleCalls: Record<
    string,
    { call: (token: string, scene: Scene) => Promise<unknown>; works: (answer: unknown, scene: Scene) => Promise<void> }
  > = {
    queue: {
      call: (token, { pending }) => officers.queue(token, { search: pending.reference }),
      works: async (answer, { pending }) =>
        expect((answer as { reference: string }[]).map((row) => row.reference)).toEqual([pending.reference]),
    },
    showFor: {
      call: (token, { pending }) => officers.showFor(token, pending.reference),
      works: async (answer, { pending }) =>
        expect(answer).toMatchObject({ id: pending.id, contact_email: pending.contact_email }),
    },
    similar: {
      call: (token, { pending }) => officers.similar(token, pending.id),
      works: async (answer, { twin }) =>
        expect(answer).toEqual([expect.objectContaining({ id: twin.id, same_email: true, same_name: false })]),
    },
    decide: {
      call: (token, { pending }) => officers.decide(token, { id: pending.id, status: "approved" }),
      works: async (answer, { pending }) => {
        expect(answer).toBe("changed");
        expect((await target.store.show(pending.id))?.status).toBe("approved");
      },
    },
    eraseFor: {
      call: (token, { withdrawn }) => officers.eraseFor(token, withdrawn.id),
      works: async (answer, { withdrawn }) => {
        expect(answer).toBe("erased");
        expect(await target.store.show(withdrawn.id)).toMatchObject({ name: null, contact_email: null });
      },
    },
    take: {
      call: (token) =>
        officers.take(token, {
          pledge: pledgeRow({ channel: "assisted" }),
          privacyStatement: "Read the privacy notice to them on the phone",
        }),
      works: async (answer) => {
        expect(answer).toMatchObject({ outcome: "created" });
        const { reference } = answer as { reference: string };
        expect((await target.store.show(reference))?.channel).toBe("assisted");
      },
    },
    exportFor: {
      call: (token) => officers.exportFor(token),
      works: async (answer, { pending }) =>
        expect((answer as PledgeRecord[]).find((record) => record.id === pending.id)?.contact_email).toBe(
          pending.contact_email,
        ),
    },
    overview: {
      call: (token) => officers.overview(token),
      works: async (answer) => {
        const [counted] = await target.asOwner<{ n: number }>(
          "select count(*)::int as n from public.pledges where status = 'pending' and channel = 'online'",
        );
        expect(answer).toContainEqual(
          expect.objectContaining({ status: "pending", channel: "online", pledges: counted?.n }),
        );
      },
    },
    listedOfficers: {
      call: (token) => officers.listedOfficers(token),
      works: async (answer) => {
        const [counted] = await target.asOwner<{ n: number }>(
          "select count(*)::int as n from public.officers where removed_at is null",
        );
        expect((answer as unknown[]).length).toBe(counted?.n);
      },
    },
    activity: {
      call: (token) => officers.activity(token, 3),
      works: async (answer) => {
        const latest = await target.asOwner("select action from public.officer_activity order by id desc limit 3");
        expect((answer as { action: string }[]).map((row) => row.action)).toEqual(latest.map((row) => row.action));
      },
    },
  };

  /** Tokens that name no live session, each made the way an officer comes to hold one. */
  const deadSessions: Record<string, () => Promise<string>> = {
    "a token no session ever had": async () => randomBytes(32).toString("hex"),
    "an expired session": async () => {
      const { id, token } = await signedInOfficer();
      await target.asOwner(
        "update public.officer_sessions set expires_at = now() - interval '1 second' where officer_id = $1",
        [id],
      );
      return token;
    },
    "the session of an officer since removed": async () => {
      const { email, token } = await signedInOfficer();
      expect(await officers.removeOfficer(email, "Test Setup")).toBe(true);
      return token;
    },
    // As in Supabase Studio's table editor: the session itself is left as it was.
    "the session of an officer marked removed in the table itself": async () => {
      const { id, token } = await signedInOfficer();
      await target.asOwner("update public.officers set removed_at = now(), removed_by = 'Studio' where id = $1", [id]);
      return token;
    },
    "a session signed out": async () => {
      const { token } = await signedInOfficer();
      expect(await officers.signOut(token)).toBe(true);
      return token;
    },
  };

  describe("refuses every console call without a live session", () => {
    const cases = Object.keys(deadSessions).flatMap((session) =>
      Object.keys(consoleCalls).map((call) => [call, session] as const),
    );

    it.each(cases)("%s, with %s: not signed in, and nothing changed or recorded", async (callName, session) => {
      const setting = await scene();
      const token = await (deadSessions[session] as () => Promise<string>)();
      const before = await databaseState();
      const attempt = consoleCalls[callName]?.call(token, setting);
      await expect(attempt).rejects.toBeInstanceOf(NotSignedInError);
      expect(await databaseState()).toEqual(before);
    });

    it.each(Object.keys(deadSessions))("names no officer for %s, and signs nothing out", async (session) => {
      const token = await (deadSessions[session] as () => Promise<string>)();
      const before = await databaseState();
      expect(await officers.sessionOfficer(token)).toBeUndefined();
      expect(await officers.signOut(token)).toBe(false);
      expect(await databaseState()).toEqual(before);
    });
  });

  describe("answers an officer who is signed in", () => {
    it.each(Object.keys(consoleCalls))("%s", async (callName) => {
      const setting = await scene();
      const { token } = await signedInOfficer();
      const { call, works } = consoleCalls[callName] as (typeof consoleCalls)[string];
      await works(await call(token, setting), setting);
    });

    it("names the officer a session belongs to, until it is signed out", async () => {
      const { email, name, id, token } = await signedInOfficer();
      expect(await officers.sessionOfficer(token)).toEqual({ email, name });
      expect(await officers.signOut(token)).toBe(true);
      expect(await officers.sessionOfficer(token)).toBeUndefined();
      expect((await activityOf(id)).map((row) => row.action)).toEqual([
        "officer-added",
        "code-sent",
        "signed-in",
        "signed-out",
      ]);
    });

    it("ends only the session signed out, not the officer's other one", async () => {
      const { email, token } = await signedInOfficer();
      const other = await signInWithNewCode(email);
      await officers.signOut(token);
      expect(await officers.sessionOfficer(other)).toMatchObject({ email });
    });
  });

  describe("sign-in codes", () => {
    it("gives an address not on the list no code, and records nothing", async () => {
      const before = await databaseState();
      const [codes] = await target.asOwner<{ n: number }>(
        "select count(*)::int as n from public.officer_sign_in_codes",
      );
      expect(await officers.requestSignInCode(newAddress())).toBeUndefined();
      expect(await databaseState()).toEqual(before);
      expect(await target.asOwner("select count(*)::int as n from public.officer_sign_in_codes")).toEqual([codes]);
    });

    it("gives a removed officer no code", async () => {
      const { email } = await listedOfficer();
      await officers.removeOfficer(email, "Test Setup");
      expect(await officers.requestSignInCode(email)).toBeUndefined();
    });

    it("sends a code of six digits to the officer, whatever the case of the address typed", async () => {
      const { email, name, id } = await listedOfficer("Ben Officer");
      const issued = await officers.requestSignInCode(`  ${email.toUpperCase()} `);
      expect(issued).toEqual({ email, name, code: expect.stringMatching(/^\d{6}$/) });
      expect((await activityOf(id)).map((row) => row.action)).toEqual(["officer-added", "code-sent"]);
    });

    it("starts an 8-hour session with the right code, once: the code is then gone", async () => {
      const { email, name, id } = await listedOfficer("Cara Officer");
      const issued = await officers.requestSignInCode(email);
      const session = await officers.signIn(email, issued?.code ?? "");
      expect(session).toMatchObject({ name, session_token: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(Math.abs(Date.parse(session?.expires_at ?? "") - (Date.now() + 8 * hourMs))).toBeLessThan(60_000);
      expect(await officers.sessionOfficer(session?.session_token ?? "")).toEqual({ email, name });
      expect(await officers.signIn(email, issued?.code ?? "")).toBeUndefined();
      expect(await target.asOwner("select 1 from public.officer_sign_in_codes where officer_id = $1", [id])).toEqual(
        [],
      );
      expect((await activityOf(id)).map((row) => row.action)).toEqual([
        "officer-added",
        "code-sent",
        "signed-in",
        "code-failed",
      ]);
    });

    it("takes a wrong code as one of five tries: after four wrong tries the right code still signs in", async () => {
      const { email, id } = await listedOfficer();
      const { code } = (await officers.requestSignInCode(email)) ?? { code: "" };
      for (let attempt = 1; attempt <= 4; attempt += 1)
        expect(await officers.signIn(email, wrongCode(code))).toBeUndefined();
      expect(
        await target.asOwner("select tries_left from public.officer_sign_in_codes where officer_id = $1", [id]),
      ).toEqual([{ tries_left: 1 }]);
      expect(await officers.signIn(email, code)).toBeDefined();
    });

    it("ends the code at the fifth wrong try, so even the right code then fails", async () => {
      const { email, id } = await listedOfficer();
      const { code } = (await officers.requestSignInCode(email)) ?? { code: "" };
      for (let attempt = 1; attempt <= 5; attempt += 1)
        expect(await officers.signIn(email, wrongCode(code))).toBeUndefined();
      expect(await officers.signIn(email, code)).toBeUndefined();
      const failures = (await activityOf(id)).filter((row) => row.action === "code-failed");
      expect(failures).toHaveLength(6);
      expect(failures.map((row) => row.done_by)).toEqual(Array(6).fill(email));
      expect(await target.asOwner("select 1 from public.officer_sessions where officer_id = $1", [id])).toEqual([]);
    });

    it("refuses a code past its 10 minutes", async () => {
      const { email, id } = await listedOfficer();
      const { code } = (await officers.requestSignInCode(email)) ?? { code: "" };
      const [expiry] = await target.asOwner<{ minutes: number }>(
        "select round(extract(epoch from expires_at - now()) / 60)::int as minutes from public.officer_sign_in_codes where officer_id = $1",
        [id],
      );
      expect(expiry?.minutes).toBe(10);
      await target.asOwner(
        "update public.officer_sign_in_codes set expires_at = now() - interval '1 second' where officer_id = $1",
        [id],
      );
      expect(await officers.signIn(email, code)).toBeUndefined();
    });

    it("replaces the code when the officer asks again: the first no longer signs in", async () => {
      const { email } = await listedOfficer();
      const first = await officers.requestSignInCode(email);
      const second = await officers.requestSignInCode(email);
      expect(await officers.signIn(email, first?.code ?? "")).toBeUndefined();
      expect(await officers.signIn(email, second?.code ?? "")).toBeDefined();
    });

    it("sends at most five codes an hour, records the sixth request as refused and keeps the fifth code", async () => {
      const { email, id } = await listedOfficer();
      const sent = [];
      for (let request = 1; request <= 5; request += 1) sent.push(await officers.requestSignInCode(email));
      expect(sent.every((issued) => /^\d{6}$/.test(issued?.code ?? ""))).toBe(true);
      expect(await officers.requestSignInCode(email)).toBeUndefined();
      expect((await activityOf(id)).at(-1)).toMatchObject({ action: "code-refused", done_by: email });
      expect(await officers.signIn(email, sent[4]?.code ?? "")).toBeDefined();
    });

    it("sends codes again once the hour has passed", async () => {
      const { email, id } = await listedOfficer();
      for (let request = 1; request <= 5; request += 1) await officers.requestSignInCode(email);
      expect(await officers.requestSignInCode(email)).toBeUndefined();
      // The activity refuses to be rewritten, so the owner lifts that rule for a moment to move
      // this officer's requests an hour into the past.
      await target.asOwner("alter table public.officer_activity disable trigger officer_activity_append_only");
      try {
        await target.asOwner(
          "update public.officer_activity set at = at - interval '61 minutes' where officer_id = $1",
          [id],
        );
      } finally {
        await target.asOwner("alter table public.officer_activity enable trigger officer_activity_append_only");
      }
      expect(await officers.requestSignInCode(email)).toMatchObject({ email });
    });

    it("keeps only SHA-256 hashes of codes and session tokens, and writes neither into the activity", async () => {
      const { email, id } = await listedOfficer();
      const issued = await officers.requestSignInCode(email);
      const code = issued?.code ?? "";
      const codes = await target.asOwner<Record<string, unknown>>(
        "select officer_id::text, encode(code_hash, 'hex') as code_hash, expires_at::text, tries_left::text from public.officer_sign_in_codes where officer_id = $1",
        [id],
      );
      expect(codes).toHaveLength(1);
      expect(codes[0]?.code_hash).toBe(sha256Hex(`${id}:${code}`));
      for (const value of Object.values(codes[0] ?? {})) expect(value).not.toBe(code);

      const token = (await officers.signIn(email, code))?.session_token ?? "";
      const sessions = await target.asOwner<Record<string, unknown>>(
        "select encode(token_hash, 'hex') as token_hash, officer_id::text, started_at::text, expires_at::text, ended_at::text from public.officer_sessions where officer_id = $1",
        [id],
      );
      expect(sessions).toHaveLength(1);
      expect(sessions[0]?.token_hash).toBe(sha256Hex(token));
      for (const value of Object.values(sessions[0] ?? {})) expect(value).not.toBe(token);

      const written = JSON.stringify(await activityOf(id));
      expect(written).not.toContain(code);
      expect(written).not.toContain(token);
    });
  });

  describe("decisions", () => {
    it("records the signed-in officer's address as who approved, in the history and in the activity", async () => {
      const { pending } = await scene();
      const { email, id, token } = await signedInOfficer();
      expect(await officers.decide(token, { id: pending.id, status: "approved" })).toBe("changed");
      expect(
        await target.asOwner(
          "select from_status, to_status, changed_by from public.pledge_status_changes where pledge_id = $1 order by id",
          [pending.id],
        ),
      ).toEqual([
        { from_status: null, to_status: "pending", changed_by: "pledge form (online)" },
        { from_status: "pending", to_status: "approved", changed_by: email },
      ]);
      expect((await activityOf(id)).filter((row) => row.action === "pledge-status")).toEqual([
        { action: "pledge-status", detail: "pending → approved", done_by: email, pledge_id: pending.id },
      ]);
    });

    it("keeps the reason given for a rejection, and refuses a rejection without one", async () => {
      const { pending } = await scene();
      const { token } = await signedInOfficer();
      await expect(officers.decide(token, { id: pending.id, status: "rejected" })).rejects.toThrow(
        /A rejection needs a reason/,
      );
      await officers.decide(token, { id: pending.id, status: "rejected", reason: "Not in Stevenage" });
      expect((await target.store.show(pending.id))?.history.at(-1)).toMatchObject({
        to_status: "rejected",
        reason: "Not in Stevenage",
      });
    });

    it("refuses to move an approved pledge back to pending with the database's reason, and records nothing", async () => {
      const { pending } = await scene();
      const { token } = await signedInOfficer();
      await officers.decide(token, { id: pending.id, status: "approved" });
      const before = await databaseState();
      const attempt = officers.decide(token, { id: pending.id, status: "pending" });
      await expect(attempt).rejects.toBeInstanceOf(StorageRefusalError);
      await expect(attempt).rejects.toThrow(/cannot move from approved to pending/);
      expect(await databaseState()).toEqual(before);
    });

    it("answers unchanged, and records nothing, when the pledge already has the status", async () => {
      const { pending } = await scene();
      const { token } = await signedInOfficer();
      await officers.decide(token, { id: pending.id, status: "approved" });
      const before = await databaseState();
      expect(await officers.decide(token, { id: pending.id, status: "approved" })).toBe("unchanged");
      expect(await databaseState()).toEqual(before);
    });

    it("answers not-found for a pledge that does not exist", async () => {
      const { token } = await signedInOfficer();
      expect(await officers.decide(token, { id: crypto.randomUUID(), status: "approved" })).toBe("not-found");
    });

    it("refuses to erase a pledge that is still live, and erases nothing", async () => {
      const { pending } = await scene();
      const { token } = await signedInOfficer();
      await expect(officers.eraseFor(token, pending.id)).rejects.toThrow(/withdrawn or rejected/);
      expect((await target.store.show(pending.id))?.name).toBe(pending.name);
    });

    it("records the export in the activity, with who made it", async () => {
      const { id, email, token } = await signedInOfficer();
      await officers.exportFor(token);
      expect((await activityOf(id)).at(-1)).toMatchObject({ action: "export", done_by: email });
    });
  });

  describe("a pledge an officer takes", () => {
    const privacyStatement = "Gave them the printed privacy notice";
    const takenAs = async (reference: string) => {
      const [row] = await target.asOwner<{ id: string; channel: string; form_dated: string | null }>(
        "select id, channel, to_char(form_dated, 'YYYY-MM-DD') as form_dated from public.pledges where reference = $1",
        [reference],
      );
      return row;
    };

    it("is stored with a paper form's date, the officer and the channel in its history, and recorded", async () => {
      const { email, id, token } = await signedInOfficer();
      const outcome = await officers.take(token, {
        pledge: pledgeRow({ channel: "paper" }),
        privacyStatement,
        formDated: "2026-11-20",
      });
      if (outcome.outcome !== "created") throw new Error(`not created: ${outcome.outcome}`);
      const pledge = await takenAs(outcome.reference);
      expect(pledge).toMatchObject({ channel: "paper", form_dated: "2026-11-20" });
      expect((await target.store.show(outcome.reference))?.history).toEqual([
        expect.objectContaining({ from_status: null, to_status: "pending", changed_by: `${email} (paper)` }),
      ]);
      expect((await activityOf(id)).at(-1)).toEqual({
        action: "pledge-taken",
        detail: privacyStatement,
        done_by: email,
        pledge_id: pledge?.id,
      });
    });

    it("is stored undated when assisted, naming the officer and the channel", async () => {
      const { email, token } = await signedInOfficer();
      const outcome = await officers.take(token, { pledge: pledgeRow({ channel: "assisted" }), privacyStatement });
      const reference = outcome.outcome === "created" ? outcome.reference : "";
      expect(await takenAs(reference)).toMatchObject({ channel: "assisted", form_dated: null });
      expect((await target.store.show(reference))?.history[0]?.changed_by).toBe(`${email} (assisted)`);
    });

    it("is stored without an e-mail address, which only a pledge sent online must have", async () => {
      const { token } = await signedInOfficer();
      const outcome = await officers.take(token, {
        pledge: pledgeRow({ channel: "assisted", contact_email: null }),
        privacyStatement,
      });
      if (outcome.outcome !== "created") throw new Error(`not created: ${outcome.outcome}`);
      expect((await target.store.show(outcome.reference))?.contact_email).toBeNull();
      const before = await databaseState();
      const online = target.store.submit(pledgeRow({ channel: "online", contact_email: null }));
      await expect(online).rejects.toBeInstanceOf(StorageRefusalError);
      await expect(online).rejects.toThrow(/pledges_erased_or_whole/);
      expect(await databaseState()).toEqual(before);
    });

    it("is refused with a form's date when it was not on paper, and nothing is stored", async () => {
      const { token } = await signedInOfficer();
      const before = await databaseState();
      const attempt = officers.take(token, {
        pledge: pledgeRow({ channel: "assisted" }),
        privacyStatement,
        formDated: "2026-11-20",
      });
      await expect(attempt).rejects.toBeInstanceOf(StorageRefusalError);
      await expect(attempt).rejects.toThrow(/pledges_only_paper_is_dated/);
      expect(await databaseState()).toEqual(before);
    });

    it("is refused when it came online: an officer takes only assisted and paper pledges", async () => {
      const { token } = await signedInOfficer();
      const before = await databaseState();
      const attempt = officers.take(token, { pledge: pledgeRow({ channel: "online" }), privacyStatement });
      await expect(attempt).rejects.toBeInstanceOf(StorageRefusalError);
      await expect(attempt).rejects.toThrow(/assisted or on paper/);
      expect(await databaseState()).toEqual(before);
    });

    it.each(["", "   "])("is refused without saying how the privacy notice was given (%j)", async (statement) => {
      const { token } = await signedInOfficer();
      const before = await databaseState();
      const attempt = officers.take(token, { pledge: pledgeRow({ channel: "paper" }), privacyStatement: statement });
      await expect(attempt).rejects.toBeInstanceOf(StorageRefusalError);
      await expect(attempt).rejects.toThrow(/privacy notice/);
      expect(await databaseState()).toEqual(before);
    });

    it("answers duplicate for an organisation that already pledged from the same address, and records nothing", async () => {
      const { token } = await signedInOfficer();
      const first = pledgeRow();
      await target.store.submit(first);
      const before = await databaseState();
      const again = { ...first, idempotency_key: crypto.randomUUID(), channel: "assisted" as const };
      expect(await officers.take(token, { pledge: again, privacyStatement })).toEqual({
        outcome: "duplicate",
        publiclyListed: false,
      });
      expect(await databaseState()).toEqual(before);
    });
  });

  describe("the officers' list", () => {
    it("adds an address once, in lower case, recording who added it", async () => {
      const email = newAddress();
      expect(await officers.addOfficer(` ${email.toUpperCase()} `, " Dan Officer ", "Cara Admin")).toBe("added");
      expect(await officers.addOfficer(email, "Dan Again", "Cara Admin")).toBe("already-listed");
      expect((await officers.listOfficers()).filter((officer) => officer.email === email)).toEqual([
        { email, name: "Dan Officer", added_at: expect.stringMatching(/Z$/), added_by: "Cara Admin" },
      ]);
    });

    it("refuses a change that does not say who makes it", async () => {
      await expect(officers.addOfficer(newAddress(), "Eve Officer", " ")).rejects.toBeInstanceOf(StorageRefusalError);
    });

    it("refuses what is not an address", async () => {
      await expect(officers.addOfficer("not an address", "Eve Officer", "Cara Admin")).rejects.toBeInstanceOf(
        StorageRefusalError,
      );
    });

    it("ends every live session of an officer removed, at once, and none comes back when the address is added again", async () => {
      const { email, id, token } = await signedInOfficer();
      const second = await signInWithNewCode(email);
      expect(await officers.removeOfficer(email, "Cara Admin")).toBe(true);
      expect(
        await target.asOwner(
          "select ended_at is not null as ended from public.officer_sessions where officer_id = $1",
          [id],
        ),
      ).toEqual([{ ended: true }, { ended: true }]);
      expect(await officers.listOfficers()).not.toContainEqual(expect.objectContaining({ email }));
      expect(await officers.removeOfficer(email, "Cara Admin")).toBe(false);
      expect(await officers.addOfficer(email, "Ann Officer", "Cara Admin")).toBe("added");
      expect(await officers.sessionOfficer(token)).toBeUndefined();
      expect(await officers.sessionOfficer(second)).toBeUndefined();
    });

    it("throws away a code waiting for an officer removed", async () => {
      const { email, id } = await listedOfficer();
      const issued = await officers.requestSignInCode(email);
      await officers.removeOfficer(email, "Cara Admin");
      expect(await target.asOwner("select 1 from public.officer_sign_in_codes where officer_id = $1", [id])).toEqual(
        [],
      );
      await officers.addOfficer(email, "Ann Officer", "Cara Admin");
      expect(await officers.signIn(email, issued?.code ?? "")).toBeUndefined();
    });
  });

  it("keeps the activity append-only: the owner can neither rewrite, delete nor empty it", async () => {
    await signedInOfficer();
    await expect(target.asOwner("update public.officer_activity set done_by = 'someone else'")).rejects.toThrow(
      /append-only/,
    );
    await expect(target.asOwner("delete from public.officer_activity")).rejects.toThrow(/append-only/);
    await expect(target.asOwner("truncate public.officer_activity")).rejects.toThrow(/append-only/);
  });
});

describe.each(testDatabaseKinds)("the officers' functions and tables on $name", ({ open }) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openMigrated(open);
  }, 60_000);
  afterAll(() => db?.close());

  /** Every function the console migration made, each as a call with null arguments of its types. */
  const officerFunctions = async () =>
    db.as<{ name: string; call: string }>(
      "postgres",
      `select p.proname as name,
         format('select * from public.%I(%s)', p.proname,
           coalesce((select string_agg(format('null::%s', format_type(t.type, null)), ', ' order by t.n)
                     from unnest(p.proargtypes) with ordinality as t(type, n)), '')) as call
       from pg_proc as p
       where p.pronamespace = 'public'::regnamespace
         and (p.proname like '%officer%' or p.proname in ('random_digits', 'random_token'))
       order by p.proname`,
    );

  const forTheServer = [
    "add_officer",
    "remove_officer",
    "list_officers",
    "officer_request_code",
    "officer_sign_in",
    "officer_session",
    "officer_sign_out",
    "officer_queue",
    "officer_show_pledge",
    "officer_similar_pledges",
    "officer_set_pledge_status",
    "officer_erase_pledge",
    "officer_take_pledge",
    "officer_export",
    "officer_overview",
    "officer_officers",
    "officer_recent_activity",
    "officer_store_set_aside",
    "officer_discard_set_aside",
    "officer_pledge_changes",
    "officer_decide_pledge_change",
    "officer_changes_waiting",
    "officer_check_ins_waiting",
    "officer_check_ins_for",
    "officer_commitments",
    "officer_decide_check_in",
    "officer_record_check_in",
  ];
  const helpers = [
    "officer_record",
    "current_officer",
    "officer_secret_hash",
    "random_digits",
    "random_token",
    "session_officer",
    "require_officer",
  ];

  it("are the functions the port calls and the helpers behind them", async () => {
    expect((await officerFunctions()).map((fn) => fn.name).sort()).toEqual([...forTheServer, ...helpers].sort());
  });

  it.each(["anon", "authenticated"] as const)("cannot be called by %s, not one of them", async (role) => {
    for (const { name, call } of await officerFunctions())
      await expect(db.as(role, call), name).rejects.toThrow(/permission denied for function/);
  });

  it("let the server's role call the helpers only through the functions meant for it", async () => {
    const functions = await officerFunctions();
    for (const { name, call } of functions.filter((fn) => helpers.includes(fn.name)))
      await expect(db.as("service_role", call), name).rejects.toThrow(/permission denied for function/);
    for (const { name, call } of functions.filter((fn) => forTheServer.includes(fn.name))) {
      const answer = await db.as("service_role", call).then(
        () => "answered",
        (error: Error) => error.message,
      );
      expect(answer, name).not.toMatch(/permission denied/);
    }
  });

  const tables = ["officers", "officer_sign_in_codes", "officer_sessions", "officer_activity"];
  it.each(
    (["anon", "authenticated", "service_role"] as const).flatMap((role) =>
      tables.map((table) => [role, table] as const),
    ),
  )("are out of %s's reach: it cannot read %s", async (role, table) => {
    await expect(db.as(role, `select * from public.${table}`)).rejects.toThrow(/permission denied for table/);
  });

  it("cannot be written to directly by the server's role: no officer or session is made but by the functions", async () => {
    await expect(
      db.as("service_role", "insert into public.officers (email, name, added_by) values ('x@example.com', 'X', 'X')"),
    ).rejects.toThrow(/permission denied/);
    await expect(
      db.as(
        "service_role",
        "insert into public.officer_sessions (token_hash, officer_id, expires_at) values ('\\x00', gen_random_uuid(), now())",
      ),
    ).rejects.toThrow(/permission denied/);
  });
});
