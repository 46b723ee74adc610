/**
 * Browser tests run against the built site served with the real pledge, confirm, withdraw, manage
 * and check-in functions and an embedded database owned by the test worker, so a test can count
 * exactly what was stored and read the state each pledge is in.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import charter from "../../content/charter.json" with { type: "json" };
import { distDir, type FunctionHandler, startBuiltSiteServer } from "../../scripts/lib/built-site-server.ts";
import { OutboxMailer } from "../../src/notify/outbox-mailer.ts";
import { createPledgeNotices, type PledgeNotices } from "../../src/notify/pledge-notices.ts";
import { createCheckInService } from "../../src/pledge/check-in-service.ts";
import { createConfirmationService } from "../../src/pledge/confirmation-service.ts";
import { createManageService } from "../../src/pledge/manage-service.ts";
import { createPledgeService } from "../../src/pledge/pledge-service.ts";
import { RateLimiter } from "../../src/pledge/rate-limit.ts";
import { createCheckInHandler } from "../../src/pledge-http/check-in-handler.ts";
import { createConfirmHandler } from "../../src/pledge-http/confirm-handler.ts";
import { createManageHandler } from "../../src/pledge-http/manage-handler.ts";
import { createPledgeHandler } from "../../src/pledge-http/pledge-handler.ts";
import { limitersFrom } from "../../src/pledge-http/production-dependencies.ts";
import { createWithdrawHandler } from "../../src/pledge-http/withdraw-handler.ts";
import { openPgliteStore, type PgliteStore } from "../../src/storage/pglite-store.ts";

export interface Site {
  origin: string;
  database: PgliteStore;
  /** Where the site's e-mails go: read them with readOutbox. */
  outbox: string;
  /** The site's e-mails, as its functions and scheduled functions send them, with links to it. */
  notices: PledgeNotices;
  storedPledges(name?: string): Promise<number>;
  /** The status of the pledge with this reference, or undefined when there is none. */
  pledgeStatus(reference: string): Promise<string | undefined>;
  /**
   * The pledge service's clock. Held, it stands still, so a send straight after the check page
   * is "too fast" however slowly a busy machine runs the browser; released, it is the real time.
   */
  clock: { hold(): void; release(): void };
}

export const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

const axeViolations = async (page: Page) =>
  (await new AxeBuilder({ page }).withTags(wcagTags).analyze()).violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`,
  );

export const test = base.extend<
  {
    /** Runs axe with the WCAG 2.2 A and AA rules on the page as it is now; no violation passes. */
    axe: (page: Page) => Promise<void>;
    /** The same for a page shown with JavaScript off: its HTML is checked in a page that can run axe. */
    axeWithoutScripts: (page: Page) => Promise<void>;
  },
  { site: Site }
>({
  site: [
    async ({}, use) => {
      const database = await openPgliteStore();
      let heldAt: number | undefined;
      const outbox = await mkdtemp(join(tmpdir(), "browser-outbox-"));
      const secret = "browser-test-secret";
      // Handlers are looked up per request, so they can be made once the server's address,
      // which the e-mailed links point at, is known.
      const functions: Record<string, FunctionHandler> = {};
      const server = await startBuiltSiteServer({ functions });
      const notices = createPledgeNotices({
        mailer: new OutboxMailer(outbox),
        siteUrl: server.origin,
        secret,
        councilInbox: "council@example.com",
        log: () => {},
      });
      functions["/api/pledge"] = createPledgeHandler({
        handle: createPledgeService({
          store: async () => database,
          notices,
          now: () => heldAt ?? Date.now(),
          secret,
          charterVersion: charter.version,
          // Every browser test comes from 127.0.0.1, more than a person's few pledges a minute;
          // the limits per address are tested in tests/integration.
          ...limitersFrom({ checksPerMinute: 1000, submitsPerMinute: 1000, submitsPerHour: 1000 }),
        }),
        // The form's page or the confirmation page, as the deployed function fetches them.
        loadShell: (_url, path) => readFile(join(distDir, path, "index.html"), "utf8"),
        allowedOrigins: [],
      });
      // Roomy for the same reason as the pledge limits: every journey's guesses and new codes
      // come from 127.0.0.1.
      const roomy = () => new RateLimiter([{ limit: 1000, windowSeconds: 60 }]);
      const confirmations = Promise.resolve(
        createConfirmationService({
          store: async () => database,
          notices,
          secret,
          guessLimiter: roomy(),
          resendLimiter: roomy(),
        }),
      );
      functions["/api/confirm"] = createConfirmHandler({
        service: () => confirmations,
        loadShell: () => readFile(join(distDir, "pledge/confirm/index.html"), "utf8"),
        allowedOrigins: [],
      });
      const manage = Promise.resolve(
        createManageService({
          store: async () => database,
          notices,
          secret,
          codeLimiter: roomy(),
          linkLimiter: roomy(),
        }),
      );
      functions["/api/manage"] = createManageHandler({
        service: () => manage,
        loadShell: () => readFile(join(distDir, "pledge/manage/index.html"), "utf8"),
        allowedOrigins: [],
      });
      const checkIn = Promise.resolve(createCheckInService({ store: async () => database, secret }));
      functions["/api/check-in"] = createCheckInHandler({
        service: () => checkIn,
        loadShell: () => readFile(join(distDir, "pledge/check-in/index.html"), "utf8"),
        allowedOrigins: [],
      });
      functions["/api/withdraw"] = createWithdrawHandler({
        storage: async () => database,
        secret: async () => secret,
        notices: async () => notices,
        loadShell: () => readFile(join(distDir, "pledge/withdraw/index.html"), "utf8"),
        allowedOrigins: [],
      });
      await use({
        clock: {
          hold: () => {
            heldAt = Date.now();
          },
          release: () => {
            heldAt = undefined;
          },
        },
        origin: server.origin,
        database,
        outbox,
        notices,
        storedPledges: async (name) => {
          const { rows } = await database.db.query<{ n: number }>(
            name
              ? "select count(*)::int as n from public.pledges where name = $1"
              : "select count(*)::int as n from public.pledges",
            name ? [name] : [],
          );
          return rows[0]?.n ?? -1;
        },
        pledgeStatus: async (reference) => {
          const { rows } = await database.db.query<{ status: string }>(
            "select status from public.pledges where reference = $1",
            [reference],
          );
          return rows[0]?.status;
        },
      });
      await server.close();
      await database.db.close();
      await rm(outbox, { recursive: true, force: true });
    },
    { scope: "worker", timeout: 60_000 },
  ],
  baseURL: async ({ site }, use) => use(site.origin),
  axe: async ({}, use) => {
    await use(async (page) => expect(await axeViolations(page)).toEqual([]));
  },
  axeWithoutScripts: async ({ browser, site }, use) => {
    const context = await browser.newContext({ javaScriptEnabled: true });
    await use(async (page) => {
      const html = await page.content();
      const checker = await context.newPage();
      // Served from the site's own origin so its stylesheet (and so its colours) apply.
      await checker.route(`${site.origin}/__axe__/`, (route) =>
        route.fulfill({ contentType: "text/html", body: html }),
      );
      await checker.goto(`${site.origin}/__axe__/`);
      expect(await axeViolations(checker)).toEqual([]);
      await checker.close();
    });
    await context.close();
  },
});

export { expect };
