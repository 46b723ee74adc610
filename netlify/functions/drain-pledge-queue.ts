/**
 * Every 5 minutes: writes pledges that were queued while the database was unreachable, exactly
 * once each (their idempotency keys make a repeat a replay). Also keeps a Supabase project on the
 * free plan awake, which pauses after 7 days without activity.
 */
import type { Config } from "@netlify/functions";
import { readConfig, siteUrlFor } from "../../src/config.ts";
import { openPledgeNotices } from "../../src/notify/choose-mailer.ts";
import { drainQueue } from "../../src/pledge/queue-drain.ts";
import { openQueue } from "../../src/storage/choose-queue.ts";
import { openStore } from "../../src/storage/choose-store.ts";

const settings = readConfig();

export default async () => {
  const result = await drainQueue(
    await openQueue(settings.queue),
    await openStore(settings.serverStore),
    // Receipts for queued pledges go out once they are stored, with their reference.
    await openPledgeNotices(settings, settings.requiredTokenSecret, siteUrlFor(settings)),
  );
  console.info(JSON.stringify({ event: "drain-pledge-queue", ...result }));
  return new Response(JSON.stringify(result), { headers: { "Content-Type": "application/json" } });
};

export const config: Config = { schedule: "*/5 * * * *" };
