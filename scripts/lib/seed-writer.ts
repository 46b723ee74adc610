/**
 * How the seed stores its pledges: a thousand at a time, in one transaction, where the store
 * speaks SQL (the embedded database and PostgreSQL). Each pledge still goes through
 * submit_pledge and each status through set_pledge_status, so the database's own rules, its
 * history and its approval notices apply as they would to a real pledge; only the round trips
 * and the commits go, three statements a batch instead of three a pledge. The pledges of a batch
 * share one decision time (now() is the transaction's), so the wall orders them by id.
 * A store reached only through its API (Supabase) is written one pledge at a time. With
 * --history, pledges' pasts are written afterwards (historyWriterFor).
 */

import type { Storage } from "../../src/storage/choose-any-store.ts";
import type { CommitmentStatus } from "../../src/storage/commitment-store.ts";
import { PgliteStore } from "../../src/storage/pglite-store.ts";
import type { NewPledge, PledgeStatus } from "../../src/storage/pledge-store.ts";
import { PostgresStore } from "../../src/storage/postgres-store.ts";

export interface SeedPledge {
  pledge: NewPledge;
  /** Where the pledge ends up; a withdrawn pledge is approved first, as a real one must be. */
  status: PledgeStatus;
}

/** Writes a batch and gives the reference of each of its pledges stored (none for a duplicate of one already there). */
export type SeedWriter = (batch: SeedPledge[]) => Promise<(string | undefined)[]>;

export const seedBatchSize = 1000;

type Query = <Row>(sql: string, params: unknown[]) => Promise<Row[]>;
type InTransaction = <Result>(work: (query: Query) => Promise<Result>) => Promise<Result>;

const actor = "seed";

/** The statuses a batch is moved through, in order: a pledge is withdrawn only once approved. */
const steps = (status: PledgeStatus): PledgeStatus[] =>
  status === "withdrawn" ? ["approved", "withdrawn"] : status === "pending" ? [] : [status];

function batchedWriter(inTransaction: InTransaction): SeedWriter {
  return (batch) =>
    inTransaction(async (query) => {
      const outcomes = await query<{ outcome: string; reference: string }>(
        `select s.outcome, s.reference
           from jsonb_array_elements($1::jsonb) with ordinality as given (pledge, n)
           cross join lateral public.submit_pledge(given.pledge) as s
          order by given.n`,
        [JSON.stringify(batch.map((item) => item.pledge))],
      );
      const created = outcomes.map((row) => (row.outcome === "created" ? row.reference : undefined));
      for (const step of [0, 1]) {
        const changes = batch.flatMap((item, index) => {
          const status = steps(item.status)[step];
          const reference = created[index];
          return status && reference ? [{ reference, status }] : [];
        });
        if (changes.length === 0) continue;
        await query(
          `select count(*)
             from jsonb_to_recordset($1::jsonb) as change (reference text, status public.pledge_status)
             join public.pledges as p on p.reference = change.reference
             cross join lateral public.set_pledge_status(p.id, change.status, $2, $2) as s`,
          [JSON.stringify(changes), actor],
        );
      }
      return created;
    });
}

function oneAtATimeWriter(storage: Storage): SeedWriter {
  return async (batch) => {
    const created: (string | undefined)[] = [];
    for (const { pledge, status } of batch) {
      const outcome = await storage.submit(pledge);
      const record = outcome.outcome === "created" ? await storage.show(outcome.reference) : undefined;
      created.push(record?.reference);
      if (!record) continue;
      for (const step of steps(status)) await storage.setStatus({ id: record.id, status: step, actor, reason: actor });
    }
    return created;
  };
}

/** The database owner's transaction on a store the seed reaches with SQL, or none for one reached only through its API. */
function ownerTransaction(storage: Storage): InTransaction | undefined {
  if (storage instanceof PgliteStore) return (work) => storage.db.transaction((tx) => work(queryOn(tx)));
  if (storage instanceof PostgresStore) {
    return async (work) => {
      const client = await storage.pool.connect();
      try {
        await client.query("begin");
        await client.query("set local role postgres");
        await client.query("set local statement_timeout = 0");
        const result = await work(async (sql, params) => (await client.query(sql, params)).rows);
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    };
  }
  return undefined;
}

const queryOn =
  (tx: { query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }> }): Query =>
  async (sql, params) =>
    (await tx.query(sql, params)).rows as never[];

/**
 * A pledge's past, for --history: when it was approved, and withdrawn if it was, and its
 * check-ins in the order they came, each answering its commitments by action (null for the own
 * words).
 */
export interface SeedHistory {
  reference: string;
  approvedAt: string;
  withdrawnAt: string | null;
  checkIns: SeedCheckIn[];
}

export interface SeedCheckIn {
  source: "pledger" | "officer";
  submittedAt: string;
  review: "waiting" | "accepted" | "rejected";
  /** An acceptance: with its evidence links and notes, or its statuses only. */
  withEvidence: boolean;
  reviewedAt: string | null;
  reason: string | null;
  statement: string | null;
  answers: { action_id: string | null; status: CommitmentStatus; evidence_url: string | null; note: string | null }[];
}

export type HistoryWriter = (histories: SeedHistory[]) => Promise<void>;

/**
 * Writes pledges' pasts as the database owner, a batch a transaction. Approval and withdrawal
 * are moved back to their dates, with the pledges' and their commitments' first histories: the
 * only writes that pass the append-only rule, which session_replication_role suspends for the
 * transaction (so --history needs the database's owner, as the embedded database and a local
 * PostgreSQL give it). Each round of check-ins is then stored as it came and an accepted one
 * published through the database's own publish_check_in at the time it was accepted, so the
 * commitments' statuses, evidence and history follow the same rules as an officer's acceptance.
 * None for a store reached only through its API (Supabase).
 */
export function historyWriterFor(storage: Storage): HistoryWriter | undefined {
  const inTransaction = ownerTransaction(storage);
  if (!inTransaction) return undefined;
  return (histories) =>
    inTransaction(async (query) => {
      await query("set local session_replication_role = replica", []);
      await query(
        `with given as (
           select p.id, h.approved_at, h.withdrawn_at
           from jsonb_to_recordset($1::jsonb) as h (reference text, approved_at timestamptz, withdrawn_at timestamptz)
           join public.pledges as p on p.reference = h.reference
         ),
         pledges as (
           update public.pledges as p
           set decided_at = coalesce(g.withdrawn_at, g.approved_at),
               created_at = g.approved_at - interval '3 days',
               privacy_acknowledged_at = g.approved_at - interval '3 days',
               approval_noticed_at = g.approved_at
           from given as g where p.id = g.id
         ),
         history as (
           update public.pledge_status_changes as c
           set changed_at = case c.to_status
             when 'approved' then g.approved_at
             when 'withdrawn' then g.withdrawn_at
             else g.approved_at - interval '3 days'
           end
           from given as g where c.pledge_id = g.id
         ),
         commitments as (
           update public.commitments as c set status_since = g.approved_at
           from given as g where c.pledge_id = g.id
         )
         update public.commitment_status_changes as h
         set changed_at = g.approved_at, recorded_at = g.approved_at
         from public.commitments as c join given as g on g.id = c.pledge_id
         where h.commitment_id = c.id`,
        [
          JSON.stringify(
            histories.map((history) => ({
              reference: history.reference,
              approved_at: history.approvedAt,
              withdrawn_at: history.withdrawnAt,
            })),
          ),
        ],
      );
      await query("set local session_replication_role = origin", []);
      const rounds = Math.max(0, ...histories.map((history) => history.checkIns.length));
      for (let round = 0; round < rounds; round++) {
        const checkIns = histories.flatMap((history) => {
          const checkIn = history.checkIns[round];
          return checkIn ? [{ ...checkIn, id: crypto.randomUUID(), reference: history.reference }] : [];
        });
        await query(
          `with given as (
             select k.*, p.id as pledge_id
             from jsonb_to_recordset($1::jsonb) as k (
               id uuid, reference text, source text, "submittedAt" timestamptz, review text, "withEvidence" boolean,
               "reviewedAt" timestamptz, reason text, statement text, answers jsonb
             )
             join public.pledges as p on p.reference = k.reference
           ),
           stored as (
             insert into public.check_ins (
               id, pledge_id, source, submitted_at, review, evidence_published, reviewed_at, reviewed_by, reason, statement
             )
             select g.id, g.pledge_id, g.source, g."submittedAt", g.review,
               case when g.review = 'accepted' then g."withEvidence" end, g."reviewedAt",
               case when g.review <> 'waiting' then $2 end, g.reason, g.statement
             from given as g
             returning id
           )
           insert into public.check_in_answers (check_in_id, pledge_id, commitment_id, status, evidence_url, note)
           select g.id, c.pledge_id, c.id, a.status, a.evidence_url, a.note
           from given as g
           join stored as s on s.id = g.id
           cross join lateral jsonb_to_recordset(g.answers) as a (
             action_id text, status public.commitment_status, evidence_url text, note text
           )
           join public.commitments as c on c.pledge_id = g.pledge_id and c.action_id is not distinct from a.action_id`,
          [JSON.stringify(checkIns), actor],
        );
        await query(
          `select public.publish_check_in(k.id, k.evidence_published, k.reviewed_at)
           from public.check_ins as k
           where k.id = any($1::uuid[]) and k.review = 'accepted'`,
          [checkIns.map((checkIn) => checkIn.id)],
        );
      }
    });
}

export function seedWriterFor(storage: Storage): SeedWriter {
  if (storage instanceof PgliteStore) {
    return batchedWriter((work) =>
      storage.db.transaction(async (tx) => {
        await tx.exec("set local role service_role");
        return work(async (sql, params) => (await tx.query(sql, params)).rows as never[]);
      }),
    );
  }
  if (storage instanceof PostgresStore) {
    return batchedWriter(async (work) => {
      const client = await storage.pool.connect();
      try {
        await client.query("begin");
        // Asked again here: the embedded database served by npm start ignores the role given
        // at connection start. A thousand pledges take longer than the 4 s a request is allowed.
        await client.query("set local role service_role");
        await client.query("set local statement_timeout = 0");
        const result = await work(async (sql, params) => (await client.query(sql, params)).rows);
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    });
  }
  return oneAtATimeWriter(storage);
}
