/**
 * A pledge an officer takes by phone, in person or from a paper form: the public form's questions
 * and the same schema, with the officer's statement about the privacy notice in place of the
 * pledger's tick box, how it was made, and the date on a paper form. The pledge is stored with
 * the officer's session, so its history names the officer; a receipt goes to the pledger.
 */
import words from "../../content/officer-console.json" with { type: "json" };
import type { PledgeNotices } from "../pledge/pledge-notices-port.ts";
import { type FieldErrors, fieldErrorsOf, makePledgeSchema, type Pledge, ukToday } from "../pledge/pledge-schema.ts";
import { toNewPledge } from "../pledge/pledge-service.ts";
import type { OfficerConsoleStore } from "../storage/officer-store.ts";
import { StorageRefusalError } from "../storage/pledge-store.ts";

export const privacyStatementIds = Object.keys(words.take.privacyStatements) as PrivacyStatementId[];
export type PrivacyStatementId = keyof typeof words.take.privacyStatements;
export const takenChannels = ["assisted", "paper"] as const;
export type TakenChannel = (typeof takenChannels)[number];

/** The officer's own questions, after the pledge's. */
export type TakeFieldName = "channel" | "formDate" | "privacyStatement";
export type TakeErrors = FieldErrors & Partial<Record<TakeFieldName, string>>;

export type TakeValues = Record<string, unknown>;

const one = (values: TakeValues, name: string) => {
  const value = values[name];
  return typeof value === "string" ? value.trim() : "";
};

/** YYYY-MM-DD for a real date, or undefined. */
function isoDate(day: string, month: string, year: string): string | undefined {
  if (![day, month, year].every((part) => /^\d+$/.test(part)) || year.length !== 4) return undefined;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1) return undefined;
  if (date.getUTCDate() !== Number(day)) return undefined;
  return date.toISOString().slice(0, 10);
}

export type CheckedTake =
  | { ok: true; pledge: Pledge; channel: TakenChannel; statement: PrivacyStatementId; formDated?: string }
  | { ok: false; errors: TakeErrors };

export function checkTakenPledge(values: TakeValues, today = ukToday()): CheckedTake {
  const statement = one(values, "privacyStatement");
  const statementGiven = (privacyStatementIds as string[]).includes(statement);
  // The statement stands for the tick box, so the schema's privacy rule is met by it and no other way.
  const parsed = makePledgeSchema(() => today, { emailRequired: false }).safeParse({
    ...values,
    privacy: statementGiven ? "yes" : "",
  });
  const errors: TakeErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  delete errors.privacy;

  const channel = one(values, "channel");
  if (!(takenChannels as readonly string[]).includes(channel)) errors.channel = words.take.channelMissing;
  let formDated: string | undefined;
  if (channel === "paper") {
    const parts = [one(values, "formDay"), one(values, "formMonth"), one(values, "formYear")] as const;
    if (parts.every((part) => part === "")) errors.formDate = words.take.formDateMissing;
    else {
      formDated = isoDate(...parts);
      if (!formDated || formDated > today) errors.formDate = words.take.formDateInvalid;
    }
  }
  if (!statementGiven) errors.privacyStatement = words.take.privacyMissing;

  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    pledge: parsed.data,
    channel: channel as TakenChannel,
    statement: statement as PrivacyStatementId,
    ...(formDated ? { formDated } : {}),
  };
}

export type TakeOutcome =
  | { kind: "invalid"; errors: TakeErrors }
  /** receiptSent is undefined when there was no receipt to send: a replay, or no e-mail address. */
  | { kind: "stored"; reference: string; receiptSent: boolean | undefined }
  | { kind: "duplicate" }
  | { kind: "refused"; reason: string; column?: string | undefined };

export interface TakePledgeDeps {
  store: () => Promise<OfficerConsoleStore>;
  notices: () => Promise<Pick<PledgeNotices, "received">>;
  charterVersion: string;
  now?: () => number;
}

export function createPledgeTaking(deps: TakePledgeDeps) {
  const now = deps.now ?? Date.now;
  /**
   * idempotencyKey comes with the form, made when it was drawn, so a second press of the button
   * stores nothing twice. A session that has ended throws NotSignedInError from the store.
   */
  return async function take(token: string, values: TakeValues, idempotencyKey: string): Promise<TakeOutcome> {
    const time = now();
    const checked = checkTakenPledge(values, ukToday(new Date(time)));
    if (!checked.ok) return { kind: "invalid", errors: checked.errors };
    const row = toNewPledge(checked.pledge, {
      idempotencyKey,
      charterVersion: deps.charterVersion,
      acknowledgedAt: new Date(time).toISOString(),
      channel: checked.channel,
    });
    try {
      const result = await (await deps.store()).take(token, {
        pledge: row,
        privacyStatement: words.take.privacyStatements[checked.statement],
        formDated: checked.formDated,
      });
      if (result.outcome === "duplicate") return { kind: "duplicate" };
      // The council is told of it as of any new pledge; the pledger only when they gave an address.
      const sent =
        result.outcome === "created" ? await (await deps.notices()).received(row, result.reference) : undefined;
      const receiptSent = row.contact_email === null ? undefined : sent;
      return { kind: "stored", reference: result.reference, receiptSent };
    } catch (error) {
      if (error instanceof StorageRefusalError) return { kind: "refused", reason: error.message, column: error.column };
      throw error;
    }
  };
}
