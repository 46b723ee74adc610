/**
 * POST /api/pledge — the HTTP edge of the pledge journey. It reads the request, hands the answers
 * to the pledge service, and turns each outcome into one status code: JSON for the enhanced form,
 * pages and redirects for a plain HTML form post.
 */
import type { Config, Context } from "@netlify/functions";
import { createPledgeHandler } from "../../src/pledge-http/pledge-handler.ts";
import { productionDependencies } from "../../src/pledge-http/production-dependencies.ts";

export default createPledgeHandler(productionDependencies());

export const config: Config = {
  path: "/api/pledge",
  method: "POST",
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ["ip", "domain"] },
};

export type { Context };
