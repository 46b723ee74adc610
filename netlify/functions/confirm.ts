/**
 * GET/HEAD/POST /api/confirm — a pledger confirming their pledge: from the link in the e-mail
 * (opening it shows a page; only its button's POST confirms) or with the code typed on
 * /pledge/confirm/, or asking for a new code.
 */
import type { Config } from "@netlify/functions";
import { createConfirmHandler } from "../../src/pledge-http/confirm-handler.ts";
import { confirmDependencies } from "../../src/pledge-http/production-dependencies.ts";

export default createConfirmHandler(confirmDependencies());

export const config: Config = {
  path: "/api/confirm",
  method: ["GET", "POST"],
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
