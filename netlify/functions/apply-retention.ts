/**
 * Every day: deletes the contact details the privacy notice says we no longer keep
 * (content/retention.json holds the periods the notice states).
 */
import type { Config } from "@netlify/functions";
import retention from "../../content/retention.json" with { type: "json" };
import { readConfig } from "../../src/config.ts";
import { openStore } from "../../src/storage/choose-store.ts";

const settings = readConfig();

export default async () => {
  const erased = await (await openStore(settings.serverStore)).applyRetention(retention);
  console.info(JSON.stringify({ event: "apply-retention", erased }));
  return new Response(JSON.stringify({ erased }), { headers: { "Content-Type": "application/json" } });
};

export const config: Config = { schedule: "@daily" };
