/**
 * Every 5 minutes: writes pledges that were queued while the database was unreachable, exactly
 * once each (their idempotency keys make a repeat a replay). Also keeps a Supabase project on the
 * free plan awake, which pauses after 7 days without activity.
 */
import type { Config } from "@netlify/functions";
import { openPledgeNoticesFromEnv } from "../../src/notify/choose-mailer.ts";
import { drainQueue } from "../../src/pledge/queue-drain.ts";
import { runtimeEnv } from "../../src/runtime-env.ts";
import { openQueue, queueChoiceFrom } from "../../src/storage/choose-queue.ts";
import { openStore, storeChoiceFrom } from "../../src/storage/choose-store.ts";

export default async () => {
  const result = await drainQueue(
    await openQueue(queueChoiceFrom(runtimeEnv)),
    await openStore(storeChoiceFrom(runtimeEnv)),
    // Receipts for queued pledges go out once they are stored, with their reference.
    await openPledgeNoticesFromEnv(runtimeEnv),
  );
  console.info(JSON.stringify({ event: "drain-pledge-queue", ...result }));
  return new Response(JSON.stringify(result), { headers: { "Content-Type": "application/json" } });
};

export const config: Config = { schedule: "*/5 * * * *" };
