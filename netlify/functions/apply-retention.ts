/**
 * Every day: reminds, once, the authors of pledges still unconfirmed, deletes the pledges never
 * confirmed, and deletes the contact details the privacy notice says we no longer keep
 * (content/retention.json holds the periods the notice states).
 */
import type { Config } from "@netlify/functions";
import retention from "../../content/retention.json" with { type: "json" };
import { readConfig, siteUrlFor } from "../../src/config.ts";
import { openPledgeNotices } from "../../src/notify/choose-mailer.ts";
import { remindAndDeleteUnconfirmed } from "../../src/pledge/unconfirmed-pledges.ts";
import { openStore } from "../../src/storage/choose-store.ts";

const settings = readConfig();

export default async () => {
  const storage = await openStore(settings.serverStore);
  const notices = await openPledgeNotices(settings, settings.requiredTokenSecret, siteUrlFor(settings));
  const unconfirmed = await remindAndDeleteUnconfirmed(storage, notices, retention);
  const erased = await storage.applyRetention(retention);
  const report = { erased, ...unconfirmed };
  console.info(JSON.stringify({ event: "apply-retention", ...report }));
  return new Response(JSON.stringify(report), { headers: { "Content-Type": "application/json" } });
};

export const config: Config = { schedule: "@daily" };
