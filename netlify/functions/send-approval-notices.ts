/**
 * Every 5 minutes: e-mails pledgers whose pledges were approved since the last run, including
 * approvals made in Supabase Studio or SQL, which no other code sees happen.
 */
import type { Config } from "@netlify/functions";
import { readConfig, siteUrlFor } from "../../src/config.ts";
import { sendApprovalNotices } from "../../src/notify/approval-notices.ts";
import { openPledgeNotices } from "../../src/notify/choose-mailer.ts";
import { openStore } from "../../src/storage/choose-store.ts";

const settings = readConfig();

export default async () => {
  const result = await sendApprovalNotices(
    await openStore(settings.serverStore),
    await openPledgeNotices(settings, settings.requiredTokenSecret, siteUrlFor(settings)),
  );
  console.info(JSON.stringify({ event: "send-approval-notices", ...result }));
  return new Response(JSON.stringify(result), { headers: { "Content-Type": "application/json" } });
};

export const config: Config = { schedule: "*/5 * * * *" };
