/**
 * npm run seed -- --history on the embedded database: the seeded pledges have a past a local site
 * can chart (approvals over 18 months, accepted check-ins with statuses and evidence, lapses,
 * withdrawals, a few check-ins waiting), every status in it dated as the database's own rules
 * date it, nothing left to e-mail, and the pledges are those the same --seed gives without it.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPgliteStore, type PgliteStore } from "../../../src/storage/pglite-store.ts";

const root = join(import.meta.dirname, "../../..");
const day = 86_400_000;

async function seeded(folder: string, options: string[]) {
  await promisify(execFile)(process.execPath, ["scripts/seed.ts", "--count", "400", "--seed", "7", ...options], {
    cwd: root,
    env: { ...process.env, PGLITE_DATA_DIR: folder, DATABASE_URL: "", SUPABASE_URL: "" },
  });
  return openPgliteStore(folder);
}

describe("seeding with --history", () => {
  let folders: string[] = [];
  let store: PgliteStore;
  let plain: PgliteStore;
  const rows = <T>(sql: string, on: PgliteStore = store) => on.db.query<T>(sql).then((result) => result.rows);

  beforeAll(async () => {
    folders = await Promise.all([0, 1].map(() => mkdtemp(join(tmpdir(), "seed-history-"))));
    store = await seeded(folders[0] ?? "", ["--history"]);
    plain = await seeded(folders[1] ?? "", []);
  }, 120_000);
  afterAll(async () => {
    await store?.db.close();
    await plain?.db.close();
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  });

  it("seeds the same pledges, with the same statuses, as the same --seed without it", async () => {
    const pledges = "select name, kind, ward, actions, listing, status from public.pledges order by name";
    expect(await rows(pledges)).toEqual(await rows(pledges, plain));
  });

  it("spreads the approvals over 18 months, and approves some earlier still that never checked in", async () => {
    const [spread] = await rows<{ oldest: Date; newest: Date; lapsed: number }>(
      `select min(decided_at) as oldest, max(decided_at) as newest,
         count(*) filter (where decided_at < now() - interval '18 months'
           and not exists (select 1 from public.check_ins as k where k.pledge_id = p.id and k.review = 'accepted'))::int
           as lapsed
       from public.pledges as p where status = 'approved'`,
    );
    expect(Date.now() - (spread?.oldest.getTime() ?? 0)).toBeGreaterThan(548 * day);
    expect(Date.now() - (spread?.newest.getTime() ?? 0)).toBeLessThan(60 * day);
    expect(spread?.lapsed).toBeGreaterThan(0);
  });

  it("has check-ins accepted with statuses and evidence, taken by phone, rejected and waiting", async () => {
    const checkIns = await rows<{ kind: string }>(
      "select distinct source || ' ' || review as kind from public.check_ins order by 1",
    );
    expect(checkIns.map((row) => row.kind)).toEqual([
      "officer accepted",
      "pledger accepted",
      "pledger rejected",
      "pledger waiting",
    ]);
    const statuses = await rows<{ status: string; evidenced: number }>(
      "select status, count(evidence_url)::int as evidenced from public.commitments group by status order by status",
    );
    expect(statuses.map((row) => row.status)).toEqual(["planned", "started", "done", "dropped"]);
    expect(statuses.find((row) => row.status === "done")?.evidenced).toBeGreaterThan(0);
  });

  it("dates every status as the history does, each after the approval, and none in the future", async () => {
    const [odd] = await rows<{ n: number }>(
      `select count(*)::int as n from public.commitments as c
       join public.pledges as p on p.id = c.pledge_id
       cross join lateral (
         select h.to_status, h.changed_at from public.commitment_status_changes as h
         where h.commitment_id = c.id order by h.changed_at desc, h.id desc limit 1
       ) as last
       where last.to_status <> c.status or last.changed_at <> c.status_since or c.status_since > now()
         or c.status_since < (select min(s.changed_at) from public.pledge_status_changes as s
                              where s.pledge_id = p.id and s.to_status = 'approved')`,
    );
    expect(odd?.n).toBe(0);
  });

  it("lists the withdrawn as former signatories with dates a year and a half apart at most, and leaves nothing to e-mail", async () => {
    const former = await store.asRole<{ id: string; listed_at: string; withdrawn_at: string }>(
      "anon",
      "select * from public.public_former_signatories()",
    );
    expect(former.length).toBeGreaterThan(0);
    // One row per withdrawn pledge: its id is its badge's address.
    expect(new Set(former.map((row) => row.id)).size).toBe(former.length);
    for (const { listed_at, withdrawn_at } of former) {
      expect(Date.parse(listed_at)).toBeLessThan(Date.parse(withdrawn_at));
      expect(Date.parse(withdrawn_at) - Date.parse(listed_at)).toBeLessThan(549 * day);
    }
    expect(await store.checkIns.claimDueCheckIns(1000)).toEqual([]);
    expect(await store.claimApprovalNotices(1000)).toEqual([]);
  });
});
