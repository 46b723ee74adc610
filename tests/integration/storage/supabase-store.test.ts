/**
 * The Supabase adapter against recorded PostgREST exchanges (PostgREST cannot run here): it sends
 * the request PostgREST expects and reads every answer, including errors and silence, correctly.
 * The SQL it calls is tested on real databases in database-rules.test.ts, officers.test.ts,
 * pledgers.test.ts and commitments.test.ts. The public wall reader's newer reads are asked of a
 * PostgREST stand-in on a local port, with the anon key.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { openPublicWallReader } from "../../../src/storage/choose-public-wall-reader.ts";
import { NotSignedInError, type OfficerStore } from "../../../src/storage/officer-store.ts";
import { StorageRefusalError, StorageUnavailableError } from "../../../src/storage/pledge-store.ts";
import type { PublicWallReader } from "../../../src/storage/public-wall-reader.ts";
import { createServerClient, SupabaseStore } from "../../../src/storage/supabase-store.ts";
import {
  answers as checkInAnswers,
  commitments as checkInCommitments,
  exchanges as checkInExchanges,
  checkInId,
  reference as checkInReference,
  publicReads,
  publicRows,
  unknownReference as unknownCheckInReference,
  waitingCheckIn,
} from "../../fixtures/postgrest/check-ins.ts";
import {
  databaseDown,
  type Exchange,
  notSignedIn,
  officer,
  exchanges as officerExchanges,
  token as officerToken,
  permissionDenied,
  pledgeId,
  privacyStatement,
  takenPledge,
} from "../../fixtures/postgrest/officer-console.ts";
import {
  address,
  fields,
  newAddress,
  exchanges as pledgerExchanges,
  reference,
  subjectAccessCopy,
  unknownReference,
  waiting,
} from "../../fixtures/postgrest/pledger-page.ts";
import { pledgeRow } from "../support/databases.ts";

const recorded = JSON.parse(
  readFileSync(join(import.meta.dirname, "../../fixtures/postgrest/submit-pledge.json"), "utf8"),
);
type ResponseName = keyof typeof recorded.responses;

const url = "https://abcdefghijklmnop.supabase.co";
const key = "service-role-key-for-tests";

function storeAnswering(
  answer: ResponseName | ((request: Request) => Promise<Response>),
  seen: Request[] = [],
  timeoutMs = 8000,
) {
  const fakeFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    seen.push(request.clone());
    if (typeof answer === "function") return answer(request);
    const { status, headers, body } = recorded.responses[answer];
    return new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers });
  };
  return new SupabaseStore(createServerClient({ url, serviceRoleKey: key, fetch: fakeFetch, timeoutMs }));
}

describe("the Supabase adapter", () => {
  it("calls submit_pledge as PostgREST expects: POST, JSON body with the row under pledge, service role key", async () => {
    const seen: Request[] = [];
    const row = pledgeRow();
    await storeAnswering("created", seen).submit(row);
    const [request] = seen;
    expect(request?.method).toBe(recorded.request.method);
    expect(new URL(request?.url ?? "").pathname).toBe(recorded.request.path);
    expect(request?.headers.get("content-type")).toContain("application/json");
    expect(request?.headers.get("apikey")).toBe(key);
    expect(request?.headers.get("authorization")).toBe(`Bearer ${key}`);
    expect(await request?.json()).toEqual({ pledge: row });
  });

  it("reads a created pledge's reference", async () => {
    expect(await storeAnswering("created").submit(pledgeRow())).toEqual({
      outcome: "created",
      reference: "SC-7K3M9QAB",
    });
  });

  it("reads a replay as the pledge first stored", async () => {
    expect(await storeAnswering("replayed").submit(pledgeRow())).toEqual({
      outcome: "replayed",
      reference: "SC-7K3M9QAB",
    });
  });

  it("reads a duplicate without passing its reference on", async () => {
    expect(await storeAnswering("duplicate-listed").submit(pledgeRow())).toEqual({
      outcome: "duplicate",
      publiclyListed: true,
    });
  });

  it.each(["database-unreachable", "database-client-error", "project-paused"] as const)(
    "reports %s as storage unavailable, without the row's details",
    async (name) => {
      const row = pledgeRow();
      const failure = storeAnswering(name).submit(row);
      await expect(failure).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(failure).rejects.not.toThrow(row.contact_email);
    },
  );

  it.each([
    ["website-refused", "website"],
    ["check-violation", "actions"],
  ] as const)("reports %s as a refusal of the %s the person gave, without the row's details", async (name, column) => {
    const row = pledgeRow();
    const failure = storeAnswering(name).submit(row);
    await expect(failure).rejects.toBeInstanceOf(StorageRefusalError);
    await expect(failure).rejects.toMatchObject({ column });
    await expect(failure).rejects.not.toThrow(row.contact_email);
  });

  it("reports a function PostgREST cannot find as a fault of ours, neither unavailable nor refused", async () => {
    const failure = storeAnswering("function-missing").submit(pledgeRow());
    await expect(failure).rejects.toThrow(/PGRST202/);
    await expect(failure).rejects.not.toBeInstanceOf(StorageUnavailableError);
    await expect(failure).rejects.not.toBeInstanceOf(StorageRefusalError);
  });

  it("reports a network failure that happens twice as storage unavailable", async () => {
    const seen: Request[] = [];
    const store = storeAnswering(async () => {
      throw new TypeError("fetch failed");
    }, seen);
    await expect(store.submit(pledgeRow())).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(seen).toHaveLength(2);
  });

  it("tries a network failure once more with the same pledge and idempotency key", async () => {
    const seen: Request[] = [];
    let calls = 0;
    const { status, headers, body } = recorded.responses.created;
    const store = storeAnswering(async () => {
      calls += 1;
      if (calls === 1) throw new TypeError("fetch failed");
      return new Response(JSON.stringify(body), { status, headers });
    }, seen);
    expect(await store.submit(pledgeRow())).toEqual({ outcome: "created", reference: "SC-7K3M9QAB" });
    const [first, second] = await Promise.all(seen.map((request) => request.json()));
    expect(second).toEqual(first);
  });

  it("does not retry an answer from PostgREST, even an error", async () => {
    const seen: Request[] = [];
    await expect(storeAnswering("database-unreachable", seen).submit(pledgeRow())).rejects.toBeInstanceOf(
      StorageUnavailableError,
    );
    expect(seen).toHaveLength(1);
  });

  it("gives up on a database that does not answer, after its timeout", async () => {
    const store = storeAnswering(
      (request) =>
        new Promise((_resolve, reject) => {
          request.signal.addEventListener("abort", () => reject(request.signal.reason));
        }),
      [],
      50,
    );
    await expect(store.submit(pledgeRow())).rejects.toBeInstanceOf(StorageUnavailableError);
  });
});

describe("the Supabase adapter's data lifecycle", () => {
  const answering = (name: keyof typeof recorded.lifecycle, seen: Request[] = []) =>
    storeAnswering(async (request) => {
      seen.push(request);
      const { status, headers, body } = recorded.lifecycle[name];
      return new Response(JSON.stringify(body), { status, headers });
    });

  it("calls erase_pledge with the pledge id and reads its answer", async () => {
    const seen: Request[] = [];
    const id = crypto.randomUUID();
    expect(await answering("erased", seen).erase(id)).toBe("erased");
    expect(new URL(seen[0]?.url ?? "").pathname).toBe("/rest/v1/rpc/erase_pledge");
    expect(await seen[0]?.json()).toEqual({ pledge_id: id });
    expect(await answering("not-found").erase(id)).toBe("not-found");
  });

  it("reports the database's refusal to erase a live pledge as a refusal, with its reason", async () => {
    await expect(answering("refused").erase(crypto.randomUUID())).rejects.toThrow(/withdrawn or rejected/);
  });

  it("calls apply_retention with the periods and reads how many were erased", async () => {
    const seen: Request[] = [];
    expect(
      await answering("retention", seen).applyRetention({ rejectedContactDays: 90, withdrawnContactDays: 30 }),
    ).toBe(3);
    expect(await seen[0]?.json()).toEqual({ rejected_days: 90, withdrawn_days: 30 });
  });
});

describe("the Supabase adapter's moderation", () => {
  type Exchange = {
    request: { method: string; path: string; query?: Record<string, string>; body: unknown };
    response: { status: number; headers: Record<string, string>; body: unknown };
  };
  const exchanges = recorded.moderation as Record<string, Exchange | string>;

  /** A PostgREST that knows only the given exchanges: any other request is answered 404, failing the call. */
  const answeringOnly = (...names: string[]) =>
    storeAnswering(async (request) => {
      const url = new URL(request.url);
      const body = request.method === "GET" ? undefined : await request.json();
      const exchange = names
        .map((name) => exchanges[name])
        .find(
          (candidate): candidate is Exchange =>
            typeof candidate === "object" &&
            candidate.request.method === request.method &&
            candidate.request.path === url.pathname &&
            Object.entries(candidate.request.query ?? {}).every(
              ([key, value]) => url.searchParams.get(key) === value,
            ) &&
            JSON.stringify(candidate.request.body) === JSON.stringify(body),
        );
      if (!exchange) {
        const message = `no recorded answer for ${request.method} ${url.pathname} ${JSON.stringify(body)}`;
        return Response.json({ code: "PGRST202", message }, { status: 404 });
      }
      const { status, headers, body: answer } = exchange.response;
      return new Response(JSON.stringify(answer), { status, headers });
    });

  it("lists pledges of one status through list_pledges", async () => {
    const rows = await answeringOnly("list-pending").list({ status: "pending" });
    expect(rows.map((row) => row.reference)).toEqual(["SC-7K3M9QAB"]);
  });

  it("lists every pledge when no status is asked for", async () => {
    expect(await answeringOnly("list-all").list()).toHaveLength(1);
    await expect(answeringOnly("list-pending").list()).rejects.toThrow(/PGRST202/);
  });

  it("shows the pledge asked for by reference, with its history", async () => {
    const record = await answeringOnly("show-by-reference", "show-unknown").show("sc-7k3m9qab");
    expect(record).toMatchObject({ reference: "SC-7K3M9QAB", contact_email: "sam@example.com" });
    expect(record?.history).toEqual([
      {
        from_status: null,
        to_status: "pending",
        changed_by: "pledge form (online)",
        reason: null,
        changed_at: "2026-11-25T10:00:00.000Z",
      },
    ]);
  });

  it("shows nothing for a reference the database does not hold", async () => {
    expect(await answeringOnly("show-by-reference", "show-unknown").show("SC-00000000")).toBeUndefined();
  });

  it("exports every pledge with its history through export_pledges", async () => {
    const exported = await answeringOnly("export").exportAll();
    expect(exported).toEqual([expect.objectContaining({ reference: "SC-7K3M9QAB", history: [expect.anything()] })]);
  });

  it("changes a status through set_pledge_status, naming the officer", async () => {
    const id = "6f1c2d9e-8a43-4c1b-9f5e-2b7d1a0c3e4f";
    expect(await answeringOnly("changed").setStatus({ id, status: "approved", actor: "Ann Officer" })).toBe("changed");
  });

  it("says when a pledge already had the status asked for", async () => {
    const id = "6f1c2d9e-8a43-4c1b-9f5e-2b7d1a0c3e4f";
    expect(await answeringOnly("unchanged").setStatus({ id, status: "approved", actor: "Ann" })).toBe("unchanged");
  });

  it("says when there is no such pledge", async () => {
    const id = "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
    expect(await answeringOnly("notFound").setStatus({ id, status: "approved", actor: "Ann" })).toBe("not-found");
  });

  it("reports a refused transition as a refusal with the database's reason", async () => {
    const id = "6f1c2d9e-8a43-4c1b-9f5e-2b7d1a0c3e4f";
    await expect(answeringOnly("refused").setStatus({ id, status: "pending", actor: "Ann" })).rejects.toThrow(
      /cannot move from approved to pending/,
    );
  });
});

describe("the Supabase adapter's approval notices", () => {
  const answering = (name: keyof typeof recorded.approvalNotices, seen: Request[] = []) =>
    storeAnswering(async (request) => {
      seen.push(request);
      const { status, headers, body } = recorded.approvalNotices[name];
      return new Response(body === null ? null : JSON.stringify(body), { status, headers });
    });

  it("claims approved pledges through claim_approval_notices and reads what the e-mail needs", async () => {
    const seen: Request[] = [];
    const claimed = await answering("claimed", seen).claimApprovalNotices(50);
    expect(new URL(seen[0]?.url ?? "").pathname).toBe("/rest/v1/rpc/claim_approval_notices");
    expect(await seen[0]?.json()).toEqual({ max_count: 50 });
    expect(claimed).toEqual([expect.objectContaining({ reference: "SC-7K3M9QAB", contact_email: "sam@example.com" })]);
    expect(await answering("none").claimApprovalNotices(50)).toEqual([]);
  });

  it("gives a claim back through release_approval_notice", async () => {
    const seen: Request[] = [];
    const id = "6f1c2d9e-8a43-4c1b-9f5e-2b7d1a0c3e4f";
    await answering("released", seen).releaseApprovalNotice(id);
    expect(new URL(seen[0]?.url ?? "").pathname).toBe("/rest/v1/rpc/release_approval_notice");
    expect(await seen[0]?.json()).toEqual({ pledge_id: id });
  });

  it("reports an unreachable database as unavailable, so the scheduled run simply tries again", async () => {
    await expect(answering("unreachable").claimApprovalNotices(50)).rejects.toBeInstanceOf(StorageUnavailableError);
  });
});

describe("the Supabase adapter's officers' console", () => {
  type Answer = { status: number; headers: Record<string, string>; body: unknown };
  const officersAnswering = (answer: (request: Request) => Promise<Answer>, seen: Request[] = []) =>
    storeAnswering(async (request) => {
      const { status, headers, body } = await answer(request);
      return new Response(JSON.stringify(body), { status, headers });
    }, seen).officers;

  /** A PostgREST that knows only the recorded exchanges: any other request is answered 404, failing the call. */
  const recordedOnly = () =>
    officersAnswering(async (request) => {
      const url = new URL(request.url);
      const body = await request.json();
      const exchange = Object.values(officerExchanges).find(
        (candidate: Exchange) =>
          candidate.request.path === url.pathname &&
          Object.entries(candidate.request.query ?? {}).every(([key, value]) => url.searchParams.get(key) === value) &&
          isDeepStrictEqual(candidate.request.body, body),
      );
      if (exchange) return exchange.response;
      const message = `no recorded answer for ${request.method} ${url.pathname} ${JSON.stringify(body)}`;
      return { status: 404, headers: {}, body: { code: "PGRST202", message } };
    });

  it("keeps the officers' list through add_officer, remove_officer and list_officers, with the actor", async () => {
    const officers = recordedOnly();
    expect(await officers.addOfficer(officer.email, officer.name, "Cara Admin")).toBe("added");
    expect(await officers.removeOfficer(officer.email, "Cara Admin")).toBe(true);
    expect(await officers.listOfficers()).toEqual([expect.objectContaining({ email: officer.email })]);
  });

  it("signs in with officer_request_code and officer_sign_in, and reads the session back", async () => {
    const officers = recordedOnly();
    expect(await officers.requestSignInCode(officer.email)).toEqual({ ...officer, code: "042917" });
    expect((await officers.signIn(officer.email, "042917"))?.session_token).toBe(officerToken);
    expect(await officers.sessionOfficer(officerToken)).toEqual(officer);
    expect(await officers.signOut(officerToken)).toBe(true);
  });

  it("calls every console function with the session's token and the arguments the database names", async () => {
    const officers = recordedOnly();
    expect(await officers.queue(officerToken)).toEqual([expect.objectContaining({ waiting_hours: 119 })]);
    expect(
      await officers.queue(officerToken, { status: "any", ward: "bedwell", channel: "paper", search: "bakery" }),
    ).toEqual([]);
    expect(await officers.showFor(officerToken, "SC-7K3M9QAB")).toMatchObject({ id: pledgeId, history: [{}] });
    expect(await officers.similar(officerToken, pledgeId)).toEqual([expect.objectContaining({ same_email: true })]);
    expect(await officers.decide(officerToken, { id: pledgeId, status: "approved" })).toBe("changed");
    expect(await officers.decide(officerToken, { id: pledgeId, status: "rejected", reason: "Not in Stevenage" })).toBe(
      "changed",
    );
    expect(await officers.eraseFor(officerToken, pledgeId)).toBe("erased");
    expect(
      await officers.take(officerToken, { pledge: takenPledge, privacyStatement, formDated: "2026-11-20" }),
    ).toEqual({ outcome: "created", reference: "SC-9P4R7TVW" });
    expect(await officers.exportFor(officerToken)).toEqual([
      expect.objectContaining({ contact_email: "sam@example.com" }),
    ]);
    expect(await officers.overview(officerToken)).toEqual([expect.objectContaining({ pledges: 3 })]);
    expect(await officers.listedOfficers(officerToken)).toEqual([expect.objectContaining(officer)]);
    expect(await officers.activity(officerToken)).toEqual([expect.objectContaining({ action: "signed-in" })]);
  });

  it("reads a pledge's changes, decides the one waiting and lists the pledges with one waiting", async () => {
    const officers = recordedOnly();
    const changes = await officers.changesFor(officerToken, pledgeId);
    expect(changes.map((change) => [change.id, change.outcome, change.private_fields])).toEqual([
      [12, "waiting", []],
      [11, "applied", ["contact_name"]],
    ]);
    expect(changes[0]?.proposed).toEqual({ name: "Fairlands Bakery and Cafe" });
    expect(await officers.decideChange(officerToken, { pledgeId, approve: true, changeId: 12 })).toBe("approved");
    expect(
      await officers.decideChange(officerToken, {
        pledgeId,
        approve: false,
        reason: "The name is another organisation's",
      }),
    ).toBe("rejected");
    expect(await officers.decideChange(officerToken, { pledgeId, approve: true, changeId: 11 })).toBe("none");
    expect(await officers.changesWaiting(officerToken)).toEqual([
      expect.objectContaining({ id: pledgeId, status: "approved", requested_at: "2026-12-01T09:00:00.000Z" }),
    ]);
  });

  /** Each console call of the port, made with the recorded token. */
  const consoleCalls: Record<string, (officers: OfficerStore) => Promise<unknown>> = {
    queue: (officers) => officers.queue(officerToken),
    showFor: (officers) => officers.showFor(officerToken, "SC-7K3M9QAB"),
    similar: (officers) => officers.similar(officerToken, pledgeId),
    decide: (officers) => officers.decide(officerToken, { id: pledgeId, status: "approved" }),
    eraseFor: (officers) => officers.eraseFor(officerToken, pledgeId),
    take: (officers) => officers.take(officerToken, { pledge: takenPledge, privacyStatement }),
    exportFor: (officers) => officers.exportFor(officerToken),
    overview: (officers) => officers.overview(officerToken),
    listedOfficers: (officers) => officers.listedOfficers(officerToken),
    activity: (officers) => officers.activity(officerToken),
    changesFor: (officers) => officers.changesFor(officerToken, pledgeId),
    decideChange: (officers) => officers.decideChange(officerToken, { pledgeId, approve: true }),
    changesWaiting: (officers) => officers.changesWaiting(officerToken),
  };

  it.each(Object.keys(consoleCalls))(
    "reads the database's 'No officer is signed in' to %s as NotSignedInError",
    async (name) => {
      const call = consoleCalls[name] as (typeof consoleCalls)[string];
      await expect(call(officersAnswering(async () => notSignedIn))).rejects.toBeInstanceOf(NotSignedInError);
    },
  );

  it("reads a grant the role lacks as a fault of ours, not as an officer to sign in again", async () => {
    const failure = officersAnswering(async () => permissionDenied).queue(officerToken);
    await expect(failure).rejects.toThrow(/permission denied/);
    await expect(failure).rejects.not.toBeInstanceOf(NotSignedInError);
  });

  it.each(Object.keys(consoleCalls))(
    "reports a database PostgREST cannot reach, to %s, as unavailable",
    async (name) => {
      const call = consoleCalls[name] as (typeof consoleCalls)[string];
      const failure = call(officersAnswering(async () => databaseDown));
      await expect(failure).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(failure).rejects.not.toBeInstanceOf(NotSignedInError);
    },
  );

  it("reports no answer at all as unavailable, and does not send a decision twice", async () => {
    const seen: Request[] = [];
    const officers = officersAnswering(async () => {
      throw new TypeError("fetch failed");
    }, seen);
    await expect(officers.decide(officerToken, { id: pledgeId, status: "approved" })).rejects.toBeInstanceOf(
      StorageUnavailableError,
    );
    expect(seen).toHaveLength(1);
  });
});

describe("the Supabase adapter's pledger page", () => {
  /** A PostgREST that knows only the recorded exchanges: any other request is answered 404, failing the call. */
  const recordedOnly = (seen: Request[] = []) =>
    storeAnswering(async (request) => {
      const url = new URL(request.url);
      const body = await request.json();
      const exchange = Object.values(pledgerExchanges).find(
        (candidate: Exchange) =>
          candidate.request.path === url.pathname && isDeepStrictEqual(candidate.request.body, body),
      );
      const {
        status,
        headers,
        body: answer,
      } = exchange?.response ?? {
        status: 404,
        headers: {},
        body: { code: "PGRST202", message: `no recorded answer for ${url.pathname} ${JSON.stringify(body)}` },
      };
      return new Response(JSON.stringify(answer), { status, headers });
    }, seen).pledgers;

  it("reads the pledge whole through pledger_view, with the change and the address waiting", async () => {
    const view = await recordedOnly().view(reference);
    expect(view?.record).toMatchObject({ reference, status: "approved", contact_email: address, history: [{}] });
    expect(view?.record).not.toHaveProperty("waiting");
    expect(view?.waiting).toEqual(waiting);
    expect(view?.waitingEmail).toBe(newAddress);
    expect(await recordedOnly().view(unknownReference)).toBeUndefined();
  });

  it("asks for a change through pledger_change_pledge with the fields and the contact name, and reads its outcome", async () => {
    const seen: Request[] = [];
    const pledgers = recordedOnly(seen);
    expect(await pledgers.requestChange(reference, { fields, contactName: "Sam Baker" })).toBe("waiting");
    expect(await pledgers.requestChange(unknownReference, { fields, contactName: "Sam Baker" })).toBe("refused");
    expect(seen[0]?.method).toBe("POST");
    expect(seen[0]?.headers.get("authorization")).toBe(`Bearer ${key}`);
  });

  it("reports the table's refusal of a change as a refusal of the field, without the row's details", async () => {
    const failure = recordedOnly().requestChange(reference, {
      fields: { ...fields, ward: null },
      contactName: "Sam Baker",
    });
    await expect(failure).rejects.toBeInstanceOf(StorageRefusalError);
    await expect(failure).rejects.toMatchObject({ column: "ward" });
    await expect(failure).rejects.not.toThrow(address);
  });

  it("asks for a code to a new address through pledger_request_address_change, and reads none as none", async () => {
    const pledgers = recordedOnly();
    expect(await pledgers.requestAddressChange(reference, newAddress)).toEqual({
      reference,
      new_email: newAddress,
      code: "4KX9TQ",
    });
    expect(await pledgers.requestAddressChange(unknownReference, newAddress)).toBeUndefined();
    const failure = pledgers.requestAddressChange(reference, "not an address");
    await expect(failure).rejects.toBeInstanceOf(StorageRefusalError);
    await expect(failure).rejects.toMatchObject({ column: "contact_email" });
  });

  it("confirms the new address through pledger_confirm_address_change, and reports an address taken meanwhile as refused", async () => {
    const pledgers = recordedOnly();
    expect(await pledgers.confirmAddressChange(reference, "4KX9TQ")).toEqual({
      outcome: "confirmed",
      previous_email: address,
    });
    expect(await pledgers.confirmAddressChange(reference, "4KX9TR")).toEqual({
      outcome: "refused",
      previous_email: null,
    });
    const failure = pledgers.confirmAddressChange(reference, "7MN3PD");
    await expect(failure).rejects.toBeInstanceOf(StorageRefusalError);
    await expect(failure).rejects.toThrow(/pledges_one_live_pledge_per_organisation_and_email/);
    await expect(failure).rejects.not.toThrow(address);
  });

  it("asks for the manage link through pledger_request_manage_link, and reads none as none", async () => {
    const pledgers = recordedOnly();
    expect(await pledgers.requestManageLink(reference, address)).toEqual({ reference, contact_email: address });
    expect(await pledgers.requestManageLink(reference, newAddress)).toBeUndefined();
  });

  it("reads the subject access copy from pledger_subject_access, and none for no pledge", async () => {
    const pledgers = recordedOnly();
    expect(await pledgers.subjectAccess(reference)).toEqual(subjectAccessCopy);
    expect(await pledgers.subjectAccess(unknownReference)).toBeUndefined();
  });

  const pledgerCalls: Record<string, (pledgers: SupabaseStore["pledgers"]) => Promise<unknown>> = {
    view: (pledgers) => pledgers.view(reference),
    requestChange: (pledgers) => pledgers.requestChange(reference, { fields, contactName: "Sam Baker" }),
    requestAddressChange: (pledgers) => pledgers.requestAddressChange(reference, newAddress),
    confirmAddressChange: (pledgers) => pledgers.confirmAddressChange(reference, "4KX9TQ"),
    requestManageLink: (pledgers) => pledgers.requestManageLink(reference, address),
    subjectAccess: (pledgers) => pledgers.subjectAccess(reference),
  };

  it.each(Object.keys(pledgerCalls))(
    "reports a database PostgREST cannot reach, to %s, as unavailable",
    async (name) => {
      const { status, headers, body } = databaseDown;
      const pledgers = storeAnswering(async () => new Response(JSON.stringify(body), { status, headers })).pledgers;
      await expect((pledgerCalls[name] as (typeof pledgerCalls)[string])(pledgers)).rejects.toBeInstanceOf(
        StorageUnavailableError,
      );
    },
  );

  it.each(Object.keys(pledgerCalls))("reports no answer at all, to %s, as unavailable, and asks once", async (name) => {
    const seen: Request[] = [];
    const pledgers = storeAnswering(async () => {
      throw new TypeError("fetch failed");
    }, seen).pledgers;
    await expect((pledgerCalls[name] as (typeof pledgerCalls)[string])(pledgers)).rejects.toBeInstanceOf(
      StorageUnavailableError,
    );
    expect(seen).toHaveLength(1);
  });
});

describe("the Supabase adapter's check-ins", () => {
  /** A PostgREST that knows only the recorded exchanges: any other request is answered 404, failing the call. */
  const recordedOnly = (seen: Request[] = []) =>
    storeAnswering(async (request) => {
      const url = new URL(request.url);
      const body = await request.json();
      const exchange = Object.values(checkInExchanges).find(
        (candidate: Exchange) =>
          candidate.request.path === url.pathname && isDeepStrictEqual(candidate.request.body, body),
      );
      const {
        status,
        headers,
        body: answer,
      } = exchange?.response ?? {
        status: 404,
        headers: {},
        body: { code: "PGRST202", message: `no recorded answer for ${url.pathname} ${JSON.stringify(body)}` },
      };
      return new Response(JSON.stringify(answer), { status, headers });
    }, seen).checkIns;

  it("reads a pledge's commitments through pledger_check_in_commitments, with its name, and none as none", async () => {
    const checkIns = recordedOnly();
    expect(await checkIns.commitmentsFor(checkInReference)).toEqual({
      name: "Fairlands Bakery",
      commitments: checkInCommitments,
    });
    expect(await checkIns.commitmentsFor(unknownCheckInReference)).toBeUndefined();
  });

  it("sends the answers through pledger_submit_check_in with the service role key, and reads stored or refused", async () => {
    const seen: Request[] = [];
    const checkIns = recordedOnly(seen);
    expect(await checkIns.submitCheckIn(checkInReference, checkInAnswers)).toBe("stored");
    expect(await checkIns.submitCheckIn(unknownCheckInReference, checkInAnswers)).toBe("refused");
    expect(seen[0]?.method).toBe("POST");
    expect(seen[0]?.headers.get("authorization")).toBe(`Bearer ${key}`);
  });

  it("reports the tables' refusals of an answer as refusals, without the row's details", async () => {
    const checkIns = recordedOnly();
    const [first] = checkInAnswers;
    if (!first) throw new Error("no answer");
    const bad = checkIns.submitCheckIn(checkInReference, [{ ...first, evidence_url: "javascript:alert(1)" }]);
    await expect(bad).rejects.toBeInstanceOf(StorageRefusalError);
    await expect(bad).rejects.toThrow(/check_in_answers_evidence_url_check/);
    await expect(bad).rejects.not.toThrow(/sam@example\.com/);
    const other = checkIns.submitCheckIn(checkInReference, [
      { ...first, commitment_id: "1a2b3c4d-0000-4000-8000-00000000ffff" },
    ]);
    await expect(other).rejects.toBeInstanceOf(StorageRefusalError);
    await expect(other).rejects.toThrow(/check_in_answers_commitment_id_pledge_id_fkey/);
  });

  it("claims the e-mails due through claim_due_check_ins", async () => {
    expect(await recordedOnly().claimDueCheckIns(50)).toEqual([
      { reference: checkInReference, contact_email: "sam@example.com", occasion: "6-months" },
    ]);
  });

  it("lists, reads, decides and records check-ins with the session's token and the arguments the database names", async () => {
    const checkIns = recordedOnly();
    expect(await checkIns.checkInsWaiting(officerToken)).toEqual([waitingCheckIn]);
    expect(await checkIns.checkInsFor(officerToken, pledgeId)).toEqual([
      expect.objectContaining({ source: "officer", review: "accepted", evidence_published: true }),
    ]);
    expect(await checkIns.commitmentsOf(officerToken, pledgeId)).toEqual(checkInCommitments);
    expect(await checkIns.decideCheckIn(officerToken, { checkInId, decision: "accept" })).toBe("decided");
    expect(
      await checkIns.decideCheckIn(officerToken, {
        checkInId,
        decision: "reject",
        reason: "The link is another organisation's",
      }),
    ).toBe("decided");
    expect(
      await checkIns.decideCheckIn(officerToken, {
        checkInId: "9d3a5f2b-4c6e-4d7f-8a81-2b3c4d5e6f70",
        decision: "accept-without-evidence",
      }),
    ).toBe("none");
    expect(
      await checkIns.recordCheckIn(officerToken, {
        pledgeId,
        answers: checkInAnswers,
        statement: "Taken by phone with the manager",
      }),
    ).toBe("recorded");
    const refused = checkIns.decideCheckIn(officerToken, { checkInId, decision: "reject" });
    await expect(refused).rejects.toBeInstanceOf(StorageRefusalError);
    await expect(refused).rejects.toThrow(/A rejection needs a reason/);
  });

  const checkInCalls: Record<string, (checkIns: SupabaseStore["checkIns"]) => Promise<unknown>> = {
    commitmentsFor: (checkIns) => checkIns.commitmentsFor(checkInReference),
    submitCheckIn: (checkIns) => checkIns.submitCheckIn(checkInReference, checkInAnswers),
    claimDueCheckIns: (checkIns) => checkIns.claimDueCheckIns(50),
    checkInsWaiting: (checkIns) => checkIns.checkInsWaiting(officerToken),
    checkInsFor: (checkIns) => checkIns.checkInsFor(officerToken, pledgeId),
    commitmentsOf: (checkIns) => checkIns.commitmentsOf(officerToken, pledgeId),
    decideCheckIn: (checkIns) => checkIns.decideCheckIn(officerToken, { checkInId, decision: "accept" }),
    recordCheckIn: (checkIns) =>
      checkIns.recordCheckIn(officerToken, { pledgeId, answers: checkInAnswers, statement: "By phone" }),
  };
  const officerCalls = ["checkInsWaiting", "checkInsFor", "commitmentsOf", "decideCheckIn", "recordCheckIn"];

  it.each(officerCalls)("reads the database's 'No officer is signed in' to %s as NotSignedInError", async (name) => {
    const { status, headers, body } = notSignedIn;
    const checkIns = storeAnswering(async () => new Response(JSON.stringify(body), { status, headers })).checkIns;
    await expect((checkInCalls[name] as (typeof checkInCalls)[string])(checkIns)).rejects.toBeInstanceOf(
      NotSignedInError,
    );
  });

  it.each(Object.keys(checkInCalls))(
    "reports a database PostgREST cannot reach, to %s, as unavailable",
    async (name) => {
      const { status, headers, body } = databaseDown;
      const checkIns = storeAnswering(async () => new Response(JSON.stringify(body), { status, headers })).checkIns;
      const failure = (checkInCalls[name] as (typeof checkInCalls)[string])(checkIns);
      await expect(failure).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(failure).rejects.not.toBeInstanceOf(NotSignedInError);
    },
  );

  it.each(Object.keys(checkInCalls))("reports no answer at all, to %s, as unavailable, and asks once", async (name) => {
    const seen: Request[] = [];
    const checkIns = storeAnswering(async () => {
      throw new TypeError("fetch failed");
    }, seen).checkIns;
    await expect((checkInCalls[name] as (typeof checkInCalls)[string])(checkIns)).rejects.toBeInstanceOf(
      StorageUnavailableError,
    );
    expect(seen).toHaveLength(1);
  });
});

describe("the Supabase public wall reader's commitments, check-in dates, impact and former signatories", () => {
  /** A PostgREST on a local port that answers each public read with its recorded rows, and remembers each request. */
  async function postgrest(answer: (path: string) => { status: number; body: unknown }) {
    const seen: { method: string | undefined; url: URL; apikey: string | undefined }[] = [];
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? "/", "http://localhost");
      seen.push({ method: request.method, url, apikey: request.headers.apikey as string | undefined });
      request.resume();
      const { status, body } = answer(url.pathname);
      response.writeHead(status, { "Content-Type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
      seen,
      reader: openPublicWallReader({ kind: "supabase", url, anonKey: "anon-key-for-tests" }),
      close: () => {
        server.closeAllConnections();
        server.close();
      },
    };
  }

  const reads = {
    commitments: (reader: PublicWallReader) => reader.readCommitments(),
    checkInDates: (reader: PublicWallReader) => reader.readCheckInDates(),
    impact: (reader: PublicWallReader) => reader.readImpact(),
    formerSignatories: (reader: PublicWallReader) => reader.readFormerSignatories(),
  };

  it.each(Object.keys(reads) as (keyof typeof reads)[])(
    "reads %s from its function with the anon key, in a fixed order, a page at a time",
    async (name) => {
      const site = await postgrest((path) =>
        path === publicReads[name].path
          ? { status: 200, body: publicRows[name] }
          : { status: 404, body: { code: "PGRST202", message: `no function at ${path}` } },
      );
      try {
        expect(await reads[name](site.reader)).toEqual(publicRows[name]);
        expect(site.seen).toHaveLength(1);
        const [request] = site.seen;
        expect(request).toMatchObject({ method: "POST", apikey: "anon-key-for-tests" });
        expect(request?.url.searchParams.get("order")).toBe(publicReads[name].order);
        expect(request?.url.searchParams.get("offset")).toBe("0");
        expect(request?.url.searchParams.get("limit")).toBe("1000");
      } finally {
        site.close();
      }
    },
  );

  it.each(Object.keys(reads) as (keyof typeof reads)[])(
    "fails the build's read of %s when PostgREST refuses it",
    async (name) => {
      const site = await postgrest(() => ({
        status: 401,
        body: { code: "42501", message: "permission denied for function", details: null, hint: null },
      }));
      try {
        await expect(reads[name](site.reader)).rejects.toThrow(/Supabase refused .*42501/);
      } finally {
        site.close();
      }
    },
  );
});
