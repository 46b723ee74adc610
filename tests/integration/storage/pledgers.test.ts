/**
 * A pledger managing their own pledge, on each adapter through `store.pledgers`, and the officers
 * deciding what they ask for through `store.officers`: what each status allows, a change to an
 * approved pledge waiting while the wall, its digest and the history stay as they were, the
 * database's own refusals, new e-mail addresses confirmed by code, the manage link sent again,
 * the subject access copy, and nothing personal left behind by erasure or retention. Run on
 * PGlite always and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotSignedInError, type OfficerStore } from "../../../src/storage/officer-store.ts";
import { StorageRefusalError } from "../../../src/storage/pledge-store.ts";
import type { PledgerStore, PublicFields } from "../../../src/storage/pledger-store.ts";
import { openMigrated, pledgeRow, type TestDatabase, testDatabaseKinds } from "../support/databases.ts";
import { type StoreTarget, storeTargets } from "../support/stores.ts";

const codeAlphabet = "234679ACDEFGHJKMNPQRTWXYZ";
const codeShape = new RegExp(`^[${codeAlphabet}]{6}$`);

/** A code of the right shape that is not this one. */
const wrongCode = (code: string) => {
  const first = code[0] ?? "";
  const other = codeAlphabet[(codeAlphabet.indexOf(first) + 1) % codeAlphabet.length] ?? "2";
  return `${other}${code.slice(1)}`;
};

const newAddress = () => `new.${crypto.randomUUID().slice(0, 8)}@example.org`;

type Row = ReturnType<typeof pledgeRow>;

const fieldsOf = (row: Row): PublicFields => ({
  name: row.name,
  kind: row.kind,
  ward: row.ward,
  website: row.website,
  actions: row.actions,
  commitment: row.commitment,
  target_date: row.target_date,
  listing: row.listing,
});

describe.each(storeTargets)("a pledger managing their pledge on $name", ({ open }) => {
  let target: StoreTarget;
  let pledgers: PledgerStore;
  let officers: OfficerStore;
  beforeAll(async () => {
    target = await open();
    pledgers = target.store.pledgers;
    officers = target.store.officers;
  }, 60_000);
  afterAll(() => target?.close());

  type Status = "unconfirmed" | "pending" | "approved" | "rejected" | "withdrawn";

  /** A pledge named on the wall by default, moved through the statuses the database allows to the one asked for. */
  async function pledge(status: Status = "approved", overrides: Parameters<typeof pledgeRow>[0] = {}) {
    const row = pledgeRow({ listing: "name-and-area", ...(status === "unconfirmed" ? { status } : {}), ...overrides });
    const outcome = await target.store.submit(row);
    if (outcome.outcome !== "created") throw new Error(`setup: not created (${outcome.outcome})`);
    const record = await target.store.show(outcome.reference);
    if (!record) throw new Error("setup: not found");
    const path: Record<Status, Status[]> = {
      unconfirmed: [],
      pending: [],
      approved: ["approved"],
      rejected: ["rejected"],
      withdrawn: ["approved", "withdrawn"],
    };
    for (const next of path[status])
      await target.store.setStatus({ id: record.id, status: next, actor: "Test Setup", reason: "a reason" });
    return { row, reference: outcome.reference, id: record.id, fields: fieldsOf(row) };
  }
  type Pledge = Awaited<ReturnType<typeof pledge>>;

  const change = (pledged: Pledge, fields: Partial<PublicFields>, contactName = pledged.row.contact_name) =>
    pledgers.requestChange(pledged.reference, { fields: { ...pledged.fields, ...fields }, contactName });

  /** The whole row of the pledge, read as the owner. */
  const rowOf = async (id: string) =>
    (await target.asOwner<Record<string, unknown>>("select * from public.pledges where id = $1", [id]))[0];

  const changesOf = (id: string) =>
    target.asOwner<{
      id: number;
      outcome: string;
      previous: Record<string, unknown>;
      proposed: Record<string, unknown>;
      private_fields: string[];
      decided_by: string | null;
      reason: string | null;
      decided: boolean;
    }>(
      `select id::int, outcome, previous, proposed, private_fields, decided_by, reason, decided_at is not null as decided
       from public.pledge_changes where pledge_id = $1 order by id`,
      [id],
    );

  const historyOf = (id: string) =>
    target.asOwner("select * from public.pledge_status_changes where pledge_id = $1 order by id", [id]);

  /** What the public sees: the wall's rows and its digest. */
  const publicView = async () => ({
    wall: await target.asOwner("select * from public.public_signatories order by id"),
    version: await target.asOwner("select * from public.public_wall_version()"),
  });

  /** Everything these functions could change or record, read as the owner. */
  const everything = async () => ({
    pledges: await target.asOwner("select * from public.pledges order by id"),
    history: await target.asOwner("select * from public.pledge_status_changes order by id"),
    changes: await target.asOwner("select * from public.pledge_changes order by id"),
    addresses: await target.asOwner("select * from public.pledge_address_changes order by pledge_id"),
    sends: await target.asOwner("select * from public.pledger_link_sends order by id"),
    activity: await target.asOwner("select * from public.officer_activity order by id"),
  });

  const waitingAddress = async (id: string) =>
    (
      await target.asOwner<{ new_email: string; tries_left: number }>(
        "select new_email, tries_left from public.pledge_address_changes where pledge_id = $1",
        [id],
      )
    )[0];

  const sendsOf = (id: string) =>
    target.asOwner<{ purpose: string }>(
      "select purpose from public.pledger_link_sends where pledge_id = $1 order by id",
      [id],
    );

  async function signedInOfficer() {
    const email = `officer.${crypto.randomUUID().slice(0, 8)}@stevenage.gov.uk`;
    await officers.addOfficer(email, "Ann Officer", "Test Setup");
    const issued = await officers.requestSignInCode(email);
    const session = await officers.signIn(email, issued?.code ?? "");
    if (!session) throw new Error("setup: not signed in");
    return { email, token: session.session_token };
  }

  /** An approved pledge with a change to its name waiting. */
  async function withWaitingChange() {
    const pledged = await pledge("approved");
    const name = `${pledged.row.name} Renamed`;
    expect(await change(pledged, { name })).toBe("waiting");
    return { ...pledged, proposedName: name };
  }

  describe("seeing the pledge", () => {
    it("shows the record as the officers' show gives it, by reference in any case, with nothing waiting", async () => {
      const { reference, id } = await pledge("approved");
      const view = await pledgers.view(` ${reference.toLowerCase()} `);
      expect(view).toEqual({ record: await target.store.show(id), waiting: undefined, waitingEmail: undefined });
    });

    it("shows nothing for a reference that does not exist, or for a pledge's id: the link carries a reference", async () => {
      const { id } = await pledge("approved");
      expect(await pledgers.view("SC-ZZZZZZZZ")).toBeUndefined();
      expect(await pledgers.view(id)).toBeUndefined();
    });

    it("shows the change waiting for review beside the record, which keeps the values the wall shows", async () => {
      const { reference, row, proposedName } = await withWaitingChange();
      const view = await pledgers.view(reference);
      expect(view?.record.name).toBe(row.name);
      expect(view?.waiting).toEqual({
        id: expect.any(Number),
        requested_at: expect.stringMatching(/Z$/),
        outcome: "waiting",
        previous: { name: row.name },
        proposed: { name: proposedName },
        private_fields: [],
        decided_at: null,
        decided_by: null,
        reason: null,
      });
    });

    it("shows a new address waiting for its owner, until a day has passed", async () => {
      const { reference, id } = await pledge("approved");
      const address = newAddress();
      await pledgers.requestAddressChange(reference, address);
      expect((await pledgers.view(reference))?.waitingEmail).toBe(address);
      await target.asOwner(
        "update public.pledge_address_changes set requested_at = requested_at - interval '25 hours' where pledge_id = $1",
        [id],
      );
      expect((await pledgers.view(reference))?.waitingEmail).toBeUndefined();
    });
  });

  describe("changing a pledge not yet approved", () => {
    it("makes the change at once, and records what changed, from what to what, for the officer who reviews it", async () => {
      const pledged = await pledge("pending");
      const history = await historyOf(pledged.id);
      expect(await change(pledged, { name: `${pledged.row.name} Ltd`, listing: "organisation-name" })).toBe("applied");
      expect(await rowOf(pledged.id)).toMatchObject({ name: `${pledged.row.name} Ltd`, listing: "organisation-name" });
      expect(await changesOf(pledged.id)).toEqual([
        expect.objectContaining({
          outcome: "applied",
          previous: { name: pledged.row.name, listing: "name-and-area" },
          proposed: { name: `${pledged.row.name} Ltd`, listing: "organisation-name" },
          private_fields: [],
          decided: true,
        }),
      ]);
      expect(await historyOf(pledged.id)).toEqual(history);
    });

    it("records every kind of public field in the form the pledge holds it", async () => {
      const pledged = await pledge("pending");
      const fields: PublicFields = {
        name: `${pledged.row.name} Co`,
        kind: "charity",
        ward: "chells",
        website: "https://charity.example.org",
        actions: ["cooperatives", "buying-locally"],
        commitment: "New words.",
        target_date: "2027-03-01",
        listing: "name-and-area",
      };
      expect(await pledgers.requestChange(pledged.reference, { fields, contactName: pledged.row.contact_name })).toBe(
        "applied",
      );
      const [recorded] = await changesOf(pledged.id);
      const { listing: _unchanged, ...differing } = fields;
      expect(recorded?.proposed).toEqual(differing);
      expect((await pledgers.view(pledged.reference))?.record).toMatchObject(fields);
    });

    it("answers unchanged, and records nothing, when nothing differs", async () => {
      const pledged = await pledge("pending");
      const before = await everything();
      expect(await change(pledged, {})).toBe("unchanged");
      expect(await everything()).toEqual(before);
    });

    it("changes the contact name at once, and records that it changed but not what it says", async () => {
      const pledged = await pledge("pending");
      expect(await change(pledged, {}, "Another Person")).toBe("applied");
      expect((await rowOf(pledged.id))?.contact_name).toBe("Another Person");
      const changes = await changesOf(pledged.id);
      expect(changes).toEqual([
        expect.objectContaining({ outcome: "applied", previous: {}, proposed: {}, private_fields: ["contact_name"] }),
      ]);
      expect(JSON.stringify(changes)).not.toContain("Another Person");
    });

    it("refuses a value the pledges table refuses with the table's own error, and changes nothing", async () => {
      const pledged = await pledge("pending");
      const before = await everything();
      const attempt = change(pledged, { website: "ftp://example.org" });
      await expect(attempt).rejects.toBeInstanceOf(StorageRefusalError);
      await expect(attempt).rejects.toMatchObject({ column: "website" });
      expect(await everything()).toEqual(before);
    });
  });

  describe("changing an approved pledge", () => {
    it("keeps the pledge, the wall, its digest and the history as they were while the change waits", async () => {
      const pledged = await pledge("approved");
      const [row, seen, history] = [await rowOf(pledged.id), await publicView(), await historyOf(pledged.id)];
      expect(await change(pledged, { name: `${pledged.row.name} Renamed`, commitment: "Other words." })).toBe(
        "waiting",
      );
      expect(await rowOf(pledged.id)).toEqual(row);
      expect(await publicView()).toEqual(seen);
      expect(await historyOf(pledged.id)).toEqual(history);
      expect(await changesOf(pledged.id)).toEqual([
        expect.objectContaining({
          outcome: "waiting",
          previous: { name: pledged.row.name, commitment: pledged.row.commitment },
          proposed: { name: `${pledged.row.name} Renamed`, commitment: "Other words." },
          decided: false,
        }),
      ]);
    });

    it("changes the contact name at once while the public change waits, and the wall does not see it", async () => {
      const pledged = await pledge("approved");
      const seen = await publicView();
      expect(await change(pledged, { commitment: "Other words." }, "Another Person")).toBe("waiting");
      expect((await rowOf(pledged.id))?.contact_name).toBe("Another Person");
      expect((await changesOf(pledged.id)).map((row) => [row.outcome, row.private_fields])).toEqual([
        ["applied", ["contact_name"]],
        ["waiting", []],
      ]);
      expect(await publicView()).toEqual(seen);
    });

    it("answers applied when only the contact name changed", async () => {
      const pledged = await pledge("approved");
      expect(await change(pledged, {}, "Another Person")).toBe("applied");
      expect((await changesOf(pledged.id)).map((row) => row.outcome)).toEqual(["applied"]);
    });

    it("replaces a waiting change with a newer one: one change waits, the earlier one superseded", async () => {
      const { id, ...pledged } = await withWaitingChange();
      expect(await change({ id, ...pledged }, { commitment: "Newer words." })).toBe("waiting");
      expect((await changesOf(id)).map((row) => [row.outcome, row.proposed, row.reason])).toEqual([
        ["superseded", { name: pledged.proposedName }, "Replaced by a newer change"],
        ["waiting", { commitment: "Newer words." }, null],
      ]);
    });

    it("keeps the waiting change's place when the same change is asked for again", async () => {
      const pledged = await withWaitingChange();
      const [waiting] = await changesOf(pledged.id);
      expect(await change(pledged, { name: pledged.proposedName })).toBe("waiting");
      expect(await changesOf(pledged.id)).toEqual([waiting]);
    });

    it("answers unchanged when the pledger asks for the pledge as it is, and drops the change waiting", async () => {
      const pledged = await withWaitingChange();
      expect(await change(pledged, {})).toBe("unchanged");
      expect((await changesOf(pledged.id)).map((row) => [row.outcome, row.decided])).toEqual([["superseded", true]]);
      expect((await pledgers.view(pledged.reference))?.waiting).toBeUndefined();
    });

    it("answers unchanged, and records nothing, when nothing differs and nothing waits", async () => {
      const pledged = await pledge("approved");
      const before = await everything();
      expect(await change(pledged, {})).toBe("unchanged");
      expect(await everything()).toEqual(before);
    });

    const refusals: [string, (pledged: Pledge) => Partial<PublicFields>, RegExp, string | undefined][] = [
      [
        "an area listing without an area",
        () => ({ listing: "name-and-area", ward: null }),
        /pledges_area_listing_has_area/,
        "ward",
      ],
      [
        "a website that is not a web address",
        () => ({ website: "javascript:alert(1)" }),
        /pledges_website_check/,
        "website",
      ],
      ["a name longer than 120 characters", () => ({ name: "x".repeat(121) }), /pledges_name_check/, "name"],
      [
        "no action and no words of its own",
        () => ({ actions: [], commitment: null }),
        /pledges_commits_to_something/,
        "actions",
      ],
      [
        "an action that is not one of the charter's",
        () => ({ actions: ["anything-at-all"] }),
        /pledges_actions_check/,
        "actions",
      ],
      ["a kind that is not one of the form's", () => ({ kind: "company" }), /pledges_kind_check/, "kind"],
      ["a date that is not one", () => ({ target_date: "2027-02-30" }), /out of range|date/, undefined],
      [
        "the name of the organisation's other live pledge from the same address",
        (pledged) => ({ name: `${pledged.row.name} Twin` }),
        /pledges_one_live_pledge_per_organisation_and_email|duplicate key/,
        undefined,
      ],
    ];

    it.each(refusals)(
      "refuses %s with the table's own error, storing nothing and keeping the change already waiting",
      async (_what, fields, message, column) => {
        const pledged = await withWaitingChange();
        await pledge("approved", { name: `${pledged.row.name} Twin`, contact_email: pledged.row.contact_email });
        const before = await everything();
        const attempt = change(pledged, fields(pledged));
        await expect(attempt).rejects.toBeInstanceOf(StorageRefusalError);
        await expect(attempt).rejects.toThrow(message);
        if (column) await expect(attempt).rejects.toMatchObject({ column });
        expect(await everything()).toEqual(before);
      },
    );

    it("refuses a field that is not one of the public ones, and changes nothing", async () => {
      const pledged = await pledge("approved");
      const before = await everything();
      const fields = { ...pledged.fields, contact_email: "someone@example.org" } as PublicFields;
      const attempt = pledgers.requestChange(pledged.reference, { fields, contactName: pledged.row.contact_name });
      await expect(attempt).rejects.toBeInstanceOf(StorageRefusalError);
      await expect(attempt).rejects.toThrow(/Only the public fields/);
      expect(await everything()).toEqual(before);
    });
  });

  describe("a pledge that may no longer change", () => {
    it.each(["unconfirmed", "rejected", "withdrawn"] as const)(
      "answers refused for a pledge %s, and changes nothing",
      async (status) => {
        const pledged = await pledge(status);
        const before = await everything();
        expect(await change(pledged, { commitment: "Other words." }, "Another Person")).toBe("refused");
        expect(await everything()).toEqual(before);
      },
    );

    it("answers refused for an erased pledge and for a reference that does not exist", async () => {
      const pledged = await pledge("withdrawn");
      await target.store.erase(pledged.id);
      const before = await everything();
      expect(await change(pledged, {})).toBe("refused");
      expect(await pledgers.requestChange("SC-ZZZZZZZZ", { fields: pledged.fields, contactName: "Someone" })).toBe(
        "refused",
      );
      expect(await everything()).toEqual(before);
    });

    it.each([
      ["withdrawn", "withdrawn"],
      ["erased", "withdrawn"],
    ] as const)("drops the change waiting, and the address waiting, when the pledge is %s", async (what, status) => {
      const pledged = await withWaitingChange();
      await pledgers.requestAddressChange(pledged.reference, newAddress());
      await target.store.setStatus({ id: pledged.id, status, actor: "Test Setup" });
      if (what === "erased") await target.store.erase(pledged.id);
      expect((await changesOf(pledged.id)).map((row) => [row.outcome, row.decided])).toEqual([["superseded", true]]);
      expect(await waitingAddress(pledged.id)).toBeUndefined();
    });

    it("drops an address waiting when a pending pledge is rejected", async () => {
      const pledged = await pledge("pending");
      await pledgers.requestAddressChange(pledged.reference, newAddress());
      await target.store.setStatus({ id: pledged.id, status: "rejected", actor: "Test Setup", reason: "Not local" });
      expect(await waitingAddress(pledged.id)).toBeUndefined();
    });
  });

  describe("an officer deciding a change", () => {
    it("approves it: the pledge, the wall and its digest show it, the history does not move, and it is recorded", async () => {
      const pledged = await withWaitingChange();
      const { email, token } = await signedInOfficer();
      const [seen, history] = [await publicView(), await historyOf(pledged.id)];
      expect(await officers.decideChange(token, { pledgeId: pledged.id, approve: true })).toBe("approved");
      expect((await rowOf(pledged.id))?.name).toBe(pledged.proposedName);
      const after = await publicView();
      expect(after.version).not.toEqual(seen.version);
      expect(after.wall).toContainEqual(expect.objectContaining({ id: pledged.id, name: pledged.proposedName }));
      expect(await historyOf(pledged.id)).toEqual(history);
      expect(await changesOf(pledged.id)).toEqual([
        expect.objectContaining({ outcome: "approved", decided_by: email, decided: true }),
      ]);
      const activity = await target.asOwner(
        "select action, detail, done_by from public.officer_activity where pledge_id = $1",
        [pledged.id],
      );
      expect(activity).toEqual([{ action: "pledge-change", detail: "approved: name", done_by: email }]);
    });

    it("rejects it with a reason, leaving the pledge and the wall as they were", async () => {
      const pledged = await withWaitingChange();
      const { email, token } = await signedInOfficer();
      const [row, seen] = [await rowOf(pledged.id), await publicView()];
      expect(
        await officers.decideChange(token, { pledgeId: pledged.id, approve: false, reason: "Not the same body" }),
      ).toBe("rejected");
      expect(await rowOf(pledged.id)).toEqual(row);
      expect(await publicView()).toEqual(seen);
      expect(await changesOf(pledged.id)).toEqual([
        expect.objectContaining({ outcome: "rejected", decided_by: email, reason: "Not the same body" }),
      ]);
      expect((await pledgers.view(pledged.reference))?.waiting).toBeUndefined();
    });

    it.each([undefined, "  "])("refuses a rejection without a reason (%j), and decides nothing", async (reason) => {
      const pledged = await withWaitingChange();
      const { token } = await signedInOfficer();
      const before = await everything();
      const attempt = officers.decideChange(token, { pledgeId: pledged.id, approve: false, reason });
      await expect(attempt).rejects.toBeInstanceOf(StorageRefusalError);
      await expect(attempt).rejects.toThrow(/A rejection needs a reason/);
      expect(await everything()).toEqual(before);
    });

    it("answers none, and decides and records nothing, when no change waits or the one waiting is not the one read", async () => {
      const pledged = await withWaitingChange();
      const unchanged = await pledge("approved");
      const { token } = await signedInOfficer();
      const [read] = await changesOf(pledged.id);
      await change(pledged, { commitment: "Newer words." });
      const before = await everything();
      expect(await officers.decideChange(token, { pledgeId: pledged.id, approve: true, changeId: read?.id })).toBe(
        "none",
      );
      expect(await officers.decideChange(token, { pledgeId: unchanged.id, approve: true })).toBe("none");
      expect(await officers.decideChange(token, { pledgeId: crypto.randomUUID(), approve: false, reason: "No" })).toBe(
        "none",
      );
      expect(await everything()).toEqual(before);
    });

    it("approves the change named when it is the one waiting", async () => {
      const pledged = await withWaitingChange();
      const { token } = await signedInOfficer();
      const [waiting] = await changesOf(pledged.id);
      expect(await officers.decideChange(token, { pledgeId: pledged.id, approve: true, changeId: waiting?.id })).toBe(
        "approved",
      );
    });

    it("refuses to approve a change the table now refuses, with its error, and decides nothing", async () => {
      const pledged = await withWaitingChange();
      const { token } = await signedInOfficer();
      // Meanwhile the same organisation pledged again from the same address under the new name.
      await pledge("pending", { name: pledged.proposedName, contact_email: pledged.row.contact_email });
      const before = await everything();
      const attempt = officers.decideChange(token, { pledgeId: pledged.id, approve: true });
      await expect(attempt).rejects.toBeInstanceOf(StorageRefusalError);
      await expect(attempt).rejects.toThrow(/pledges_one_live_pledge_per_organisation_and_email|duplicate key/);
      expect(await everything()).toEqual(before);
    });

    it("lists a pledge's every change, newest first, as the database keeps them", async () => {
      const pledged = await withWaitingChange();
      await change(pledged, { commitment: "Newer words." }, "Another Person");
      const { token } = await signedInOfficer();
      const listed = await officers.changesFor(token, pledged.id);
      expect(listed.map((row) => [row.outcome, row.proposed, row.private_fields])).toEqual([
        ["waiting", { commitment: "Newer words." }, []],
        ["applied", {}, ["contact_name"]],
        ["superseded", { name: pledged.proposedName }, []],
      ]);
      expect(listed.map((row) => row.id)).toEqual((await changesOf(pledged.id)).map((row) => row.id).reverse());
      expect(listed[0]).toMatchObject({ id: expect.any(Number), requested_at: expect.stringMatching(/Z$/) });
    });

    it("lists the pledges with a change waiting, the longest waiting first, and counts them on the overview", async () => {
      const first = await withWaitingChange();
      const second = await withWaitingChange();
      await target.asOwner(
        "update public.pledge_changes set requested_at = requested_at - interval '1 hour' where pledge_id = $1",
        [first.id],
      );
      const { token } = await signedInOfficer();
      const waiting = await officers.changesWaiting(token);
      const mine = waiting.filter((row) => [first.id, second.id].includes(row.id));
      expect(mine).toEqual([
        {
          id: first.id,
          reference: first.reference,
          name: first.row.name,
          kind: first.row.kind,
          status: "approved",
          requested_at: expect.stringMatching(/Z$/),
        },
        expect.objectContaining({ id: second.id }),
      ]);
      const [counted] = await target.asOwner<{ n: number }>(
        "select count(*)::int as n from public.pledge_changes where outcome = 'waiting'",
      );
      expect(waiting).toHaveLength(counted?.n ?? -1);
      expect(await officers.overview(token)).toContainEqual(expect.objectContaining({ changes_waiting: counted?.n }));
    });

    const consoleCalls: Record<string, (token: string, pledgeId: string) => Promise<unknown>> = {
      changesFor: (token, pledgeId) => officers.changesFor(token, pledgeId),
      changesWaiting: (token) => officers.changesWaiting(token),
      "decideChange (approve)": (token, pledgeId) => officers.decideChange(token, { pledgeId, approve: true }),
      "decideChange (reject)": (token, pledgeId) =>
        officers.decideChange(token, { pledgeId, approve: false, reason: "No" }),
    };
    const deadSessions: Record<string, () => Promise<string>> = {
      "a token no session ever had": async () => "0".repeat(64),
      "a session signed out": async () => {
        const { token } = await signedInOfficer();
        await officers.signOut(token);
        return token;
      },
    };

    it.each(Object.keys(consoleCalls).flatMap((call) => Object.keys(deadSessions).map((session) => [call, session])))(
      "refuses %s with %s: not signed in, and nothing changed or recorded",
      async (call, session) => {
        const pledged = await withWaitingChange();
        const token = await (deadSessions[session] as () => Promise<string>)();
        const before = await everything();
        await expect((consoleCalls[call] as (typeof consoleCalls)[string])(token, pledged.id)).rejects.toBeInstanceOf(
          NotSignedInError,
        );
        expect(await everything()).toEqual(before);
      },
    );
  });

  describe("a new e-mail address", () => {
    it("sends a code to the new address, and the right code, typed loosely, moves the pledge to it", async () => {
      const pledged = await pledge("approved");
      const address = newAddress();
      const issued = await pledgers.requestAddressChange(pledged.reference.toLowerCase(), ` ${address} `);
      expect(issued).toEqual({
        reference: pledged.reference,
        new_email: address,
        code: expect.stringMatching(codeShape),
      });
      const seen = await publicView();
      const typed = ` ${issued?.code.slice(0, 3).toLowerCase()} ${issued?.code.slice(3).toLowerCase()} `;
      expect(await pledgers.confirmAddressChange(pledged.reference, typed)).toEqual({
        outcome: "confirmed",
        previous_email: pledged.row.contact_email,
      });
      expect((await rowOf(pledged.id))?.contact_email).toBe(address);
      expect(await waitingAddress(pledged.id)).toBeUndefined();
      const changes = await changesOf(pledged.id);
      expect(changes).toEqual([
        expect.objectContaining({ outcome: "applied", private_fields: ["contact_email"], previous: {}, proposed: {} }),
      ]);
      expect(JSON.stringify(changes)).not.toContain(address);
      expect(await publicView()).toEqual(seen);
      expect(await pledgers.confirmAddressChange(pledged.reference, issued?.code ?? "")).toEqual({
        outcome: "refused",
        previous_email: null,
      });
    });

    it("moves a pending pledge too", async () => {
      const pledged = await pledge("pending");
      const issued = await pledgers.requestAddressChange(pledged.reference, newAddress());
      expect((await pledgers.confirmAddressChange(pledged.reference, issued?.code ?? "")).outcome).toBe("confirmed");
    });

    it("takes a wrong code as one of five tries: after four the right code still works", async () => {
      const pledged = await pledge("approved");
      const issued = await pledgers.requestAddressChange(pledged.reference, newAddress());
      const code = issued?.code ?? "";
      for (let attempt = 1; attempt <= 4; attempt += 1)
        expect((await pledgers.confirmAddressChange(pledged.reference, wrongCode(code))).outcome).toBe("refused");
      expect(await waitingAddress(pledged.id)).toMatchObject({ tries_left: 1 });
      expect((await rowOf(pledged.id))?.contact_email).toBe(pledged.row.contact_email);
      expect((await pledgers.confirmAddressChange(pledged.reference, code)).outcome).toBe("confirmed");
    });

    it("forgets the address at the fifth wrong try, so even the right code is then refused", async () => {
      const pledged = await pledge("approved");
      const code = (await pledgers.requestAddressChange(pledged.reference, newAddress()))?.code ?? "";
      for (let attempt = 1; attempt <= 5; attempt += 1)
        await pledgers.confirmAddressChange(pledged.reference, wrongCode(code));
      expect(await waitingAddress(pledged.id)).toBeUndefined();
      expect((await pledgers.view(pledged.reference))?.waitingEmail).toBeUndefined();
      expect((await pledgers.confirmAddressChange(pledged.reference, code)).outcome).toBe("refused");
      expect((await rowOf(pledged.id))?.contact_email).toBe(pledged.row.contact_email);
    });

    it("refuses the right code once a day has passed, and forgets the address", async () => {
      const pledged = await pledge("approved");
      const code = (await pledgers.requestAddressChange(pledged.reference, newAddress()))?.code ?? "";
      await target.asOwner(
        "update public.pledge_address_changes set requested_at = requested_at - interval '24 hours 1 minute' where pledge_id = $1",
        [pledged.id],
      );
      expect((await pledgers.confirmAddressChange(pledged.reference, code)).outcome).toBe("refused");
      expect(await waitingAddress(pledged.id)).toBeUndefined();
      expect((await rowOf(pledged.id))?.contact_email).toBe(pledged.row.contact_email);
    });

    it("replaces the address waiting with a newer request: the first code no longer works", async () => {
      const pledged = await pledge("approved");
      const first = await pledgers.requestAddressChange(pledged.reference, newAddress());
      const second = await pledgers.requestAddressChange(pledged.reference, newAddress());
      expect(await waitingAddress(pledged.id)).toEqual({ new_email: second?.new_email, tries_left: 5 });
      if (first?.code !== second?.code)
        expect((await pledgers.confirmAddressChange(pledged.reference, first?.code ?? "")).outcome).toBe("refused");
      expect(await pledgers.confirmAddressChange(pledged.reference, second?.code ?? "")).toMatchObject({
        outcome: "confirmed",
      });
      expect((await rowOf(pledged.id))?.contact_email).toBe(second?.new_email);
    });

    it("refuses when no address waits, or the reference does not exist", async () => {
      const pledged = await pledge("approved");
      expect(await pledgers.confirmAddressChange(pledged.reference, "234679")).toEqual({
        outcome: "refused",
        previous_email: null,
      });
      expect((await pledgers.confirmAddressChange("SC-ZZZZZZZZ", "234679")).outcome).toBe("refused");
    });

    it("sends at most three codes a day for one pledge, and again once the day has passed", async () => {
      const pledged = await pledge("approved");
      for (let request = 1; request <= 3; request += 1)
        expect(await pledgers.requestAddressChange(pledged.reference, newAddress())).toBeDefined();
      const last = await waitingAddress(pledged.id);
      expect(await pledgers.requestAddressChange(pledged.reference, newAddress())).toBeUndefined();
      expect(await waitingAddress(pledged.id)).toEqual(last);
      await target.asOwner(
        "update public.pledger_link_sends set sent_at = sent_at - interval '25 hours' where pledge_id = $1",
        [pledged.id],
      );
      expect(await pledgers.requestAddressChange(pledged.reference, newAddress())).toBeDefined();
    });

    it("sends at most five codes a day to one address, across pledges and in any case", async () => {
      const address = newAddress();
      const [first, second, third] = [await pledge("approved"), await pledge("approved"), await pledge("pending")];
      for (let request = 1; request <= 3; request += 1)
        expect(await pledgers.requestAddressChange(first.reference, address)).toBeDefined();
      for (let request = 1; request <= 2; request += 1)
        expect(await pledgers.requestAddressChange(second.reference, address.toUpperCase())).toBeDefined();
      expect(await pledgers.requestAddressChange(third.reference, address)).toBeUndefined();
      expect(await sendsOf(third.id)).toEqual([]);
      expect(await pledgers.requestAddressChange(third.reference, newAddress())).toBeDefined();
    });

    it.each(["unconfirmed", "rejected", "withdrawn"] as const)(
      "sends no code for a pledge %s, and records nothing",
      async (status) => {
        const pledged = await pledge(status);
        const before = await everything();
        expect(await pledgers.requestAddressChange(pledged.reference, newAddress())).toBeUndefined();
        expect(await everything()).toEqual(before);
      },
    );

    it("sends no code for a pledge without an address, for the address it has, or for no pledge", async () => {
      const { token } = await signedInOfficer();
      const taken = await officers.take(token, {
        pledge: pledgeRow({ channel: "assisted", contact_email: null }),
        privacyStatement: "Read it to them",
      });
      const pledged = await pledge("approved");
      const before = await everything();
      expect(
        await pledgers.requestAddressChange(taken.outcome === "created" ? taken.reference : "", newAddress()),
      ).toBeUndefined();
      expect(await pledgers.requestAddressChange(pledged.reference, pledged.row.contact_email)).toBeUndefined();
      expect(await pledgers.requestAddressChange("SC-ZZZZZZZZ", newAddress())).toBeUndefined();
      expect(await everything()).toEqual(before);
    });

    it.each(["not an address", "@", `${"x".repeat(250)}@example.org`])(
      "refuses %j with the table's own error, and records nothing",
      async (address) => {
        const pledged = await pledge("approved");
        const before = await everything();
        const attempt = pledgers.requestAddressChange(pledged.reference, address);
        await expect(attempt).rejects.toBeInstanceOf(StorageRefusalError);
        await expect(attempt).rejects.toMatchObject({ column: "contact_email" });
        expect(await everything()).toEqual(before);
      },
    );

    it("refuses the address of the organisation's other live pledge under the same name, and records nothing", async () => {
      const pledged = await pledge("approved");
      const other = await pledge("pending", { name: pledged.row.name.toUpperCase() });
      const before = await everything();
      const attempt = pledgers.requestAddressChange(pledged.reference, other.row.contact_email);
      await expect(attempt).rejects.toBeInstanceOf(StorageRefusalError);
      await expect(attempt).rejects.toThrow(/pledges_one_live_pledge_per_organisation_and_email|duplicate key/);
      expect(await everything()).toEqual(before);
    });

    it("refuses, with the table's error, an address the organisation's other pledge took while the code was on its way", async () => {
      const pledged = await pledge("approved");
      const address = newAddress();
      const issued = await pledgers.requestAddressChange(pledged.reference, address);
      await pledge("pending", { name: pledged.row.name, contact_email: address });
      const before = await everything();
      const attempt = pledgers.confirmAddressChange(pledged.reference, issued?.code ?? "");
      await expect(attempt).rejects.toBeInstanceOf(StorageRefusalError);
      expect(await everything()).toEqual(before);
    });

    it("keeps only a hash of the code, and of the address it counts sends by", async () => {
      const pledged = await pledge("approved");
      const address = newAddress();
      const issued = await pledgers.requestAddressChange(pledged.reference, address);
      const held = JSON.stringify(
        await target.asOwner(
          `select a.*, encode(a.code_hash, 'hex') as hex, encode(s.address_hash, 'hex') as address_hex
           from public.pledge_address_changes as a join public.pledger_link_sends as s using (pledge_id)
           where a.pledge_id = $1`,
          [pledged.id],
        ),
      );
      expect(held).not.toContain(issued?.code);
      expect(held.match(new RegExp(address.replace(/[.]/g, "\\."), "g"))).toHaveLength(1);
    });
  });

  describe("the manage link again", () => {
    it("is sent to the pledge's own address when the reference and the address match, in any case and with spaces", async () => {
      const pledged = await pledge("approved");
      expect(
        await pledgers.requestManageLink(
          ` ${pledged.reference.toLowerCase()} `,
          ` ${pledged.row.contact_email.toUpperCase()} `,
        ),
      ).toEqual({ reference: pledged.reference, contact_email: pledged.row.contact_email });
      expect(await sendsOf(pledged.id)).toEqual([{ purpose: "manage-link" }]);
    });

    it.each(["unconfirmed", "pending", "rejected", "withdrawn"] as const)(
      "is sent for a pledge %s too: its author may still see it and ask for their copy",
      async (status) => {
        const pledged = await pledge(status);
        expect(await pledgers.requestManageLink(pledged.reference, pledged.row.contact_email)).toBeDefined();
      },
    );

    it("is not sent when the address is another, the reference does not exist, or the pledge has no address", async () => {
      const pledged = await pledge("approved");
      const other = await pledge("approved");
      const before = await everything();
      expect(await pledgers.requestManageLink(pledged.reference, other.row.contact_email)).toBeUndefined();
      expect(await pledgers.requestManageLink("SC-ZZZZZZZZ", pledged.row.contact_email)).toBeUndefined();
      expect(await pledgers.requestManageLink(pledged.reference, "")).toBeUndefined();
      expect(await everything()).toEqual(before);
      const retired = await pledge("withdrawn");
      await target.store.erase(retired.id);
      expect(await pledgers.requestManageLink(retired.reference, retired.row.contact_email)).toBeUndefined();
    });

    it("is sent at most three times a day for one pledge, and again once the day has passed", async () => {
      const pledged = await pledge("approved");
      for (let request = 1; request <= 3; request += 1)
        expect(await pledgers.requestManageLink(pledged.reference, pledged.row.contact_email)).toBeDefined();
      expect(await pledgers.requestManageLink(pledged.reference, pledged.row.contact_email)).toBeUndefined();
      expect(await sendsOf(pledged.id)).toHaveLength(3);
      await target.asOwner(
        "update public.pledger_link_sends set sent_at = sent_at - interval '25 hours' where pledge_id = $1",
        [pledged.id],
      );
      expect(await pledgers.requestManageLink(pledged.reference, pledged.row.contact_email)).toBeDefined();
    });

    it("counts its own sends apart from codes to a new address", async () => {
      const pledged = await pledge("approved");
      for (let request = 1; request <= 3; request += 1)
        await pledgers.requestAddressChange(pledged.reference, newAddress());
      expect(await pledgers.requestManageLink(pledged.reference, pledged.row.contact_email)).toBeDefined();
    });
  });

  describe("the subject access copy", () => {
    async function everythingAbout() {
      const pledged = await pledge("pending", { status: "unconfirmed" });
      await target.store.issueConfirmationCode(pledged.reference);
      await target.store.confirmByLink(pledged.reference);
      await target.store.setStatus({ id: pledged.id, status: "approved", actor: "Test Setup" });
      await change(pledged, { commitment: "Other words." }, "Another Person");
      await pledgers.requestManageLink(pledged.reference, pledged.row.contact_email);
      const address = newAddress();
      await pledgers.requestAddressChange(pledged.reference, address);
      return { ...pledged, address };
    }

    it("holds every column of the pledge, its history, its changes, the e-mails sent and the address waiting", async () => {
      const pledged = await everythingAbout();
      const copy = (await pledgers.subjectAccess(pledged.reference.toLowerCase())) ?? {};
      const each = (list: string, key: string) =>
        (list in copy ? (copy[list] as Record<string, unknown>[]) : []).map((row) => row[key]);
      const columns = await target.asOwner<{ name: string }>(
        "select column_name as name from information_schema.columns where table_schema = 'public' and table_name = 'pledges'",
      );
      expect(Object.keys((copy.pledge ?? {}) as object).sort()).toEqual(columns.map((column) => column.name).sort());
      expect(copy.pledge).toMatchObject({
        id: pledged.id,
        reference: pledged.reference,
        name: pledged.row.name,
        contact_name: "Another Person",
        contact_email: pledged.row.contact_email,
        idempotency_key: pledged.row.idempotency_key,
        status: "approved",
      });
      expect(each("status_history", "to_status")).toEqual(["pending", "approved"]);
      expect(each("changes", "outcome")).toEqual(["applied", "waiting"]);
      expect(each("emails_sent", "purpose")).toEqual(["confirmation-code", "manage-link", "address-code"]);
      expect(copy.address_change_waiting).toEqual({
        new_email: pledged.address,
        requested_at: expect.any(String),
        tries_left: 5,
      });
    });

    it("holds nothing of another pledge, even one from the same address, and no hash of anything", async () => {
      const pledged = await everythingAbout();
      const other = await pledge("approved", { contact_email: pledged.row.contact_email });
      await pledgers.requestManageLink(other.reference, other.row.contact_email);
      await change(other, { commitment: "The other's words." });
      const text = JSON.stringify(await pledgers.subjectAccess(pledged.reference));
      for (const value of [other.id, other.reference, other.row.name, "The other's words."])
        expect(text).not.toContain(value);
      const hashes = await target.asOwner<{ hash: string }>(
        `select encode(h, e) as hash from (
           select code_hash as h from public.pledge_address_changes where pledge_id = $1
           union all select code_hash from public.pledge_confirmations where pledge_id = $1
           union all select address_hash from public.pledger_link_sends where pledge_id = $1 and address_hash is not null
         ) as held, unnest(array['hex', 'base64']) as e`,
        [pledged.id],
      );
      expect(hashes.length).toBeGreaterThan(0);
      for (const { hash } of hashes) expect(text).not.toContain(hash);
      expect(text).not.toMatch(/hash/i);
    });

    it("holds what officers recorded doing with the pledge", async () => {
      const pledged = await withWaitingChange();
      const { token, email } = await signedInOfficer();
      await officers.decideChange(token, { pledgeId: pledged.id, approve: true });
      const copy = await pledgers.subjectAccess(pledged.reference);
      expect(copy?.officer_activity).toEqual([
        { action: "pledge-change", detail: "approved: name", done_by: email, at: expect.any(String) },
      ]);
      expect(copy?.changes).toEqual([expect.objectContaining({ outcome: "approved", decided_by: email })]);
    });

    it("is none for a reference that does not exist", async () => {
      expect(await pledgers.subjectAccess("SC-ZZZZZZZZ")).toBeUndefined();
    });
  });

  describe("erasure and retention", () => {
    /** What the pledgers' tables hold of a pledge, as text, hashes included. */
    const heldOf = async (id: string) =>
      JSON.stringify({
        changes: await target.asOwner("select * from public.pledge_changes where pledge_id = $1", [id]),
        addresses: await target.asOwner(
          "select *, encode(code_hash, 'hex') as hex from public.pledge_address_changes where pledge_id = $1",
          [id],
        ),
        sends: await target.asOwner(
          "select *, encode(address_hash, 'hex') as hex from public.pledger_link_sends where pledge_id = $1",
          [id],
        ),
      });

    /** A pledge whose author changed it, was approved, asked for a new address, then withdrew it. */
    async function withdrawnAfterChanges() {
      const pledged = await pledge("pending");
      await change(pledged, { name: `${pledged.row.name} Ltd`, website: "https://ltd.example.org" }, "Another Person");
      await target.store.setStatus({ id: pledged.id, status: "approved", actor: "Test Setup" });
      const changed = { ...pledged, fields: { ...pledged.fields, name: `${pledged.row.name} Ltd` } };
      await change(changed, { commitment: "Private thoughts." }, "Another Person");
      const address = newAddress();
      await pledgers.requestAddressChange(pledged.reference, address);
      await pledgers.requestManageLink(pledged.reference, pledged.row.contact_email);
      await target.store.setStatus({ id: pledged.id, status: "withdrawn", actor: "Test Setup" });
      const personal = [
        pledged.row.name,
        pledged.row.commitment ?? "",
        "Private thoughts.",
        "https://ltd.example.org",
        "Another Person",
        pledged.row.contact_name,
        pledged.row.contact_email,
        address,
      ];
      return { ...pledged, personal };
    }

    it("erasing a pledge leaves nothing personal in its changes, no address waiting and no record of e-mails", async () => {
      const pledged = await withdrawnAfterChanges();
      expect(await target.store.erase(pledged.id)).toBe("erased");
      const held = await heldOf(pledged.id);
      for (const value of pledged.personal) expect(held).not.toContain(value);
      expect((await changesOf(pledged.id)).map((row) => [row.outcome, row.previous, row.proposed, row.reason])).toEqual(
        [
          ["applied", {}, {}, null],
          ["superseded", {}, {}, null],
        ],
      );
      expect(await waitingAddress(pledged.id)).toBeUndefined();
      expect(await sendsOf(pledged.id)).toEqual([]);
    });

    it("the retention run removing contact details does the same", async () => {
      const pledged = await withdrawnAfterChanges();
      await target.asOwner("update public.pledges set decided_at = now() - interval '400 days' where id = $1", [
        pledged.id,
      ]);
      await target.store.applyRetention({ rejectedContactDays: 365, withdrawnContactDays: 365 });
      expect((await rowOf(pledged.id))?.contact_email).toBeNull();
      const held = await heldOf(pledged.id);
      for (const value of pledged.personal) expect(held).not.toContain(value);
      expect(await sendsOf(pledged.id)).toEqual([]);
    });

    it("deleting a pledge never confirmed deletes what these tables hold of it", async () => {
      const pledged = await pledge("unconfirmed");
      await pledgers.requestManageLink(pledged.reference, pledged.row.contact_email);
      expect(await sendsOf(pledged.id)).toHaveLength(1);
      await target.asOwner("update public.pledges set created_at = now() - interval '30 days' where id = $1", [
        pledged.id,
      ]);
      await target.store.deleteUnconfirmed(29);
      expect(await rowOf(pledged.id)).toBeUndefined();
      expect(await sendsOf(pledged.id)).toEqual([]);
    });
  });
});

describe.each(testDatabaseKinds)("the pledgers' functions and tables on $name", ({ open }) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openMigrated(open);
  }, 60_000);
  afterAll(() => db?.close());

  const forTheServer = [
    "pledger_view",
    "pledger_change_pledge",
    "pledger_request_address_change",
    "pledger_confirm_address_change",
    "pledger_request_manage_link",
    "pledger_subject_access",
    "pledger_check_in_commitments",
    "pledger_submit_check_in",
    "officer_pledge_changes",
    "officer_decide_pledge_change",
    "officer_changes_waiting",
    "officer_overview",
  ];
  const helpers = [
    "utc_text",
    "pledge_public_fields",
    "public_fields_that_differ",
    "apply_public_fields",
    "pledge_change_json",
    "pledger_changes_follow_pledge",
  ];
  const tables = ["pledge_changes", "pledge_address_changes", "pledger_link_sends"];

  /** Each function named, as a call with null arguments of its types. */
  const callsOf = (names: string[]) =>
    db.as<{ name: string; call: string }>(
      "postgres",
      `select p.proname as name,
         format('select * from public.%I(%s)', p.proname,
           coalesce((select string_agg(format('null::%s', format_type(t.type, null)), ', ' order by t.n)
                     from unnest(p.proargtypes) with ordinality as t(type, n)), '')) as call
       from pg_proc as p
       where p.pronamespace = 'public'::regnamespace and p.proname = any($1)
       order by p.proname`,
      [names],
    );

  it("are the functions the ports call, the helpers behind them, and no other pledger_ function", async () => {
    const names = await db.as<{ name: string }>(
      "postgres",
      `select p.proname as name from pg_proc as p
       where p.pronamespace = 'public'::regnamespace and (p.proname like 'pledger\\_%' or p.proname = any($1))
       order by p.proname`,
      [[...forTheServer, ...helpers]],
    );
    expect(names.map((row) => row.name)).toEqual([...forTheServer, ...helpers].sort());
  });

  const mayExecute = (role: string, names: string[]) =>
    db.as<{ name: string; allowed: boolean }>(
      "postgres",
      `select p.proname as name, has_function_privilege($1, p.oid, 'execute') as allowed
       from pg_proc as p where p.pronamespace = 'public'::regnamespace and p.proname = any($2) order by p.proname`,
      [role, names],
    );

  it.each(["anon", "authenticated"] as const)("cannot be called by %s, not one of them", async (role) => {
    const names = [...forTheServer, ...helpers];
    expect(await mayExecute(role, names)).toEqual(names.sort().map((name) => ({ name, allowed: false })));
    for (const { name, call } of await callsOf(forTheServer))
      await expect(db.as(role, call), name).rejects.toThrow(/permission denied for function/);
  });

  it("let the server's role call the functions meant for it, and none of the helpers", async () => {
    expect(await mayExecute("service_role", helpers)).toEqual(
      [...helpers].sort().map((name) => ({ name, allowed: false })),
    );
    for (const { name, call } of await callsOf(helpers.filter((helper) => helper !== "pledger_changes_follow_pledge")))
      await expect(db.as("service_role", call), name).rejects.toThrow(/permission denied for function/);
    for (const { name, call } of await callsOf(forTheServer)) {
      const answer = await db.as("service_role", call).then(
        () => "answered",
        (error: Error) => error.message,
      );
      expect(answer, name).not.toMatch(/permission denied/);
    }
  });

  it.each(
    (["anon", "authenticated", "service_role"] as const).flatMap((role) =>
      tables.map((table) => [role, table] as const),
    ),
  )("%s cannot read %s", async (role, table) => {
    await expect(db.as(role, `select * from public.${table}`)).rejects.toThrow(/permission denied for table/);
  });

  it.each(tables)("the server's role cannot write to %s but through the functions", async (table) => {
    const inserts: Record<string, string> = {
      pledge_changes: "insert into public.pledge_changes (pledge_id, outcome) values (gen_random_uuid(), 'waiting')",
      pledge_address_changes:
        "insert into public.pledge_address_changes (pledge_id, new_email, code_hash, tries_left) values (gen_random_uuid(), 'a@b.c', '\\x00', 5)",
      pledger_link_sends:
        "insert into public.pledger_link_sends (pledge_id, purpose) values (gen_random_uuid(), 'manage-link')",
    };
    await expect(db.as("service_role", inserts[table] ?? "")).rejects.toThrow(/permission denied/);
  });

  it("keeps at most one change waiting for a pledge, and values of public fields only", async () => {
    const [stored] = await db.as<{ reference: string }>(
      "service_role",
      "select * from public.submit_pledge($1::jsonb)",
      [JSON.stringify(pledgeRow())],
    );
    const [pledge] = await db.as<{ id: string }>("postgres", "select id from public.pledges where reference = $1", [
      stored?.reference,
    ]);
    const insert = (previous: string) =>
      db.as(
        "postgres",
        `insert into public.pledge_changes (pledge_id, outcome, previous) values ($1, 'waiting', $2::jsonb)`,
        [pledge?.id, previous],
      );
    await expect(insert('{"contact_email": "a@b.c"}')).rejects.toThrow(/pledge_changes_public_fields_only/);
    await insert('{"name": "A"}');
    await expect(insert('{"name": "B"}')).rejects.toThrow(/pledge_changes_one_waiting_per_pledge/);
  });
});
