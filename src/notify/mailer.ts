/**
 * The port every e-mail leaves through: GOV.UK Notify in production, files in .data/outbox/
 * everywhere else. A message is plain text written from content/emails.json.
 */

export interface Email {
  to: string;
  subject: string;
  body: string;
  /** Which message this is and for which pledge, e.g. "receipt SC-7K3M9QAB": never personal data. */
  reference: string;
}

export interface Mailer {
  send(email: Email): Promise<void>;
}
