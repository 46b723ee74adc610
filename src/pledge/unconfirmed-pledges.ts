/**
 * Pledges whose authors never confirmed them: one reminder, with a new code, after the first
 * period in content/retention.json; deleted, contact details and all, after the second. The
 * reminders are claimed in the database, so two runs never remind one person twice.
 */
import type { PledgeConfirmations } from "../storage/confirmation-store.ts";
import type { PledgeNotices } from "./pledge-notices-port.ts";

export interface UnconfirmedPeriods {
  unconfirmedReminderDays: number;
  unconfirmedDeleteDays: number;
}

const batchSize = 200;

export async function remindAndDeleteUnconfirmed(
  store: Pick<PledgeConfirmations, "claimConfirmationReminders" | "deleteUnconfirmed">,
  notices: Pick<PledgeNotices, "confirmationCode"> | undefined,
  periods: UnconfirmedPeriods,
): Promise<{ reminded: number; deleted: number }> {
  let reminded = 0;
  for (;;) {
    const due = await store.claimConfirmationReminders(periods.unconfirmedReminderDays, batchSize);
    for (const issued of due) if (await notices?.confirmationCode(issued, "reminder")) reminded += 1;
    if (due.length < batchSize) break;
  }
  const deleted = await store.deleteUnconfirmed(periods.unconfirmedDeleteDays);
  return { reminded, deleted };
}
