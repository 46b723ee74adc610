/**
 * GET/POST /api/withdraw — a pledger withdrawing their pledge from the link in their e-mail.
 * Opening the link shows a page with a button; only the button's POST withdraws.
 */
import type { Config } from "@netlify/functions";
import { withdrawDependencies } from "../../src/pledge-http/production-dependencies.ts";
import { createWithdrawHandler } from "../../src/pledge-http/withdraw-handler.ts";

export default createWithdrawHandler(withdrawDependencies());

export const config: Config = {
  path: "/api/withdraw",
  method: ["GET", "POST"],
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
