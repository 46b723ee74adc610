/**
 * Wires the pledge and withdrawal functions for real use from their environment: which database,
 * the token secret, e-mail, the rate limits and the origins allowed to post. Read once, when the function loads.
 */
import charter from "../../content/charter.json" with { type: "json" };
import { openPledgeNotices } from "../notify/choose-mailer.ts";
import type { PledgeNotices } from "../notify/pledge-notices.ts";
import { createPledgeService } from "../pledge/pledge-service.ts";
import { RateLimiter } from "../pledge/rate-limit.ts";
import { type Env, runtimeEnv } from "../runtime-env.ts";
import { openQueue, queueChoiceFrom } from "../storage/choose-queue.ts";
import { openStore, storeChoiceFrom } from "../storage/choose-store.ts";
import { tokenSecret } from "../token-secret.ts";
import type { PledgeAttemptHandler, PledgeHandlerDeps } from "./pledge-handler.ts";
import type { WithdrawHandlerDeps } from "./withdraw-handler.ts";

/** Limits per client address; the load tests raise them through the environment. */
export function limitersFrom(env: Env) {
  const number = (name: string, fallback: number) => Number(env(name) ?? fallback);
  return {
    // Checking answers and correcting mistakes: generous, people fix errors.
    checkLimiter: new RateLimiter([{ limit: number("PLEDGE_CHECKS_PER_MINUTE", 30), windowSeconds: 60 }]),
    // Sending: petitions-style, a few a minute from one address (a shared office still works).
    submitLimiter: new RateLimiter([
      { limit: number("PLEDGE_SUBMITS_PER_MINUTE", 5), windowSeconds: 60 },
      { limit: number("PLEDGE_SUBMITS_PER_HOUR", 30), windowSeconds: 3600 },
    ]),
  };
}

/**
 * The address e-mailed links point at. A deployed site has SITE_URL or Netlify's URL; without
 * them (npm start) it is the address the person is using, whatever port the dev server took,
 * but only on this machine: a Host header from elsewhere never chooses where links lead.
 */
export function siteUrlFor(env: Env, requestOrigin: string): string | undefined {
  const configured = env("SITE_URL") ?? env("URL");
  if (configured) return configured;
  const { hostname } = new URL(requestOrigin);
  return ["localhost", "127.0.0.1", "[::1]"].includes(hostname) ? requestOrigin : undefined;
}

export function productionDependencies(env: Env = runtimeEnv): PledgeHandlerDeps {
  const choice = storeChoiceFrom(env);
  const queueChoice = queueChoiceFrom(env);
  const limiters = limitersFrom(env);
  // One service per address links point at: one in production, one per local port in development.
  const services = new Map<string, Promise<PledgeAttemptHandler>>();
  const serviceFor = (siteUrl: string | undefined) => {
    const key = siteUrl ?? "";
    let service = services.get(key);
    if (!service) {
      const envForLinks: Env = (name) => (name === "SITE_URL" && siteUrl ? siteUrl : env(name));
      service = tokenSecret(env, choice).then(async (secret) =>
        createPledgeService({
          store: () => openStore(choice),
          queue: () => openQueue(queueChoice),
          notices: await openPledgeNotices(envForLinks, secret),
          secret,
          charterVersion: charter.version,
          ...limiters,
        }),
      );
      service.catch(() => services.delete(key));
      services.set(key, service);
    }
    return service;
  };
  const handle: PledgeAttemptHandler = async (attempt, origin) =>
    (await serviceFor(siteUrlFor(env, origin)))(attempt, origin);
  return {
    handle,
    allowedOrigins: allowedOriginsFrom(env),
    loadShell: staticPagesLoader(),
  };
}

const allowedOriginsFrom = (env: Env) =>
  (env("ALLOWED_ORIGINS") ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);

/** Pages of the deployed site, each fetched once from the site itself and kept. */
function staticPagesLoader(): (requestUrl: string, path: string) => Promise<string> {
  const pages = new Map<string, Promise<string>>();
  return (requestUrl, path) => {
    let page = pages.get(path);
    if (!page) {
      page = fetch(new URL(path, requestUrl), { signal: AbortSignal.timeout(5000) }).then(async (response) => {
        if (!response.ok) throw new Error(`${path} answered ${response.status}`);
        return response.text();
      });
      // A failed fetch is tried again next time rather than remembered.
      page.catch(() => pages.delete(path));
      pages.set(path, page);
    }
    return page;
  };
}

const staticPageLoader = (path: string) => {
  const load = staticPagesLoader();
  return (requestUrl: string) => load(requestUrl, path);
};

export function withdrawDependencies(env: Env = runtimeEnv): WithdrawHandlerDeps {
  const choice = storeChoiceFrom(env);
  let secret: Promise<string> | undefined;
  let notices: Promise<PledgeNotices> | undefined;
  const secretOnce = () => {
    secret ??= tokenSecret(env, choice);
    return secret;
  };
  return {
    storage: () => openStore(choice),
    secret: secretOnce,
    notices: () => {
      notices ??= secretOnce().then((key) => openPledgeNotices(env, key));
      return notices;
    },
    loadShell: staticPageLoader("/pledge/withdraw/"),
    allowedOrigins: allowedOriginsFrom(env),
  };
}
