/**
 * Wires the pledge journey's functions for real use from the configuration: which database,
 * the token secret, e-mail, the rate limits and the origins allowed to post. The configuration is
 * read once, when the function loads; a store or secret it lacks fails the first request that
 * needs it, naming the setting.
 */
import charter from "../../content/charter.json" with { type: "json" };
import { type Config, type RateLimits, readConfig, siteUrlFor } from "../config.ts";
import { openPledgeNotices } from "../notify/choose-mailer.ts";
import type { PledgeNotices } from "../notify/pledge-notices.ts";
import { type CheckInService, createCheckInService, sendDueCheckIns } from "../pledge/check-in-service.ts";
import { type ConfirmationService, createConfirmationService } from "../pledge/confirmation-service.ts";
import { createManageService, type ManageService } from "../pledge/manage-service.ts";
import { createPledgeService } from "../pledge/pledge-service.ts";
import { RateLimiter } from "../pledge/rate-limit.ts";
import { openQueue } from "../storage/choose-queue.ts";
import { openStore } from "../storage/choose-store.ts";
import type { CheckInHandlerDeps } from "./check-in-handler.ts";
import type { ConfirmHandlerDeps } from "./confirm-handler.ts";
import type { ManageHandlerDeps } from "./manage-handler.ts";
import type { PledgeAttemptHandler, PledgeHandlerDeps } from "./pledge-handler.ts";
import type { WithdrawHandlerDeps } from "./withdraw-handler.ts";

/** Limits per client address; the load tests raise them through the environment. */
export function limitersFrom(limits: RateLimits) {
  return {
    // Checking answers and correcting mistakes: generous, people fix errors.
    checkLimiter: new RateLimiter([{ limit: limits.checksPerMinute, windowSeconds: 60 }]),
    // Sending: petitions-style, a few a minute from one address (a shared office still works).
    submitLimiter: new RateLimiter([
      { limit: limits.submitsPerMinute, windowSeconds: 60 },
      { limit: limits.submitsPerHour, windowSeconds: 3600 },
    ]),
  };
}

export function productionDependencies(config: Config = readConfig()): PledgeHandlerDeps {
  const limiters = limitersFrom(config.rateLimits);
  // One service per address links point at: one in production, one per local port in development.
  const services = new Map<string, Promise<PledgeAttemptHandler>>();
  const serviceFor = (siteUrl: string) => {
    let service = services.get(siteUrl);
    if (!service) {
      service = (async () => {
        const secret = config.requiredTokenSecret;
        return createPledgeService({
          store: () => openStore(config.serverStore),
          queue: () => openQueue(config.queue),
          notices: await openPledgeNotices(config, secret, siteUrl),
          secret,
          charterVersion: charter.version,
          ...limiters,
        });
      })();
      service.catch(() => services.delete(siteUrl));
      services.set(siteUrl, service);
    }
    return service;
  };
  const handle: PledgeAttemptHandler = async (attempt, origin) =>
    (await serviceFor(siteUrlFor(config, origin) ?? siteUrlFor(config)))(attempt, origin);
  return {
    handle,
    allowedOrigins: [...config.allowedOrigins],
    loadShell: staticPagesLoader(),
  };
}

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

export function withdrawDependencies(config: Config = readConfig()): WithdrawHandlerDeps {
  let notices: Promise<PledgeNotices> | undefined;
  const secret = async () => config.requiredTokenSecret;
  return {
    storage: () => openStore(config.serverStore),
    secret,
    notices: () => {
      notices ??= secret().then((key) => openPledgeNotices(config, key, siteUrlFor(config)));
      return notices;
    },
    loadShell: staticPageLoader("/pledge/withdraw/"),
    allowedOrigins: [...config.allowedOrigins],
  };
}

/** The confirm function: the same database and e-mails, with its own limits per network. */
export function confirmDependencies(config: Config = readConfig()): ConfirmHandlerDeps {
  let service: Promise<ConfirmationService> | undefined;
  // A few guesses at a 6-character code per minute, and a few new codes an hour, per network.
  const guessLimiter = new RateLimiter([
    { limit: 10, windowSeconds: 60 },
    { limit: 50, windowSeconds: 3600 },
  ]);
  const resendLimiter = new RateLimiter([{ limit: 10, windowSeconds: 3600 }]);
  return {
    service: () => {
      service ??= (async () => {
        const secret = config.requiredTokenSecret;
        return createConfirmationService({
          store: () => openStore(config.serverStore),
          notices: await openPledgeNotices(config, secret, siteUrlFor(config)),
          secret,
          guessLimiter,
          resendLimiter,
        });
      })();
      service.catch(() => {
        service = undefined;
      });
      return service;
    },
    loadShell: staticPageLoader("/pledge/confirm/"),
    allowedOrigins: [...config.allowedOrigins],
  };
}

/** The manage function: the same database and e-mails, with its own limits per network. */
export function manageDependencies(config: Config = readConfig()): ManageHandlerDeps {
  let service: Promise<ManageService> | undefined;
  // As for confirming: a few guesses at a new address's code, a few links asked for, per network.
  const codeLimiter = new RateLimiter([
    { limit: 10, windowSeconds: 60 },
    { limit: 50, windowSeconds: 3600 },
  ]);
  const linkLimiter = new RateLimiter([{ limit: 10, windowSeconds: 3600 }]);
  return {
    service: () => {
      service ??= (async () => {
        const secret = config.requiredTokenSecret;
        return createManageService({
          store: () => openStore(config.serverStore),
          notices: await openPledgeNotices(config, secret, siteUrlFor(config)),
          secret,
          codeLimiter,
          linkLimiter,
        });
      })();
      service.catch(() => {
        service = undefined;
      });
      return service;
    },
    loadShell: staticPageLoader("/pledge/manage/"),
    allowedOrigins: [...config.allowedOrigins],
  };
}

/** The check-in function: the same database; the link's key is all it needs. */
export function checkInDependencies(config: Config = readConfig()): CheckInHandlerDeps {
  let service: Promise<CheckInService> | undefined;
  return {
    service: () => {
      service ??= (async () =>
        createCheckInService({ store: () => openStore(config.serverStore), secret: config.requiredTokenSecret }))();
      service.catch(() => {
        service = undefined;
      });
      return service;
    },
    loadShell: staticPageLoader("/pledge/check-in/"),
    allowedOrigins: [...config.allowedOrigins],
  };
}

/** The daily sending of the check-in e-mails due, for the scheduled function. */
export function checkInSending(config: Config = readConfig()) {
  return async () => {
    const secret = config.requiredTokenSecret;
    const store = await openStore(config.serverStore);
    return sendDueCheckIns(store.checkIns, await openPledgeNotices(config, secret, siteUrlFor(config)));
  };
}
