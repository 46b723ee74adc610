/**
 * POST /api/pledge — the HTTP edge of the pledge journey. It reads the request, hands the answers
 * to the pledge service, and turns each outcome into one status code: JSON for the enhanced form,
 * pages and redirects for a plain HTML form post. GET /api/pledge shows the confirmation the
 * form's redirect names, and sends a reload or a bookmark of a form post back to /pledge/.
 */
import type { Config, Context } from "@netlify/functions";
import { createPledgeHandler } from "../../src/pledge-http/pledge-handler.ts";
import { productionDependencies } from "../../src/pledge-http/production-dependencies.ts";

export default createPledgeHandler(productionDependencies());

export const config: Config = {
  path: "/api/pledge",
  // GET too: without it Netlify answers a reload of a form post with the site's 404 page.
  method: ["GET", "POST"],
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ["ip", "domain"] },
};

export type { Context };
