/**
 * Wires the officers' console from the configuration, once per process: the officers' and the
 * check-ins' ports of the server's database, sign-in with codes by e-mail, the pledger's e-mails after a decision on
 * their pledge or on a change to it, and the wall's rebuild state for the overview. Like the
 * pledge function, the console speaks only to Supabase or a PostgreSQL server (under
 * `npm start`, the embedded database it serves).
 */
import charter from "../../content/charter.json" with { type: "json" };
import { readConfig, siteUrlFor } from "../config.ts";
import { sendApprovalNotices } from "../notify/approval-notices.ts";
import { openMailer, openPledgeNotices } from "../notify/choose-mailer.ts";
import { officerCodeSender } from "../notify/officer-notices.ts";
import { createOfficerSignIn } from "../officers/officer-sign-in.ts";
import { createSetAsideReview } from "../officers/set-aside.ts";
import { createPledgeTaking } from "../officers/take-pledge.ts";
import { RateLimiter } from "../pledge/rate-limit.ts";
import { openQueue } from "../storage/choose-queue.ts";
import { openStore } from "../storage/choose-store.ts";
import type { PledgeRecord } from "../storage/pledge-store.ts";
import { openRebuildStateStore } from "../storage/rebuild-state-store.ts";
import type { RebuildState } from "../wall/rebuild-trigger.ts";

function wire() {
  const config = readConfig();
  const storage = () => openStore(config.serverStore);
  const officers = async () => (await storage()).officers;
  const notices = () => openPledgeNotices(config, config.requiredTokenSecret, siteUrlFor(config));
  const checkIns = async () => (await storage()).checkIns;
  return {
    officers,
    checkIns,
    signIn: createOfficerSignIn({
      store: officers,
      sendCode: async (to, code) => officerCodeSender(await openMailer(config.mail.mailer))(to, code),
      // A council office shares one address: enough for every officer, too few to guess a code.
      codeLimiter: new RateLimiter([{ limit: 20, windowSeconds: 3600 }]),
      guessLimiter: new RateLimiter([
        { limit: 10, windowSeconds: 600 },
        { limit: 30, windowSeconds: 86_400 },
      ]),
    }),
    takePledge: createPledgeTaking({ store: officers, notices, charterVersion: charter.version }),
    setAside: createSetAsideReview({
      queue: () => openQueue(config.queue),
      store: officers,
      confirmations: storage,
      notices,
    }),
    /** The pledger hears of approval and withdrawal; a rejection is explained by an officer in person. */
    async tellPledger(status: "approved" | "withdrawn", record: PledgeRecord): Promise<void> {
      const pledgeNotices = await notices();
      // The scheduled sender's claim, so an approval is never told twice.
      if (status === "approved") await sendApprovalNotices(await storage(), pledgeNotices);
      else await pledgeNotices.withdrawn(record);
    },
    /**
     * The pledger hears what became of their change. The decision is made and kept whatever
     * happens to the e-mail, so a failure here is logged, by reference only, and goes no further.
     */
    async tellPledgerOfChange(decision: "approved" | "rejected", record: PledgeRecord): Promise<void> {
      try {
        await (await notices()).changeDecided(record, decision);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        console.error(JSON.stringify({ event: "change-decided-email", reference: record.reference, reason }));
      }
    },
    rebuildState: () => openRebuildStateStore<RebuildState>(config.rebuildState).read(),
  };
}

const registry = globalThis as { __officerConsole?: ReturnType<typeof wire> };

/** The console's parts, made on first use, after the dev server has handed over its settings. */
export function consoleDependencies(): ReturnType<typeof wire> {
  registry.__officerConsole ??= wire();
  return registry.__officerConsole;
}
