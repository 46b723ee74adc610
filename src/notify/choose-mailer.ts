/**
 * Decided once, at start-up, like the store: GOV.UK Notify when NOTIFY_API_KEY is set, otherwise
 * the outbox folder. A deployed site without a key has no writable folder, so each message is
 * logged as failed by reference, and the pledge that caused it is unaffected.
 */
import { embeddedOutboxDir } from "../local-data.ts";
import type { Env } from "../runtime-env.ts";
import { storeChoiceFrom } from "../storage/choose-store.ts";
import { tokenSecret } from "../token-secret.ts";
import type { Mailer } from "./mailer.ts";
import { createPledgeNotices, type PledgeNotices } from "./pledge-notices.ts";

export type MailerChoice = { kind: "notify"; apiKey: string; templateId: string } | { kind: "outbox"; dir: string };

export function mailerChoiceFrom(env: Env): MailerChoice {
  const apiKey = env("NOTIFY_API_KEY");
  if (apiKey) {
    const templateId = env("NOTIFY_TEMPLATE_ID");
    if (!templateId) throw new Error("NOTIFY_API_KEY is set but NOTIFY_TEMPLATE_ID is not");
    return { kind: "notify", apiKey, templateId };
  }
  return { kind: "outbox", dir: env("OUTBOX_DIR") ?? embeddedOutboxDir };
}

/** Where the council is told of new pledges; the outbox stands in for it locally. */
export function councilInboxFrom(env: Env, choice: MailerChoice): string {
  const inbox = env("COUNCIL_INBOX");
  if (inbox) return inbox;
  if (choice.kind === "notify") throw new Error("NOTIFY_API_KEY is set but COUNCIL_INBOX is not");
  return "council-inbox@localhost";
}

export async function openMailer(choice: MailerChoice): Promise<Mailer> {
  switch (choice.kind) {
    case "notify":
      return new (await import("./notify-mailer.ts")).NotifyMailer(choice);
    case "outbox":
      return new (await import("./outbox-mailer.ts")).OutboxMailer(choice.dir);
  }
}

/** The public address links in e-mails point at: SITE_URL, Netlify's URL, or the dev server. */
export const siteUrlFrom = (env: Env) => env("SITE_URL") ?? env("URL") ?? "http://localhost:4321";

/**
 * Everything the pledge e-mails need, from the environment. A mistake in the e-mail settings
 * must not stop anyone pledging: it is logged once, and every e-mail is then logged as failed.
 */
export async function openPledgeNotices(env: Env, secret: string): Promise<PledgeNotices> {
  let mailer: Mailer;
  let councilInbox: string;
  try {
    const choice = mailerChoiceFrom(env);
    councilInbox = councilInboxFrom(env, choice);
    mailer = await openMailer(choice);
  } catch (error) {
    const reason = (error as Error).message;
    console.error(JSON.stringify({ event: "email-settings", reason }));
    councilInbox = "council inbox (not configured)";
    mailer = {
      send: async () => {
        throw new Error(`not sent: ${reason}`);
      },
    };
  }
  return createPledgeNotices({ mailer, siteUrl: siteUrlFrom(env), secret, councilInbox });
}

/** The same, for the scheduled functions and the pledges command, which hold no secret of their own. */
export async function openPledgeNoticesFromEnv(env: Env): Promise<PledgeNotices> {
  return openPledgeNotices(env, await tokenSecret(env, storeChoiceFrom(env)));
}
