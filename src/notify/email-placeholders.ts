/**
 * The placeholders each e-mail in content/emails.json may use: what its sender fills in. An
 * e-mail to a pledger is given nothing the sender of a pledge typed (see pledge-notices.ts), so
 * a template for a pledger that asks for {name} is refused by the content check, before any
 * e-mail is sent, rather than failing when it is.
 */

/** All an e-mail to a pledger may be filled with: nothing here comes from the form. */
export const pledgerPlaceholders = [
  "reference",
  "withdrawLink",
  "entryLink",
  "progressLink",
  "listing",
  "code",
  "confirmLink",
  "confirmPage",
  "deleteDays",
  "manageLink",
  "addressLink",
  "checkInLink",
] as const;
export type PledgerPlaceholder = (typeof pledgerPlaceholders)[number];

export const emailPlaceholders = {
  receipt: ["reference", "withdrawLink", "manageLink"],
  /** The code and the link that confirm a pledge, first and when asked for again. */
  confirmCode: ["reference", "code", "confirmLink", "confirmPage", "deleteDays", "manageLink"],
  /** Once, when a pledge has waited unconfirmed for a while. */
  confirmReminder: ["reference", "code", "confirmLink", "confirmPage", "deleteDays", "manageLink"],
  duplicate: [],
  approved: ["reference", "withdrawLink", "entryLink", "progressLink", "listing", "manageLink"],
  /** The paragraphs that fill {listing} in the approval. */
  approvedListing: ["reference", "withdrawLink", "entryLink", "progressLink", "manageLink"],
  withdrawn: ["reference", "manageLink"],
  /** The link to manage a pledge, asked for again: only ever to the pledge's own address. */
  manageLink: ["reference", "manageLink"],
  /** To a new address nobody has confirmed yet: the code and its link, nothing typed. */
  addressCode: ["reference", "code", "addressLink"],
  /** To the old address once the new one is confirmed; it does not name the new one. */
  addressChanged: ["reference"],
  changeApproved: ["reference", "manageLink"],
  changeRejected: ["reference", "manageLink"],
  /** A check-in due: the reference and the two links, nothing the pledger typed. */
  checkInDue: ["reference", "checkInLink", "manageLink"],
  councilChangeWaiting: ["reference", "consoleLink"],
  councilNewPledge: ["reference", "name", "kind", "listingChoice", "consoleLink"],
  councilSetAside: ["name", "kind", "key", "reason", "consoleLink"],
  /** Goes only to an address on the officers' list, and carries nothing anyone typed. */
  officerSignInCode: ["code", "minutes"],
} as const satisfies Record<string, readonly string[]>;
