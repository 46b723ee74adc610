/**
 * Every 5 minutes: e-mails pledgers whose pledges were approved since the last run, including
 * approvals made in Supabase Studio or SQL, which no other code sees happen.
 */
import type { Config } from "@netlify/functions";
import { sendApprovalNotices } from "../../src/notify/approval-notices.ts";
import { openPledgeNoticesFromEnv } from "../../src/notify/choose-mailer.ts";
import { runtimeEnv } from "../../src/runtime-env.ts";
import { openStore, storeChoiceFrom } from "../../src/storage/choose-store.ts";

export default async () => {
  const result = await sendApprovalNotices(
    await openStore(storeChoiceFrom(runtimeEnv)),
    await openPledgeNoticesFromEnv(runtimeEnv),
  );
  console.info(JSON.stringify({ event: "send-approval-notices", ...result }));
  return new Response(JSON.stringify(result), { headers: { "Content-Type": "application/json" } });
};

export const config: Config = { schedule: "*/5 * * * *" };
