/**
 * Every day: claims the check-in e-mails now due (6 and 12 months after approval, the pledge's
 * target date, then yearly) and sends each approved pledger the link to check in, once per occasion.
 */
import type { Config } from "@netlify/functions";
import { checkInSending } from "../../src/pledge-http/production-dependencies.ts";

const send = checkInSending();

export default async () => {
  const result = await send();
  console.info(JSON.stringify({ event: "send-check-ins", ...result }));
  return new Response(JSON.stringify(result), { headers: { "Content-Type": "application/json" } });
};

export const config: Config = { schedule: "@daily" };
