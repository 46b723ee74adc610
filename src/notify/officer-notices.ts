/**
 * The e-mail that carries an officer's sign-in code. It goes only to an address on the officers'
 * list and holds nothing anyone typed: the code, the fixed words of content/emails.json.
 */
import words from "../../content/emails.json" with { type: "json" };
import type { SendCode } from "../officers/officer-sign-in.ts";
import type { Mailer } from "./mailer.ts";
import { fillTemplate } from "./pledge-notices.ts";

/** How long a code works, as the database sets it (officer_request_code). */
export const codeMinutes = 10;

export function officerCodeSender(
  mailer: Mailer,
  log = (entry: object) => console.info(JSON.stringify(entry)),
): SendCode {
  return async (to, code) => {
    const values = { code, minutes: String(codeMinutes) };
    try {
      await mailer.send({
        to: to.email,
        subject: fillTemplate(words.officerSignInCode.subject, values),
        body: words.officerSignInCode.body.map((paragraph) => fillTemplate(paragraph, values)).join("\n\n"),
        reference: "officer sign-in code",
      });
      log({ event: "email", reference: "officer sign-in code", outcome: "sent" });
      return true;
    } catch (error) {
      log({ event: "email", reference: "officer sign-in code", outcome: "failed", reason: (error as Error).message });
      return false;
    }
  };
}
