/**
 * GET/HEAD/POST /api/manage — a pledger's own pledge, from the link in any e-mail about it:
 * seeing it whole, changing it, confirming a new address, downloading what the council holds,
 * and asking for the link again from /pledge/manage/.
 */
import type { Config } from "@netlify/functions";
import { createManageHandler } from "../../src/pledge-http/manage-handler.ts";
import { manageDependencies } from "../../src/pledge-http/production-dependencies.ts";

export default createManageHandler(manageDependencies());

export const config: Config = {
  path: "/api/manage",
  method: ["GET", "POST"],
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
