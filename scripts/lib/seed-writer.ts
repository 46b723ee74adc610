/**
 * How the seed stores its pledges: a thousand at a time, in one transaction, where the store
 * speaks SQL (the embedded database and PostgreSQL). Each pledge still goes through
 * submit_pledge and each status through set_pledge_status, so the database's own rules, its
 * history and its approval notices apply as they would to a real pledge; only the round trips
 * and the commits go, three statements a batch instead of three a pledge. The pledges of a batch
 * share one decision time (now() is the transaction's), so the wall orders them by id.
 * A store reached only through its API (Supabase) is written one pledge at a time.
 */

import type { Storage } from "../../src/storage/choose-any-store.ts";
import { PgliteStore } from "../../src/storage/pglite-store.ts";
import type { NewPledge, PledgeStatus } from "../../src/storage/pledge-store.ts";
import { PostgresStore } from "../../src/storage/postgres-store.ts";

export interface SeedPledge {
  pledge: NewPledge;
  /** Where the pledge ends up; a withdrawn pledge is approved first, as a real one must be. */
  status: PledgeStatus;
}

/** Writes a batch and says which of its pledges were stored (a duplicate of one already there is not). */
export type SeedWriter = (batch: SeedPledge[]) => Promise<boolean[]>;

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
      const created = outcomes.map((row) => row.outcome === "created");
      for (const step of [0, 1]) {
        const changes = batch.flatMap((item, index) => {
          const status = steps(item.status)[step];
          const reference = outcomes[index]?.reference;
          return created[index] && status && reference ? [{ reference, status }] : [];
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
    const created: boolean[] = [];
    for (const { pledge, status } of batch) {
      const outcome = await storage.submit(pledge);
      const record = outcome.outcome === "created" ? await storage.show(outcome.reference) : undefined;
      created.push(record !== undefined);
      if (!record) continue;
      for (const step of steps(status)) await storage.setStatus({ id: record.id, status: step, actor, reason: actor });
    }
    return created;
  };
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
