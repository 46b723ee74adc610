/**
 * The port for confirming a pledge's e-mail address before review: codes issued and typed, the
 * e-mailed link's button, reminders and the deletion of pledges never confirmed
 * (supabase/migrations/20261130230100_confirm_before_review.sql).
 */
import type { Database } from "./database.types.ts";

type Functions = Database["public"]["Functions"];

/** A code to e-mail to the pledge's address; the only time the code is seen outside the database. */
export type IssuedConfirmation = Functions["issue_confirmation_code"]["Returns"][number];

/** Confirmed now; confirmed before (or moved on); or refused: no such pledge waiting, or the wrong code. */
export type ConfirmOutcome = "confirmed" | "already" | "refused";

export interface PledgeConfirmations {
  /** None when no pledge with the reference waits for confirmation, or it has had its codes for the day. */
  issueConfirmationCode(reference: string): Promise<IssuedConfirmation | undefined>;
  confirmWithCode(reference: string, code: string): Promise<ConfirmOutcome>;
  /** For the link's button: the caller has checked the link's signed key. */
  confirmByLink(reference: string): Promise<ConfirmOutcome>;
  claimConfirmationReminders(afterDays: number, maxCount: number): Promise<IssuedConfirmation[]>;
  deleteUnconfirmed(afterDays: number): Promise<number>;
}

export const confirmOutcomeOf = (answer: unknown): ConfirmOutcome =>
  answer === "confirmed" || answer === "already" ? answer : "refused";
