/**
 * The e-mails a pledge causes: the council is told of each new pledge, the pledger gets a receipt
 * with a withdrawal link, news of approval with a link to their entry, word of a withdrawal, and
 * the link to check in when one is due; the owner of an address used again for the same
 * organisation is told, instead of the sender.
 * Sending never decides the fate of a pledge: a failure is logged by reference and swallowed.
 *
 * Anyone can type any address into the form, so until its owner has shown it is theirs an e-mail
 * to the pledger must not carry a word the sender typed: the council's name would lend weight to
 * a lure ("URGENT: verify your council tax refund at …") sent to a stranger. Those e-mails hold
 * only the reference, the fixed words of content/emails.json and links to this site; the
 * council's own inbox is told everything.
 */
import words from "../../content/emails.json" with { type: "json" };
import retention from "../../content/retention.json" with { type: "json" };
import { fillTemplate as fillPlaceholders } from "../fill-template.ts";
import { officerPledgePath, setAsidePath } from "../officers/console-paths.ts";
import { checkInLink } from "../pledge/check-in-key.ts";
import { confirmationLink, confirmPagePath } from "../pledge/confirmation-key.ts";
import { addressLink, manageLink } from "../pledge/manage-key.ts";
import type { ListingId } from "../pledge/pledge-catalogue.ts";
import type { PledgeNotices } from "../pledge/pledge-notices-port.ts";
import { withdrawalLink } from "../pledge/withdrawal-key.ts";
import { formWords } from "../pledge-form/form-words.ts";
import { kindName, signatoryPath } from "../wall/wall-view.ts";
import type { PledgerPlaceholder } from "./email-placeholders.ts";
import type { Mailer } from "./mailer.ts";

export type { PledgeNotices };

export interface PledgeNoticesDeps {
  mailer: Mailer;
  /** The public address links in e-mails point at, e.g. https://charter.stevenage.gov.uk */
  siteUrl: string;
  /** Signs withdrawal links; the same secret the withdrawal function checks them with. */
  secret: string;
  councilInbox: string;
  log?: (entry: { event: "email"; reference: string; outcome: "sent" | "failed"; reason?: string }) => void;
}

type Template = { subject: string; body: string[] };

/** Fills {placeholders}; a placeholder without a value is a mistake in content/emails.json. */
export const fillTemplate = (text: string, values: Record<string, string>) =>
  fillPlaceholders(text, values, "content/emails.json");

const compose = (template: Template, values: Record<string, string>) => ({
  subject: fillTemplate(template.subject, values),
  body: template.body.map((paragraph) => fillTemplate(paragraph, values)).join("\n\n"),
});

/** All an e-mail to a pledger may be filled with (email-placeholders.ts): nothing from the form. */
type PledgerValues = Partial<Record<PledgerPlaceholder, string>>;

// A template that asks for {name} or {contactName} fails the content check (content-files.ts),
// and here too: the e-mail is not sent.
const fillForPledger = (text: string, values: PledgerValues) => fillTemplate(text, values as Record<string, string>);
const composeForPledger = (template: Template, values: PledgerValues) =>
  compose(template, values as Record<string, string>);

export function createPledgeNotices(deps: PledgeNoticesDeps): PledgeNotices {
  const log = deps.log ?? ((entry) => console.info(JSON.stringify(entry)));
  const link = (path: string) => new URL(path, deps.siteUrl).toString();
  const withdrawLink = (reference: string) => withdrawalLink(deps.siteUrl, deps.secret, reference);
  const manageLinkTo = (reference: string) => manageLink(deps.siteUrl, deps.secret, reference);

  // The message is written inside the guard too, so even a mistake in content/emails.json is
  // logged as a failed e-mail rather than thrown at the pledge that caused it.
  async function send(
    kind: string,
    reference: string,
    to: string | null,
    message: () => { subject: string; body: string },
  ): Promise<boolean> {
    // Contact details erased on request: there is nobody left to tell.
    if (!to) return true;
    const emailReference = `${kind} ${reference}`;
    try {
      await deps.mailer.send({ to, ...message(), reference: emailReference });
      log({ event: "email", reference: emailReference, outcome: "sent" });
      return true;
    } catch (error) {
      log({ event: "email", reference: emailReference, outcome: "failed", reason: (error as Error).message });
      return false;
    }
  }

  return {
    async received(pledge, reference) {
      const councilValues = () => ({
        reference,
        name: pledge.name,
        kind: kindName(pledge.kind),
        listingChoice: formWords.fields.listing.options[pledge.listing as ListingId]?.label ?? pledge.listing,
        consoleLink: link(officerPledgePath(reference)),
      });
      // Side by side: the person is waiting for the page that follows their pledge.
      const sent = await Promise.all([
        send("council-new-pledge", reference, deps.councilInbox, () =>
          compose(words.councilNewPledge, councilValues()),
        ),
        send("receipt", reference, pledge.contact_email, () =>
          composeForPledger(words.receipt, {
            reference,
            withdrawLink: withdrawLink(reference),
            manageLink: manageLinkTo(reference),
          }),
        ),
      ]);
      return sent.every(Boolean);
    },
    confirmationCode(issued, occasion) {
      return send(`confirm-${occasion}`, issued.reference, issued.contact_email, () =>
        composeForPledger(occasion === "reminder" ? words.confirmReminder : words.confirmCode, {
          reference: issued.reference,
          code: issued.code,
          confirmLink: confirmationLink(deps.siteUrl, deps.secret, issued.reference),
          confirmPage: link(confirmPagePath),
          deleteDays: String(retention.unconfirmedDeleteDays),
          manageLink: manageLinkTo(issued.reference),
        }),
      );
    },
    duplicate(pledge) {
      return send("duplicate", "-", pledge.contact_email, () => composeForPledger(words.duplicate, {}));
    },
    approved(record) {
      return send("approved", record.reference, record.contact_email, () => {
        const values: PledgerValues = {
          reference: record.reference,
          withdrawLink: withdrawLink(record.reference),
          entryLink: link(signatoryPath(record)),
          progressLink: link("/progress/"),
          manageLink: manageLinkTo(record.reference),
        };
        const listing = fillForPledger(
          record.listing === "count-only" ? words.approved.countedOnly : words.approved.listedByName,
          values,
        );
        return composeForPledger(words.approved, { ...values, listing });
      });
    },
    setAside(pledge, reason) {
      return send("council-set-aside", "-", deps.councilInbox, () =>
        compose(words.councilSetAside, {
          name: pledge.name,
          kind: kindName(pledge.kind),
          reason,
          key: pledge.idempotency_key,
          consoleLink: link(setAsidePath(pledge.idempotency_key)),
        }),
      );
    },
    withdrawn(record) {
      return send("withdrawn", record.reference, record.contact_email, () =>
        composeForPledger(words.withdrawn, { reference: record.reference, manageLink: manageLinkTo(record.reference) }),
      );
    },
    manageLink(reference, to) {
      return send("manage-link", reference, to, () =>
        composeForPledger(words.manageLink, { reference, manageLink: manageLinkTo(reference) }),
      );
    },
    addressCode(issued) {
      return send("address-code", issued.reference, issued.new_email, () =>
        composeForPledger(words.addressCode, {
          reference: issued.reference,
          code: issued.code,
          addressLink: addressLink(deps.siteUrl, issued.reference, issued.code),
        }),
      );
    },
    addressChanged(reference, previousEmail) {
      return send("address-changed", reference, previousEmail, () =>
        composeForPledger(words.addressChanged, { reference }),
      );
    },
    changeWaiting(reference) {
      return send("council-change-waiting", reference, deps.councilInbox, () =>
        compose(words.councilChangeWaiting, { reference, consoleLink: link(officerPledgePath(reference)) }),
      );
    },
    changeDecided(pledge, decision) {
      return send(`change-${decision}`, pledge.reference, pledge.contact_email, () =>
        composeForPledger(decision === "approved" ? words.changeApproved : words.changeRejected, {
          reference: pledge.reference,
          manageLink: manageLinkTo(pledge.reference),
        }),
      );
    },
    checkInDue(due) {
      return send("check-in-due", due.reference, due.contact_email, () =>
        composeForPledger(words.checkInDue, {
          reference: due.reference,
          checkInLink: checkInLink(deps.siteUrl, deps.secret, due.reference),
          manageLink: manageLinkTo(due.reference),
        }),
      );
    },
  };
}
