/**
 * What follows approval, on each adapter through `store.checkIns` and the public wall's reader
 * as the anonymous role: commitments made and kept in step with the pledge, a pledger's check-in
 * and the table's own refusals, the officers' review and the check-ins they take, the check-in
 * e-mails claimed once, what the public reads (never an answer not accepted, never a count-only
 * or withdrawn pledge row by row, never a count under 5), the wall's digest, and nothing personal
 * left by erasure or retention. Then the functions' and tables' grants, on the raw databases.
 * Run on PGlite always and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPublicWallReader } from "../../../src/storage/choose-public-wall-reader.ts";
import type { CheckInAnswer, Commitment, CommitmentStatus } from "../../../src/storage/commitment-store.ts";
import { NotSignedInError } from "../../../src/storage/officer-store.ts";
import type { PgliteStore } from "../../../src/storage/pglite-store.ts";
import { StorageRefusalError } from "../../../src/storage/pledge-store.ts";
import type { PublicWallReader } from "../../../src/storage/public-wall-reader.ts";
import { sqlPublicWallReader } from "../../../src/storage/sql-public-wall-reader.ts";
import { readPublicWallVersion } from "../../../src/wall/public-signatories.ts";
import { openMigrated, pledgeRow, type TestDatabase, testDatabaseKinds } from "../support/databases.ts";
import { type StoreTarget, storeTargets } from "../support/stores.ts";

const contentActions = JSON.parse(readFileSync(join(import.meta.dirname, "../../../content/actions.json"), "utf8")) as {
  id: string;
  benefit: string;
}[];

const benefitOf = (action: string) => contentActions.find((entry) => entry.id === action)?.benefit;

type Status = "unconfirmed" | "pending" | "approved" | "rejected" | "withdrawn";

/** The wall's reader for the target's database, as the anonymous role, as the build opens it. */
function readerFor(target: StoreTarget): PublicWallReader {
  if (target.reach.kind === "postgres") return openPublicWallReader(target.reach);
  const store = target.store as PgliteStore;
  return sqlPublicWallReader(<T>(sql: string) => store.asRole<T>("anon", sql));
}

describe.each(storeTargets)("commitments and check-ins on $name", ({ open }) => {
  let target: StoreTarget;
  let reader: PublicWallReader;
  beforeAll(async () => {
    target = await open();
    reader = readerFor(target);
  }, 60_000);
  afterAll(() => target?.close());

  const checkIns = () => target.store.checkIns;
  const officers = () => target.store.officers;

  /** A pledge named on the wall by default, moved through the statuses the database allows to the one asked for. */
  async function pledge(status: Status = "approved", overrides: Parameters<typeof pledgeRow>[0] = {}) {
    const row = pledgeRow({
      listing: "name-and-area",
      actions: ["buying-locally", "work-placements"],
      commitment: "We will open our doors.",
      ...(status === "unconfirmed" ? { status } : {}),
      ...overrides,
    });
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
    return { row, reference: outcome.reference, id: record.id };
  }
  type Pledge = Awaited<ReturnType<typeof pledge>>;

  async function commitmentsOf(pledged: Pledge): Promise<Commitment[]> {
    const found = await checkIns().commitmentsFor(pledged.reference);
    if (!found) throw new Error("setup: no commitments");
    return found.commitments;
  }

  /** One answer for each commitment of the pledge, as given, in its order. */
  async function answersFor(pledged: Pledge, ...given: Partial<CheckInAnswer>[]): Promise<CheckInAnswer[]> {
    const commitments = await commitmentsOf(pledged);
    return given.map((answer, index) => ({
      commitment_id: commitments[index]?.id ?? "",
      status: "started",
      evidence_url: null,
      note: null,
      ...answer,
    }));
  }

  async function signedInOfficer() {
    const email = `officer.${crypto.randomUUID().slice(0, 8)}@stevenage.gov.uk`;
    await officers().addOfficer(email, "Ann Officer", "Test Setup");
    const issued = await officers().requestSignInCode(email);
    const session = await officers().signIn(email, issued?.code ?? "");
    if (!session) throw new Error("setup: not signed in");
    return { email, token: session.session_token };
  }

  /** The pledge's check-in waiting, by the officers' list. */
  async function waitingFor(pledged: Pledge, token: string) {
    const waiting = (await checkIns().checkInsWaiting(token)).find((checkIn) => checkIn.pledge_id === pledged.id);
    if (!waiting) throw new Error("setup: no check-in waiting");
    return waiting;
  }

  /** An approved pledge with a check-in waiting: done with evidence and a note, started, and the own words planned. */
  async function withCheckInWaiting(overrides: Parameters<typeof pledgeRow>[0] = {}) {
    const pledged = await pledge("approved", overrides);
    // Words of this pledge's own, so no other pledge's can be mistaken for them.
    const evidence = `https://example.org/evidence/${pledged.reference}`;
    const notes = [
      `Three local suppliers now (${pledged.reference}).`,
      `Two placements agreed (${pledged.reference}).`,
    ] as const;
    const answers = await answersFor(
      pledged,
      { status: "done", evidence_url: evidence, note: notes[0] },
      { status: "started", note: notes[1] },
      { status: "planned" },
    );
    expect(await checkIns().submitCheckIn(pledged.reference, answers)).toBe("stored");
    return { ...pledged, answers, evidence, notes };
  }

  const owner = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => target.asOwner<T>(sql, params);

  const storedOf = (id: string) =>
    owner<{ action_id: string | null; status: CommitmentStatus; evidence_url: string | null; note: string | null }>(
      `select action_id, status, evidence_url, note from public.commitments where pledge_id = $1
       order by action_id is null, action_id`,
      [id],
    );

  const historyOf = (id: string) =>
    owner<{ action_id: string | null; from_status: string | null; to_status: string; by_check_in: boolean }>(
      `select c.action_id, h.from_status, h.to_status, h.check_in_id is not null as by_check_in
       from public.commitment_status_changes as h join public.commitments as c on c.id = h.commitment_id
       where c.pledge_id = $1 order by h.id`,
      [id],
    );

  /** Everything check-ins could change or record, read as the owner. */
  const everything = async () => ({
    commitments: await owner("select * from public.commitments order by id"),
    history: await owner("select * from public.commitment_status_changes order by id"),
    checkIns: await owner("select * from public.check_ins order by id"),
    answers: await owner("select * from public.check_in_answers order by check_in_id, commitment_id"),
    sends: await owner("select * from public.check_in_sends order by pledge_id, occasion"),
    activity: await owner("select * from public.officer_activity order by id"),
  });

  /** What the public reads, as the anonymous role. */
  const publicReads = async () => ({
    commitments: await reader.readCommitments(),
    checkInDates: await reader.readCheckInDates(),
    impact: await reader.readImpact(),
    formerSignatories: await reader.readFormerSignatories(),
    version: await readPublicWallVersion(reader),
  });

  describe("commitments following the pledge", () => {
    it("are made when a pledge is approved: one planned for each action and one for its own words, dated then", async () => {
      const pledged = await pledge("approved", { actions: ["work-placements", "buying-locally", "work-placements"] });
      const [record] = await owner<{ decided_at: Date }>("select decided_at from public.pledges where id = $1", [
        pledged.id,
      ]);
      const found = await checkIns().commitmentsFor(` ${pledged.reference.toLowerCase()} `);
      expect(found?.name).toBe(pledged.row.name);
      expect(found?.commitments).toEqual(
        ["work-placements", "buying-locally", null].map((action_id) => ({
          id: expect.any(String),
          action_id,
          status: "planned",
          status_since: record?.decided_at.toISOString(),
          evidence_url: null,
          note: null,
          evidence_accepted_at: null,
        })),
      );
      const history = await historyOf(pledged.id);
      expect(history).toHaveLength(3);
      expect(history).toEqual(
        expect.arrayContaining(
          ["buying-locally", "work-placements", null].map((action_id) => ({
            action_id,
            from_status: null,
            to_status: "planned",
            by_check_in: false,
          })),
        ),
      );
    });

    it("are not made for a pledge without words of its own beyond its actions", async () => {
      const pledged = await pledge("approved", { commitment: null });
      expect((await commitmentsOf(pledged)).map((commitment) => commitment.action_id)).toEqual([
        "buying-locally",
        "work-placements",
      ]);
    });

    it.each(["unconfirmed", "pending", "rejected", "withdrawn"] as const)(
      "are none to check in on for a pledge %s, nor for a reference that does not exist",
      async (status) => {
        const pledged = await pledge(status);
        expect(await checkIns().commitmentsFor(pledged.reference)).toBeUndefined();
        expect(await checkIns().commitmentsFor("SC-ZZZZZZZZ")).toBeUndefined();
        if (status !== "withdrawn") expect(await storedOf(pledged.id)).toEqual([]);
      },
    );

    it("follow an approved change: an action added is planned, one taken away dropped, and own words alike", async () => {
      const pledged = await pledge("approved");
      const { token } = await signedInOfficer();
      const fields = {
        name: pledged.row.name,
        kind: pledged.row.kind,
        ward: pledged.row.ward,
        website: pledged.row.website,
        actions: ["buying-locally", "cooperatives"],
        commitment: null,
        target_date: pledged.row.target_date,
        listing: pledged.row.listing,
      };
      expect(
        await target.store.pledgers.requestChange(pledged.reference, { fields, contactName: pledged.row.contact_name }),
      ).toBe("waiting");
      const waitingStored = await storedOf(pledged.id);
      expect(waitingStored.map((row) => row.status)).toEqual(["planned", "planned", "planned"]);
      expect(await officers().decideChange(token, { pledgeId: pledged.id, approve: true })).toBe("approved");
      expect((await storedOf(pledged.id)).map((row) => [row.action_id, row.status])).toEqual([
        ["buying-locally", "planned"],
        ["cooperatives", "planned"],
        ["work-placements", "dropped"],
        [null, "dropped"],
      ]);
      const back = { ...fields, actions: ["work-placements"], commitment: "Back again." };
      await target.store.pledgers.requestChange(pledged.reference, { fields: back, contactName: "Someone" });
      await officers().decideChange(token, { pledgeId: pledged.id, approve: true });
      expect((await storedOf(pledged.id)).map((row) => [row.action_id, row.status])).toEqual([
        ["buying-locally", "dropped"],
        ["cooperatives", "dropped"],
        ["work-placements", "planned"],
        [null, "planned"],
      ]);
      const workPlacements = (await historyOf(pledged.id)).filter((row) => row.action_id === "work-placements");
      expect(workPlacements.map((row) => [row.from_status, row.to_status])).toEqual([
        [null, "planned"],
        ["planned", "dropped"],
        ["dropped", "planned"],
      ]);
    });

    it("keeps a commitment its pledger dropped in a check-in dropped when another action is added", async () => {
      const pledged = await pledge("approved");
      const { token } = await signedInOfficer();
      const answers = await answersFor(pledged, { status: "dropped" });
      await checkIns().submitCheckIn(pledged.reference, answers);
      await checkIns().decideCheckIn(token, { checkInId: (await waitingFor(pledged, token)).id, decision: "accept" });
      await owner("update public.pledges set actions = actions || '{cooperatives}' where id = $1", [pledged.id]);
      expect((await storedOf(pledged.id)).map((row) => [row.action_id, row.status])).toEqual([
        ["buying-locally", "dropped"],
        ["cooperatives", "planned"],
        ["work-placements", "planned"],
        [null, "planned"],
      ]);
    });
  });

  describe("a pledger's check-in", () => {
    it("is stored waiting for an officer, and changes nothing the public sees", async () => {
      const pledged = await pledge("approved");
      const [stored, seen] = [await storedOf(pledged.id), await publicReads()];
      const answers = await answersFor(pledged, {
        status: "done",
        evidence_url: "https://example.org/not-yet",
        note: "Not yet shown.",
      });
      expect(await checkIns().submitCheckIn(pledged.reference, answers)).toBe("stored");
      const [checkIn] = await owner<{ source: string; review: string }>(
        "select source, review from public.check_ins where pledge_id = $1",
        [pledged.id],
      );
      expect(checkIn).toEqual({ source: "pledger", review: "waiting" });
      expect(await storedOf(pledged.id)).toEqual(stored);
      const after = await publicReads();
      expect(after).toEqual(seen);
      expect(JSON.stringify(after)).not.toContain("not-yet");
      expect(JSON.stringify(after)).not.toContain("Not yet shown.");
    });

    it("replaces the check-in still waiting with a newer one", async () => {
      const pledged = await withCheckInWaiting();
      const newer = await answersFor(pledged, { status: "done", note: "Newer words." });
      expect(await checkIns().submitCheckIn(pledged.reference, newer)).toBe("stored");
      const held = await owner<{ review: string; note: string | null }>(
        `select k.review, a.note from public.check_ins as k join public.check_in_answers as a on a.check_in_id = k.id
         where k.pledge_id = $1`,
        [pledged.id],
      );
      expect(held).toEqual([{ review: "waiting", note: "Newer words." }]);
    });

    it("stores an empty evidence link or note as none", async () => {
      const pledged = await pledge("approved");
      await checkIns().submitCheckIn(pledged.reference, await answersFor(pledged, { evidence_url: "", note: "" }));
      const [answer] = await owner("select evidence_url, note from public.check_in_answers where pledge_id = $1", [
        pledged.id,
      ]);
      expect(answer).toEqual({ evidence_url: null, note: null });
    });

    it.each(["unconfirmed", "pending", "rejected", "withdrawn"] as const)(
      "is refused for a pledge %s, and for a reference that does not exist, storing nothing",
      async (status) => {
        const approved = await pledge("approved");
        const answers = await answersFor(approved, { status: "done" });
        const pledged = await pledge(status);
        const before = await everything();
        expect(await checkIns().submitCheckIn(pledged.reference, answers)).toBe("refused");
        expect(await checkIns().submitCheckIn("SC-ZZZZZZZZ", answers)).toBe("refused");
        expect(await everything()).toEqual(before);
      },
    );

    const refusals: [string, (answers: CheckInAnswer[], other: CheckInAnswer[]) => CheckInAnswer[], string, RegExp][] =
      [
        [
          "an evidence link that is not a web address",
          ([first]) => [{ ...(first as CheckInAnswer), evidence_url: "javascript:alert(1)" }],
          "23514",
          /check_in_answers_evidence_url_check/,
        ],
        [
          "an evidence link longer than 200 characters",
          ([first]) => [{ ...(first as CheckInAnswer), evidence_url: `https://example.org/${"a".repeat(181)}` }],
          "23514",
          /check_in_answers_evidence_url_check/,
        ],
        [
          "a note longer than 280 characters",
          ([first]) => [{ ...(first as CheckInAnswer), note: "n".repeat(281) }],
          "23514",
          /check_in_answers_note_check/,
        ],
        [
          "a status that is not one",
          ([first]) => [{ ...(first as CheckInAnswer), status: "finished" as CommitmentStatus }],
          "22P02",
          /commitment_status/,
        ],
        [
          "a commitment of another pledge",
          (_answers, [other]) => [other as CheckInAnswer],
          "23503",
          /check_in_answers_commitment_id_pledge_id_fkey/,
        ],
        [
          "the same commitment twice",
          ([first]) => [first as CheckInAnswer, first as CheckInAnswer],
          "23505",
          /check_in_answers_pkey/,
        ],
        ["no answer at all", () => [], "22023", /at least one commitment/],
      ];

    it.each(refusals)(
      "refuses %s with the table's own error (%s), storing nothing and keeping the check-in waiting",
      async (_what, answersOf, code, message) => {
        const pledged = await withCheckInWaiting();
        const other = await pledge("approved");
        const given = answersOf(
          await answersFor(pledged, { status: "done" }),
          await answersFor(other, { status: "done" }),
        );
        const before = await everything();
        const attempt = checkIns().submitCheckIn(pledged.reference, given);
        await expect(attempt).rejects.toBeInstanceOf(StorageRefusalError);
        await expect(attempt).rejects.toThrow(message);
        await expect(attempt).rejects.toMatchObject({ cause: { code } });
        expect(await everything()).toEqual(before);
      },
    );

    it("takes a 200-character evidence link and a 280-character note", async () => {
      const pledged = await pledge("approved");
      const evidence = `https://example.org/${"a".repeat(180)}`;
      const answers = await answersFor(pledged, { evidence_url: evidence, note: "n".repeat(280) });
      expect(evidence).toHaveLength(200);
      expect(await checkIns().submitCheckIn(pledged.reference, answers)).toBe("stored");
    });
  });

  describe("an officer's review", () => {
    it("lists the check-ins waiting, oldest first, each answer beside the commitment as it stands", async () => {
      const first = await withCheckInWaiting();
      const second = await withCheckInWaiting();
      await owner("update public.check_ins set submitted_at = submitted_at - interval '1 hour' where pledge_id = $1", [
        first.id,
      ]);
      const { token } = await signedInOfficer();
      const mine = (await checkIns().checkInsWaiting(token)).filter((checkIn) =>
        [first.id, second.id].includes(checkIn.pledge_id),
      );
      expect(mine.map((checkIn) => checkIn.pledge_id)).toEqual([first.id, second.id]);
      const commitments = await commitmentsOf(first);
      expect(mine[0]).toEqual({
        id: expect.any(String),
        pledge_id: first.id,
        reference: first.reference,
        name: first.row.name,
        source: "pledger",
        submitted_at: expect.stringMatching(/Z$/),
        review: "waiting",
        reviewed_at: null,
        reviewed_by: null,
        reason: null,
        statement: null,
        evidence_published: null,
        answers: first.answers.map((answer, index) => ({ ...answer, current: commitments[index] })),
      });
    });

    it("accepts one: the statuses, evidence links and notes show, each dated, in the history and the activity", async () => {
      const pledged = await withCheckInWaiting();
      const { email, token } = await signedInOfficer();
      const before = await commitmentsOf(pledged);
      const checkIn = await waitingFor(pledged, token);
      expect(await checkIns().decideCheckIn(token, { checkInId: checkIn.id, decision: "accept" })).toBe("decided");
      const after = await commitmentsOf(pledged);
      const [done, started, planned] = after;
      expect(done).toMatchObject({
        status: "done",
        evidence_url: pledged.evidence,
        note: pledged.notes[0],
        evidence_accepted_at: done?.status_since,
      });
      expect(done?.status_since).not.toBe(before[0]?.status_since);
      expect(started).toMatchObject({ status: "started", evidence_url: null, note: pledged.notes[1] });
      expect(started?.evidence_accepted_at).toBeNull();
      expect(planned).toEqual(before[2]);
      const moved = (await historyOf(pledged.id)).filter((row) => row.by_check_in);
      expect(moved).toHaveLength(2);
      expect(moved).toEqual(
        expect.arrayContaining([
          { action_id: "buying-locally", from_status: "planned", to_status: "done", by_check_in: true },
          { action_id: "work-placements", from_status: "planned", to_status: "started", by_check_in: true },
        ]),
      );
      const [decided] = await checkIns().checkInsFor(token, pledged.id);
      expect(decided).toMatchObject({ review: "accepted", reviewed_by: email, evidence_published: true });
      const activity = await owner("select action, detail, done_by from public.officer_activity where pledge_id = $1", [
        pledged.id,
      ]);
      expect(activity).toEqual([{ action: "check-in-decided", detail: "accept", done_by: email }]);
    });

    it("accepts one without its evidence: the statuses show, and no evidence link or note", async () => {
      const pledged = await withCheckInWaiting();
      const { token } = await signedInOfficer();
      const checkIn = await waitingFor(pledged, token);
      expect(
        await checkIns().decideCheckIn(token, {
          checkInId: checkIn.id,
          decision: "accept-without-evidence",
          reason: "The link does not open",
        }),
      ).toBe("decided");
      expect((await commitmentsOf(pledged)).map((row) => [row.status, row.evidence_url, row.note])).toEqual([
        ["done", null, null],
        ["started", null, null],
        ["planned", null, null],
      ]);
      expect((await checkIns().checkInsFor(token, pledged.id))[0]).toMatchObject({
        review: "accepted",
        evidence_published: false,
        reason: "The link does not open",
      });
    });

    it("keeps an evidence link's date when the same link is accepted again, and keeps it when a later answer gives none", async () => {
      const pledged = await withCheckInWaiting();
      const { token } = await signedInOfficer();
      await checkIns().decideCheckIn(token, { checkInId: (await waitingFor(pledged, token)).id, decision: "accept" });
      const [first] = await commitmentsOf(pledged);
      await checkIns().submitCheckIn(pledged.reference, [{ ...(pledged.answers[0] as CheckInAnswer) }]);
      await checkIns().decideCheckIn(token, { checkInId: (await waitingFor(pledged, token)).id, decision: "accept" });
      expect((await commitmentsOf(pledged))[0]?.evidence_accepted_at).toBe(first?.evidence_accepted_at);
      await checkIns().submitCheckIn(pledged.reference, [
        { ...(pledged.answers[0] as CheckInAnswer), evidence_url: null, note: null },
      ]);
      await checkIns().decideCheckIn(token, { checkInId: (await waitingFor(pledged, token)).id, decision: "accept" });
      expect((await commitmentsOf(pledged))[0]).toMatchObject({
        evidence_url: pledged.evidence,
        evidence_accepted_at: first?.evidence_accepted_at,
        note: null,
      });
    });

    it("rejects one with a reason, changing nothing the public sees", async () => {
      const pledged = await withCheckInWaiting();
      const { email, token } = await signedInOfficer();
      const [stored, seen] = [await storedOf(pledged.id), await publicReads()];
      const checkIn = await waitingFor(pledged, token);
      expect(
        await checkIns().decideCheckIn(token, { checkInId: checkIn.id, decision: "reject", reason: "Not this body" }),
      ).toBe("decided");
      expect(await storedOf(pledged.id)).toEqual(stored);
      expect(await publicReads()).toEqual(seen);
      expect((await checkIns().checkInsFor(token, pledged.id))[0]).toMatchObject({
        review: "rejected",
        reviewed_by: email,
        reason: "Not this body",
        evidence_published: null,
      });
    });

    it.each([undefined, "  "])("refuses a rejection without a reason (%j), and decides nothing", async (reason) => {
      const pledged = await withCheckInWaiting();
      const { token } = await signedInOfficer();
      const checkIn = await waitingFor(pledged, token);
      const before = await everything();
      const attempt = checkIns().decideCheckIn(token, { checkInId: checkIn.id, decision: "reject", reason });
      await expect(attempt).rejects.toBeInstanceOf(StorageRefusalError);
      await expect(attempt).rejects.toThrow(/A rejection needs a reason/);
      expect(await everything()).toEqual(before);
    });

    it("refuses a decision that is not one of the three, and decides nothing", async () => {
      const pledged = await withCheckInWaiting();
      const { token } = await signedInOfficer();
      const checkIn = await waitingFor(pledged, token);
      const before = await everything();
      const attempt = checkIns().decideCheckIn(token, { checkInId: checkIn.id, decision: "maybe" as "accept" });
      await expect(attempt).rejects.toBeInstanceOf(StorageRefusalError);
      expect(await everything()).toEqual(before);
    });

    it("answers none, deciding and recording nothing, for one decided, one replaced, one withdrawn or one that does not exist", async () => {
      const { token } = await signedInOfficer();
      const decided = await withCheckInWaiting();
      const decidedId = (await waitingFor(decided, token)).id;
      await checkIns().decideCheckIn(token, { checkInId: decidedId, decision: "accept" });
      const replaced = await withCheckInWaiting();
      const replacedId = (await waitingFor(replaced, token)).id;
      await checkIns().submitCheckIn(replaced.reference, replaced.answers);
      const withdrawn = await withCheckInWaiting();
      const withdrawnId = (await waitingFor(withdrawn, token)).id;
      await target.store.setStatus({ id: withdrawn.id, status: "withdrawn", actor: "Test Setup" });
      const before = await everything();
      for (const checkInId of [decidedId, replacedId, withdrawnId, crypto.randomUUID()])
        expect(await checkIns().decideCheckIn(token, { checkInId, decision: "accept" }), checkInId).toBe("none");
      expect(await everything()).toEqual(before);
    });

    it("records a check-in taken by phone: accepted as recorded, with how it was taken, and the activity", async () => {
      const pledged = await pledge("approved");
      const { email, token } = await signedInOfficer();
      const answers = await answersFor(pledged, { status: "done", evidence_url: "https://example.org/phone" });
      expect(
        await checkIns().recordCheckIn(token, {
          pledgeId: pledged.id,
          answers,
          statement: " Taken by phone with the manager ",
        }),
      ).toBe("recorded");
      expect((await commitmentsOf(pledged))[0]).toMatchObject({
        status: "done",
        evidence_url: "https://example.org/phone",
        evidence_accepted_at: expect.stringMatching(/Z$/),
      });
      expect((await checkIns().checkInsFor(token, pledged.id))[0]).toMatchObject({
        source: "officer",
        review: "accepted",
        reviewed_by: email,
        statement: "Taken by phone with the manager",
        evidence_published: true,
      });
      const activity = await owner("select action, detail from public.officer_activity where pledge_id = $1", [
        pledged.id,
      ]);
      expect(activity).toEqual([{ action: "check-in-recorded", detail: null }]);
    });

    it("refuses to record one for a pledge not approved, and one without a statement, storing nothing", async () => {
      const approved = await pledge("approved");
      const answers = await answersFor(approved, { status: "done" });
      const pending = await pledge("pending");
      const { token } = await signedInOfficer();
      const before = await everything();
      expect(await checkIns().recordCheckIn(token, { pledgeId: pending.id, answers, statement: "By phone" })).toBe(
        "refused",
      );
      expect(
        await checkIns().recordCheckIn(token, { pledgeId: crypto.randomUUID(), answers, statement: "By phone" }),
      ).toBe("refused");
      const attempt = checkIns().recordCheckIn(token, { pledgeId: approved.id, answers, statement: " " });
      await expect(attempt).rejects.toBeInstanceOf(StorageRefusalError);
      await expect(attempt).rejects.toThrow(/Say how the check-in was taken/);
      const bad = checkIns().recordCheckIn(token, {
        pledgeId: approved.id,
        answers: [{ ...(answers[0] as CheckInAnswer), note: "n".repeat(281) }],
        statement: "By phone",
      });
      await expect(bad).rejects.toBeInstanceOf(StorageRefusalError);
      expect(await everything()).toEqual(before);
    });

    it("lists a pledge's check-ins newest first, and its commitments", async () => {
      const pledged = await withCheckInWaiting();
      const { token } = await signedInOfficer();
      await checkIns().decideCheckIn(token, { checkInId: (await waitingFor(pledged, token)).id, decision: "accept" });
      await owner("update public.check_ins set submitted_at = submitted_at - interval '1 day' where pledge_id = $1", [
        pledged.id,
      ]);
      await checkIns().submitCheckIn(pledged.reference, pledged.answers);
      expect((await checkIns().checkInsFor(token, pledged.id)).map((checkIn) => checkIn.review)).toEqual([
        "waiting",
        "accepted",
      ]);
      expect(await checkIns().commitmentsOf(token, pledged.id)).toEqual(await commitmentsOf(pledged));
      expect(await checkIns().commitmentsOf(token, crypto.randomUUID())).toEqual([]);
    });

    it("refuses every call without a live session, changing nothing", async () => {
      const pledged = await withCheckInWaiting();
      const { token } = await signedInOfficer();
      const checkIn = await waitingFor(pledged, token);
      await officers().signOut(token);
      const before = await everything();
      const calls = [
        () => checkIns().checkInsWaiting(token),
        () => checkIns().checkInsFor(token, pledged.id),
        () => checkIns().commitmentsOf("not a session", pledged.id),
        () => checkIns().decideCheckIn(token, { checkInId: checkIn.id, decision: "accept" }),
        () => checkIns().decideCheckIn("", { checkInId: checkIn.id, decision: "reject", reason: "No" }),
        () =>
          checkIns().recordCheckIn(token, { pledgeId: pledged.id, answers: pledged.answers, statement: "By phone" }),
      ];
      for (const call of calls) await expect(call()).rejects.toBeInstanceOf(NotSignedInError);
      expect(await everything()).toEqual(before);
    });
  });

  describe("check-in e-mails", () => {
    /** An approved pledge whose approval (and target date) are moved back in time. */
    async function approvedAgo(interval: string, overrides: Parameters<typeof pledgeRow>[0] = {}) {
      const pledged = await pledge("approved", overrides);
      await owner(`update public.pledges set decided_at = now() - $2::interval where id = $1`, [pledged.id, interval]);
      return pledged;
    }
    const claimed = () => checkIns().claimDueCheckIns(1000);
    const claimedFor = (pledged: Pledge, rows: Awaited<ReturnType<typeof claimed>>) =>
      rows.filter((row) => row.reference === pledged.reference).map((row) => row.occasion);

    it("are due 6 and 12 months after approval, each claimed once, with the pledge's reference and address only", async () => {
      await claimed();
      const pledged = await approvedAgo("6 months 1 day");
      const recent = await approvedAgo("5 months");
      const first = await claimed();
      expect(first.filter((row) => row.reference === pledged.reference)).toEqual([
        { reference: pledged.reference, contact_email: pledged.row.contact_email, occasion: "6-months" },
      ]);
      expect(claimedFor(recent, first)).toEqual([]);
      expect(claimedFor(pledged, await claimed())).toEqual([]);
      await owner("update public.pledges set decided_at = decided_at - interval '6 months' where id = $1", [
        pledged.id,
      ]);
      expect(claimedFor(pledged, await claimed())).toEqual(["12-months"]);
      expect(claimedFor(pledged, await claimed())).toEqual([]);
    });

    it("is due on the target date, then yearly, and only the latest of several due at once is sent", async () => {
      await claimed();
      const target = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const pledged = await approvedAgo("3 months", { target_date: target });
      expect(claimedFor(pledged, await claimed())).toEqual(["target-date"]);
      const late = await approvedAgo("37 months");
      expect(claimedFor(late, await claimed())).toEqual(["36-months"]);
      const sends = await owner<{ occasion: string; sent: boolean }>(
        "select occasion, sent from public.check_in_sends where pledge_id = $1 order by occasion",
        [late.id],
      );
      expect(sends).toEqual([
        { occasion: "12-months", sent: false },
        { occasion: "24-months", sent: false },
        { occasion: "36-months", sent: true },
        { occasion: "6-months", sent: false },
      ]);
      expect(claimedFor(late, await claimed())).toEqual([]);
    });

    it("are not sent for a target date before approval, nor for a pledge withdrawn or without an address", async () => {
      await claimed();
      const early = await approvedAgo("1 month", { target_date: "2020-01-01" });
      const withdrawn = await pledge("withdrawn");
      await owner("update public.pledges set decided_at = now() - interval '7 months' where id = $1", [withdrawn.id]);
      const noAddress = await approvedAgo("7 months");
      await owner("update public.pledges set contact_email = null, channel = 'assisted' where id = $1", [noAddress.id]);
      const due = await claimed();
      for (const pledged of [early, withdrawn, noAddress]) expect(claimedFor(pledged, due)).toEqual([]);
    });

    it("claims at most the number asked for, and two runs at once never claim one twice", async () => {
      await claimed();
      const due = [];
      for (let n = 0; n < 4; n++) due.push(await approvedAgo("6 months 1 day"));
      expect(await checkIns().claimDueCheckIns(1)).toHaveLength(1);
      expect(await checkIns().claimDueCheckIns(0)).toEqual([]);
      const [one, two] = await Promise.all([checkIns().claimDueCheckIns(10), checkIns().claimDueCheckIns(10)]);
      const references = [...(one ?? []), ...(two ?? [])].map((row) => row.reference);
      expect(new Set(references).size).toBe(references.length);
      expect(references).toHaveLength(3);
    });
  });

  describe("what the public reads", () => {
    it("reads the commitments of signatories on the wall as accepted, never an answer waiting", async () => {
      const pledged = await withCheckInWaiting();
      const { token } = await signedInOfficer();
      const mine = async () => (await reader.readCommitments()).filter((row) => row.signatory_id === pledged.id);
      const before = await mine();
      expect(before.map((row) => [row.status, row.evidence_url, row.note])).toEqual([
        ["planned", null, null],
        ["planned", null, null],
        ["planned", null, null],
      ]);
      await checkIns().decideCheckIn(token, { checkInId: (await waitingFor(pledged, token)).id, decision: "accept" });
      await checkIns().submitCheckIn(pledged.reference, [
        { ...(pledged.answers[0] as CheckInAnswer), evidence_url: "https://example.org/waiting", note: "Waiting." },
      ]);
      const after = await mine();
      expect(after).toContainEqual({
        id: expect.any(String),
        signatory_id: pledged.id,
        action_id: "buying-locally",
        status: "done",
        status_since: expect.stringMatching(/Z$/),
        evidence_url: pledged.evidence,
        note: pledged.notes[0],
        evidence_accepted_at: expect.stringMatching(/Z$/),
      });
      expect(JSON.stringify(await reader.readCommitments())).not.toMatch(/example\.org\/waiting|Waiting\./);
    });

    it("never reads a count-only, withdrawn or pending pledge's commitments row by row", async () => {
      const { token } = await signedInOfficer();
      const counted = await withCheckInWaiting({ listing: "count-only" });
      await checkIns().decideCheckIn(token, { checkInId: (await waitingFor(counted, token)).id, decision: "accept" });
      const withdrawn = await withCheckInWaiting();
      await checkIns().decideCheckIn(token, {
        checkInId: (await waitingFor(withdrawn, token)).id,
        decision: "accept",
      });
      await target.store.setStatus({ id: withdrawn.id, status: "withdrawn", actor: "Test Setup" });
      const pending = await pledge("pending");
      const seen = JSON.stringify({
        commitments: await reader.readCommitments(),
        dates: await reader.readCheckInDates(),
      });
      for (const id of [counted.id, withdrawn.id, pending.id]) expect(seen).not.toContain(id);
      expect(seen).not.toContain(counted.notes[0]);
    });

    it("reads when each signatory on the wall last checked in, as accepted: none before the first", async () => {
      const pledged = await pledge("approved");
      const { token } = await signedInOfficer();
      const dateOf = async () =>
        (await reader.readCheckInDates()).find((row) => row.signatory_id === pledged.id)?.last_check_in_at;
      expect(await dateOf()).toBeNull();
      await checkIns().submitCheckIn(pledged.reference, await answersFor(pledged, { status: "started" }));
      expect(await dateOf()).toBeNull();
      const checkIn = await waitingFor(pledged, token);
      await checkIns().decideCheckIn(token, { checkInId: checkIn.id, decision: "reject", reason: "Wrong pledge" });
      expect(await dateOf()).toBeNull();
      await checkIns().submitCheckIn(pledged.reference, await answersFor(pledged, { status: "started" }));
      const accepted = await waitingFor(pledged, token);
      await checkIns().decideCheckIn(token, { checkInId: accepted.id, decision: "accept-without-evidence" });
      expect(await dateOf()).toBe(accepted.submitted_at);
      const listed = await reader.readSignatories();
      expect((await reader.readCheckInDates()).map((row) => row.signatory_id).sort()).toEqual(
        listed.map((row) => row.id).sort(),
      );
    });

    it("reads a withdrawn signatory as former, with the dates it was listed and withdrawn and, for its badge, its id: no name", async () => {
      const before = await reader.readFormerSignatories();
      const named = await pledge("withdrawn");
      await pledge("withdrawn", { listing: "count-only" });
      const pending = await pledge("pending");
      await target.store.setStatus({ id: pending.id, status: "withdrawn", actor: "Test Setup" });
      const after = await reader.readFormerSignatories();
      expect(after).toHaveLength(before.length + 1);
      const [history] = await owner<{ listed: Date; withdrawn: Date }>(
        `select max(changed_at) filter (where to_status = 'approved') as listed,
                max(changed_at) filter (where to_status = 'withdrawn') as withdrawn
         from public.pledge_status_changes where pledge_id = $1`,
        [named.id],
      );
      expect(after).toContainEqual({
        id: named.id,
        listed_at: history?.listed.toISOString(),
        withdrawn_at: history?.withdrawn.toISOString(),
      });
      expect(Object.keys(after[0] ?? {}).sort()).toEqual(["id", "listed_at", "withdrawn_at"]);
      expect(after.map((row) => row.id)).not.toContain(pending.id);
      await target.store.erase(named.id);
      expect(await reader.readFormerSignatories()).toEqual(after);
    });
  });

  describe("the wall's digest", () => {
    const version = async () => (await readPublicWallVersion(reader)).version;

    it("stays as it is for a check-in waiting or rejected, and changes when one is accepted", async () => {
      const pledged = await withCheckInWaiting({ listing: "count-only" });
      const { token } = await signedInOfficer();
      const before = await version();
      await checkIns().submitCheckIn(pledged.reference, pledged.answers);
      expect(await version()).toBe(before);
      await checkIns().decideCheckIn(token, {
        checkInId: (await waitingFor(pledged, token)).id,
        decision: "reject",
        reason: "Not yet",
      });
      expect(await version()).toBe(before);
      await checkIns().submitCheckIn(pledged.reference, pledged.answers);
      await checkIns().decideCheckIn(token, { checkInId: (await waitingFor(pledged, token)).id, decision: "accept" });
      expect(await version()).not.toBe(before);
    });

    it("changes when an accepted check-in changes no status, since the date of the last one shows", async () => {
      const pledged = await pledge("approved");
      const { token } = await signedInOfficer();
      const before = await version();
      await checkIns().submitCheckIn(pledged.reference, await answersFor(pledged, { status: "planned" }));
      await checkIns().decideCheckIn(token, {
        checkInId: (await waitingFor(pledged, token)).id,
        decision: "accept-without-evidence",
      });
      expect(await version()).not.toBe(before);
    });

    it("changes when evidence alone is accepted, and when an officer records a check-in", async () => {
      const pledged = await pledge("approved");
      const { token } = await signedInOfficer();
      const answers = await answersFor(pledged, { status: "planned" });
      await checkIns().recordCheckIn(token, { pledgeId: pledged.id, answers, statement: "By phone" });
      const before = await version();
      await checkIns().recordCheckIn(token, {
        pledgeId: pledged.id,
        answers: [{ ...(answers[0] as CheckInAnswer), evidence_url: "https://example.org/later" }],
        statement: "By phone",
      });
      expect(await version()).not.toBe(before);
    });
  });

  describe("withdrawal, erasure and retention", () => {
    /** A pledge with an accepted check-in with evidence and a note, one taken by phone, one rejected, and one waiting. */
    async function withEverything() {
      const pledged = await withCheckInWaiting();
      const { token } = await signedInOfficer();
      const tag = pledged.reference;
      await checkIns().decideCheckIn(token, { checkInId: (await waitingFor(pledged, token)).id, decision: "accept" });
      await checkIns().recordCheckIn(token, {
        pledgeId: pledged.id,
        answers: [{ ...(pledged.answers[1] as CheckInAnswer), note: `Told us on the phone (${tag}).` }],
        statement: `Phoned Jo Bloggs, the manager (${tag})`,
      });
      await checkIns().submitCheckIn(pledged.reference, [
        {
          ...(pledged.answers[2] as CheckInAnswer),
          note: `Rejected words (${tag}).`,
          evidence_url: `https://example.org/r/${tag}`,
        },
      ]);
      await checkIns().decideCheckIn(token, {
        checkInId: (await waitingFor(pledged, token)).id,
        decision: "reject",
        reason: `Jo Bloggs asked us to (${tag})`,
      });
      await checkIns().submitCheckIn(pledged.reference, [
        {
          ...(pledged.answers[2] as CheckInAnswer),
          note: `Waiting words (${tag}).`,
          evidence_url: `https://example.org/w/${tag}`,
        },
      ]);
      await owner("update public.pledges set decided_at = now() - interval '7 months' where id = $1", [pledged.id]);
      await checkIns().claimDueCheckIns(1000);
      const personal = [
        pledged.evidence,
        ...pledged.notes,
        `Told us on the phone (${tag}).`,
        `Phoned Jo Bloggs, the manager (${tag})`,
        `Jo Bloggs asked us to (${tag})`,
        `Rejected words (${tag}).`,
        `https://example.org/r/${tag}`,
        `Waiting words (${tag}).`,
        `https://example.org/w/${tag}`,
      ];
      return { ...pledged, token, personal };
    }

    const heldOf = async (id: string) =>
      JSON.stringify({
        commitments: await owner("select * from public.commitments where pledge_id = $1", [id]),
        checkIns: await owner("select * from public.check_ins where pledge_id = $1", [id]),
        answers: await owner("select * from public.check_in_answers where pledge_id = $1", [id]),
        sends: await owner("select * from public.check_in_sends where pledge_id = $1", [id]),
      });

    it("withdrawing a pledge takes its commitments off the public reads and drops its check-in waiting", async () => {
      const pledged = await withEverything();
      await target.store.setStatus({ id: pledged.id, status: "withdrawn", actor: "Test Setup" });
      const { formerSignatories, ...rest } = await publicReads();
      // Its id stays only as a former signatory's, for the grey badge at its old address.
      expect(formerSignatories.filter((row) => row.id === pledged.id)).toHaveLength(1);
      expect(JSON.stringify(rest)).not.toContain(pledged.id);
      const seen = JSON.stringify(await publicReads());
      for (const words of pledged.personal) expect(seen).not.toContain(words);
      expect(await checkIns().checkInsWaiting(pledged.token)).not.toContainEqual(
        expect.objectContaining({ pledge_id: pledged.id }),
      );
      expect(await heldOf(pledged.id)).not.toContain(`Waiting words (${pledged.reference}).`);
      expect(await checkIns().submitCheckIn(pledged.reference, pledged.answers)).toBe("refused");
    });

    it("erasing a pledge leaves none of its author's words, no officer's note of the person and no e-mail record", async () => {
      const pledged = await withEverything();
      const statuses = (await storedOf(pledged.id)).map((row) => row.status);
      await target.store.setStatus({ id: pledged.id, status: "withdrawn", actor: "Test Setup" });
      expect(await target.store.erase(pledged.id)).toBe("erased");
      const held = await heldOf(pledged.id);
      for (const words of pledged.personal) expect(held, words).not.toContain(words);
      expect((await storedOf(pledged.id)).map((row) => row.status)).toEqual(statuses);
      expect(await owner("select * from public.check_in_sends where pledge_id = $1", [pledged.id])).toEqual([]);
      const copy = JSON.stringify(await target.store.pledgers.subjectAccess(pledged.reference));
      for (const words of pledged.personal) expect(copy, words).not.toContain(words);
    });

    it("the retention run removing contact details leaves no officer's note of the person and no e-mail record", async () => {
      const pledged = await withEverything();
      await target.store.setStatus({ id: pledged.id, status: "withdrawn", actor: "Test Setup" });
      await owner("update public.pledges set decided_at = now() - interval '400 days' where id = $1", [pledged.id]);
      await target.store.applyRetention({ rejectedContactDays: 365, withdrawnContactDays: 365 });
      const held = await heldOf(pledged.id);
      for (const words of pledged.personal.filter((words) => words.includes("Jo Bloggs")))
        expect(held).not.toContain(words);
      expect(await owner("select * from public.check_in_sends where pledge_id = $1", [pledged.id])).toEqual([]);
    });

    it("the subject access copy holds the pledge's commitments with their history, its check-ins and the check-in e-mails", async () => {
      const pledged = await withEverything();
      const copy = (await target.store.pledgers.subjectAccess(pledged.reference)) ?? {};
      const commitments = copy.commitments as { action_id: string | null; history: unknown[] }[];
      expect(commitments.map((row) => row.action_id)).toEqual(["buying-locally", "work-placements", null]);
      expect(commitments[0]?.history).toHaveLength(2);
      expect((copy.check_ins as { review: string }[]).map((row) => row.review).sort()).toEqual([
        "accepted",
        "accepted",
        "rejected",
        "waiting",
      ]);
      expect(copy.emails_sent).toContainEqual({ purpose: "check-in (6-months)", sent_at: expect.any(String) });
    });
  });
});

describe.each(storeTargets)("the impact counts on $name", ({ open }) => {
  let target: StoreTarget;
  let reader: PublicWallReader;
  beforeAll(async () => {
    target = await open();
    reader = readerFor(target);
  }, 60_000);
  afterAll(() => target?.close());

  const owner = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => target.asOwner<T>(sql, params);

  async function approved(overrides: Parameters<typeof pledgeRow>[0]) {
    const outcome = await target.store.submit(pledgeRow({ commitment: null, ...overrides }));
    if (outcome.outcome !== "created") throw new Error("setup: not created");
    const record = await target.store.show(outcome.reference);
    await target.store.setStatus({ id: record?.id ?? "", status: "approved", actor: "Test Setup" });
    return record?.id ?? "";
  }

  const cell = (
    rows: Awaited<ReturnType<PublicWallReader["readImpact"]>>,
    want: {
      subject_kind: string;
      subject: string | null;
      ward?: string | null;
      quarter?: string | null;
      status: string;
    },
  ) =>
    rows.find(
      (row) =>
        row.subject_kind === want.subject_kind &&
        row.subject === want.subject &&
        row.ward === (want.ward ?? null) &&
        row.quarter === (want.quarter ?? null) &&
        row.status === want.status,
    )?.commitments;

  it("counts every approved pledge's commitments, counted-only ones included, and leaves out every count under 5", async () => {
    for (let n = 0; n < 4; n++)
      await approved({ actions: ["pooling-budgets"], ward: "chells", listing: n % 2 ? "count-only" : "name-and-area" });
    const under = await reader.readImpact();
    expect(under.every((row) => row.commitments >= 5)).toBe(true);
    expect(cell(under, { subject_kind: "action", subject: "pooling-budgets", status: "planned" })).toBeUndefined();
    await approved({ actions: ["pooling-budgets"], ward: "chells", listing: "count-only" });
    await approved({ actions: ["pooling-budgets"], ward: null, listing: "organisation-name" });
    await target.store.submit(pledgeRow({ actions: ["pooling-budgets"], ward: "chells" }));
    const at = await reader.readImpact();
    expect(cell(at, { subject_kind: "action", subject: "pooling-budgets", status: "planned" })).toBe(6);
    expect(cell(at, { subject_kind: "action", subject: "pooling-budgets", ward: "chells", status: "planned" })).toBe(5);
    expect(cell(at, { subject_kind: "benefit", subject: "resilient-economy", status: "planned" })).toBe(6);
    expect(cell(at, { subject_kind: "all", subject: null, status: "planned" })).toBe(6);
    expect(at.every((row) => row.commitments >= 5)).toBe(true);
    expect(at.every((row) => row.ward === null || row.quarter === null)).toBe(true);
  });

  it("counts each status, and the own words under the action none and under all, not under a benefit", async () => {
    const ids = [];
    for (let n = 0; n < 5; n++)
      ids.push(await approved({ actions: ["cooperatives"], commitment: "Our own words.", listing: "count-only" }));
    await owner(
      `update public.commitments set status = 'done' where pledge_id = any($1::uuid[])
       and (action_id = 'cooperatives' or action_id is null)`,
      [ids],
    );
    const rows = await reader.readImpact();
    expect(cell(rows, { subject_kind: "action", subject: "cooperatives", status: "done" })).toBe(5);
    expect(cell(rows, { subject_kind: "action", subject: null, status: "done" })).toBe(5);
    expect(cell(rows, { subject_kind: "benefit", subject: "resilient-economy", status: "done" })).toBe(5);
    expect(cell(rows, { subject_kind: "all", subject: null, status: "done" })).toBe(10);
  });

  it("gives the status each commitment had at each quarter's end, from its history, cumulatively", async () => {
    const ids = [];
    for (let n = 0; n < 5; n++) ids.push(await approved({ actions: ["work-placements"], listing: "count-only" }));
    await owner("alter table public.commitment_status_changes disable trigger commitment_status_changes_append_only");
    try {
      await owner(
        `update public.commitment_status_changes set changed_at = '2025-02-10T00:00:00Z'
         where commitment_id in (select id from public.commitments where pledge_id = any($1::uuid[]))`,
        [ids],
      );
    } finally {
      await owner("alter table public.commitment_status_changes enable trigger commitment_status_changes_append_only");
    }
    await owner(
      `update public.commitments set status = 'started', status_since = '2025-05-20T00:00:00Z'
       where pledge_id = any($1::uuid[])`,
      [ids],
    );
    await owner(
      `update public.commitments set status = 'done', status_since = '2025-12-31T23:59:59Z'
       where pledge_id = any($1::uuid[])`,
      [ids],
    );
    const rows = (await reader.readImpact()).filter(
      (row) => row.subject_kind === "action" && row.subject === "work-placements" && row.quarter !== null,
    );
    const byQuarter = Object.fromEntries(rows.map((row) => [`${row.quarter} ${row.status}`, row.commitments]));
    expect(byQuarter).toMatchObject({
      "2025-Q1 planned": 5,
      "2025-Q2 started": 5,
      "2025-Q3 started": 5,
      "2025-Q4 done": 5,
      "2026-Q1 done": 5,
    });
    expect(byQuarter["2025-Q1 started"]).toBeUndefined();
    expect(byQuarter["2025-Q4 started"]).toBeUndefined();
    const quarters = [...new Set(rows.map((row) => row.quarter))];
    const now = new Date();
    expect(quarters.at(-1)).toBe(`${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`);
  });

  it("puts each action under the benefit content/actions.json gives it", async () => {
    const [definition] = await owner<{ source: string }>(
      "select prosrc as source from pg_proc where proname = 'public_impact' and pronamespace = 'public'::regnamespace",
    );
    const pairs = [...(definition?.source ?? "").matchAll(/\('([a-z-]+)', '([a-z-]+)'\)/g)]
      .map(([, action, benefit]) => `${action} ${benefit}`)
      .sort();
    expect(pairs).toEqual(contentActions.map((action) => `${action.id} ${benefitOf(action.id)}`).sort());
  });
});

describe.each(testDatabaseKinds)("the commitments' functions and tables on $name", ({ open }) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openMigrated(open);
  }, 60_000);
  afterAll(() => db?.close());

  const forTheServer = [
    "pledger_check_in_commitments",
    "pledger_submit_check_in",
    "claim_due_check_ins",
    "officer_check_ins_waiting",
    "officer_check_ins_for",
    "officer_commitments",
    "officer_decide_check_in",
    "officer_record_check_in",
  ];
  const forThePublic = ["public_commitments", "public_check_in_dates", "public_impact", "public_former_signatories"];
  const helpers = [
    "date_commitment_status",
    "record_commitment_status_change",
    "commitments_follow_pledge",
    "commitment_json",
    "pledge_commitments",
    "check_in_records",
    "store_check_in_answers",
    "publish_check_in",
    "check_in_occasions",
  ];
  const triggers = ["date_commitment_status", "record_commitment_status_change", "commitments_follow_pledge"];
  const tables = ["commitments", "commitment_status_changes", "check_ins", "check_in_answers", "check_in_sends"];

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

  const mayExecute = (role: string, names: string[]) =>
    db.as<{ name: string; allowed: boolean }>(
      "postgres",
      `select p.proname as name, has_function_privilege($1, p.oid, 'execute') as allowed
       from pg_proc as p where p.pronamespace = 'public'::regnamespace and p.proname = any($2) order by p.proname`,
      [role, names],
    );

  it("are the functions the ports and the public read call, and the helpers behind them", async () => {
    const names = await db.as<{ name: string }>(
      "postgres",
      `select p.proname as name from pg_proc as p
       where p.pronamespace = 'public'::regnamespace
         and (p.proname ~ 'check_in|commitment' or p.proname = any($1))
       order by p.proname`,
      [[...forTheServer, ...forThePublic, ...helpers]],
    );
    expect(names.map((row) => row.name)).toEqual([...forTheServer, ...forThePublic, ...helpers].sort());
  });

  it.each(["anon", "authenticated"] as const)("let %s call the public reads and none of the others", async (role) => {
    expect(await mayExecute(role, forThePublic)).toEqual(
      [...forThePublic].sort().map((name) => ({ name, allowed: true })),
    );
    expect(await mayExecute(role, [...forTheServer, ...helpers])).toEqual(
      [...forTheServer, ...helpers].sort().map((name) => ({ name, allowed: false })),
    );
    for (const { name, call } of await callsOf(forTheServer))
      await expect(db.as(role, call), name).rejects.toThrow(/permission denied for function/);
    for (const { name, call } of await callsOf(forThePublic)) expect(await db.as(role, call), name).toEqual([]);
  });

  it("let the server's role call the functions meant for it, and none of the helpers", async () => {
    expect(await mayExecute("service_role", helpers)).toEqual(
      [...helpers].sort().map((name) => ({ name, allowed: false })),
    );
    for (const { name, call } of await callsOf(helpers.filter((helper) => !triggers.includes(helper))))
      await expect(db.as("service_role", call), name).rejects.toThrow(/permission denied for function/);
    for (const { name, call } of await callsOf([...forTheServer, ...forThePublic])) {
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
      commitments: "insert into public.commitments (pledge_id) values (gen_random_uuid())",
      commitment_status_changes:
        "insert into public.commitment_status_changes (commitment_id, to_status, changed_at) values (gen_random_uuid(), 'done', now())",
      check_ins: "insert into public.check_ins (pledge_id, source) values (gen_random_uuid(), 'pledger')",
      check_in_answers:
        "insert into public.check_in_answers (check_in_id, pledge_id, commitment_id, status) values (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'done')",
      check_in_sends:
        "insert into public.check_in_sends (pledge_id, occasion, sent) values (gen_random_uuid(), '6-months', true)",
    };
    await expect(db.as("service_role", inserts[table] ?? "")).rejects.toThrow(/permission denied/);
  });

  it("keeps the status history append-only: the owner can neither rewrite, delete nor empty it", async () => {
    const [stored] = await db.as<{ reference: string }>(
      "service_role",
      "select * from public.submit_pledge($1::jsonb)",
      [JSON.stringify(pledgeRow())],
    );
    await db.as("service_role", "update public.pledges set status = 'approved' where reference = $1", [
      stored?.reference,
    ]);
    const [{ n = 0 } = {}] = await db.as<{ n: number }>(
      "postgres",
      "select count(*)::int as n from public.commitment_status_changes",
    );
    expect(n).toBeGreaterThan(0);
    await expect(db.as("postgres", "update public.commitment_status_changes set to_status = 'done'")).rejects.toThrow(
      /append-only/,
    );
    await expect(db.as("postgres", "delete from public.commitment_status_changes")).rejects.toThrow(/append-only/);
    await expect(db.as("postgres", "truncate public.commitment_status_changes")).rejects.toThrow(/append-only/);
  });

  it("keeps one check-in waiting for a pledge, and an answer to a commitment of the check-in's own pledge", async () => {
    const pledgeIds = [];
    for (let n = 0; n < 2; n++) {
      const [stored] = await db.as<{ reference: string }>(
        "service_role",
        "select * from public.submit_pledge($1::jsonb)",
        [JSON.stringify(pledgeRow())],
      );
      const [row] = await db.as<{ id: string }>(
        "service_role",
        "update public.pledges set status = 'approved' where reference = $1 returning id",
        [stored?.reference],
      );
      pledgeIds.push(row?.id);
    }
    const [mine, other] = pledgeIds;
    const insertCheckIn = () =>
      db.as<{ id: string }>(
        "postgres",
        "insert into public.check_ins (pledge_id, source) values ($1, 'pledger') returning id",
        [mine],
      );
    const [checkIn] = await insertCheckIn();
    await expect(insertCheckIn()).rejects.toThrow(/check_ins_one_waiting_per_pledge/);
    const [otherCommitment] = await db.as<{ id: string }>(
      "postgres",
      "select id from public.commitments where pledge_id = $1",
      [other],
    );
    await expect(
      db.as(
        "postgres",
        "insert into public.check_in_answers (check_in_id, pledge_id, commitment_id, status) values ($1, $2, $3, 'done')",
        [checkIn?.id, mine, otherCommitment?.id],
      ),
    ).rejects.toThrow(/check_in_answers_commitment_id_pledge_id_fkey/);
    await expect(
      db.as(
        "postgres",
        "insert into public.check_in_answers (check_in_id, pledge_id, commitment_id, status) values ($1, $2, $3, 'done')",
        [checkIn?.id, other, otherCommitment?.id],
      ),
    ).rejects.toThrow(/check_in_answers_check_in_id_pledge_id_fkey/);
  });

  it("shows an evidence link only with the date it was accepted, and the officer's statement only on one an officer took", async () => {
    await expect(
      db.as(
        "postgres",
        "update public.commitments set evidence_url = 'https://example.org' where id = (select id from public.commitments limit 1)",
      ),
    ).rejects.toThrow(/commitments_evidence_dated/);
    await expect(
      db.as(
        "postgres",
        `insert into public.check_ins (pledge_id, source, statement)
         values ((select id from public.pledges where status = 'approved' limit 1), 'pledger', 'By phone')`,
      ),
    ).rejects.toThrow(/check_ins_statement_only_when_taken/);
  });
});
