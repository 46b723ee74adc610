/**
 * GET/HEAD/POST /api/check-in — a pledger checking in on their approved pledge from the link in a
 * check-in e-mail: opening it shows the form, sending the form stores the answers for an officer.
 */
import type { Config } from "@netlify/functions";
import { createCheckInHandler } from "../../src/pledge-http/check-in-handler.ts";
import { checkInDependencies } from "../../src/pledge-http/production-dependencies.ts";

export default createCheckInHandler(checkInDependencies());

export const config: Config = {
  path: "/api/check-in",
  method: ["GET", "POST"],
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
