/**
 * Opens the mailer src/config.ts chooses: GOV.UK Notify when NOTIFY_API_KEY is set, otherwise
 * the outbox folder. A deployed site without a key has no writable folder, so each message is
 * logged as failed by reference, and the pledge that caused it is unaffected.
 */
import type { Config, MailerChoice } from "../config.ts";
import type { Mailer } from "./mailer.ts";
import { createPledgeNotices, type PledgeNotices } from "./pledge-notices.ts";

export type { MailerChoice };

export async function openMailer(choice: MailerChoice): Promise<Mailer> {
  switch (choice.kind) {
    case "notify":
      return new (await import("./notify-mailer.ts")).NotifyMailer(choice);
    case "outbox":
      return new (await import("./outbox-mailer.ts")).OutboxMailer(choice.dir);
  }
}

/**
 * Everything the pledge e-mails need, from the configuration, with links to siteUrl. A mistake
 * in the e-mail settings must not stop anyone pledging: it is logged once, and every e-mail is
 * then logged as failed.
 */
export async function openPledgeNotices(
  config: Pick<Config, "mail">,
  secret: string,
  siteUrl: string,
): Promise<PledgeNotices> {
  let mailer: Mailer;
  let councilInbox: string;
  try {
    const mail = config.mail;
    councilInbox = mail.councilInbox;
    mailer = await openMailer(mail.mailer);
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
  return createPledgeNotices({ mailer, siteUrl, secret, councilInbox });
}
