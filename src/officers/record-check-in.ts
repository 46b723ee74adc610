/**
 * A check-in an officer takes from a pledger by phone or in person: one answer for each of the
 * approved pledge's commitments, checked by the same rules as the pledger's own check-in, and the
 * officer's statement of how it was taken in place of the pledger sending it. The database
 * accepts it as recorded, in the officer's name.
 */
import words from "../../content/officer-console.json" with { type: "json" };
import { type CheckInErrors, checkCheckIn } from "../pledge/check-in-answers.ts";
import type { Commitment, OfficerCheckIns } from "../storage/commitment-store.ts";
import { StorageRefusalError } from "../storage/pledge-store.ts";

export type CheckInStatementId = keyof typeof words.recordCheckIn.statements;
export const checkInStatementIds = Object.keys(words.recordCheckIn.statements) as CheckInStatementId[];

/** The answers' problems by the field each is about, and the statement's own. */
export type RecordCheckInErrors = CheckInErrors & { statement?: string };

export type RecordCheckInOutcome =
  | { kind: "invalid"; errors: RecordCheckInErrors }
  | { kind: "recorded" }
  /** The database refused it: the pledge is no longer approved, or a value broke a rule of its tables. */
  | { kind: "refused"; reason?: string };

export async function recordCheckIn(
  store: OfficerCheckIns,
  token: string,
  pledge: { id: string; commitments: Commitment[] },
  values: Record<string, unknown>,
): Promise<RecordCheckInOutcome> {
  const checked = checkCheckIn(pledge.commitments, values);
  const errors: RecordCheckInErrors = checked.ok ? {} : { ...checked.errors };
  const statementId = typeof values.statement === "string" ? values.statement.trim() : "";
  const statementGiven = (checkInStatementIds as string[]).includes(statementId);
  if (!statementGiven) errors.statement = words.recordCheckIn.statementMissing;
  if (!checked.ok || !statementGiven) return { kind: "invalid", errors };
  try {
    const outcome = await store.recordCheckIn(token, {
      pledgeId: pledge.id,
      answers: checked.answers,
      statement: words.recordCheckIn.statements[statementId as CheckInStatementId],
    });
    return outcome === "recorded" ? { kind: "recorded" } : { kind: "refused" };
  } catch (error) {
    if (error instanceof StorageRefusalError) return { kind: "refused", reason: error.message };
    throw error;
  }
}
