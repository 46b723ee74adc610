/**
 * Confirming pledges on Supabase: each method one rpc call to the function sql-confirmations.ts
 * calls with SQL, on the server only, with the service role key.
 */
import { confirmOutcomeOf, type PledgeConfirmations } from "./confirmation-store.ts";
import { answerOf } from "./postgrest-answer.ts";
import type { SupabaseRest } from "./postgrest-client.ts";

export function supabaseConfirmations(client: SupabaseRest): PledgeConfirmations {
  return {
    async issueConfirmationCode(reference) {
      const rows = await answerOf(
        "issue_confirmation_code",
        client.rpc("issue_confirmation_code", { pledge_reference: reference }),
      );
      return rows?.[0];
    },
    async confirmWithCode(reference, code) {
      return confirmOutcomeOf(
        await answerOf(
          "confirm_pledge_with_code",
          client.rpc("confirm_pledge_with_code", { pledge_reference: reference, typed_code: code }),
        ),
      );
    },
    async confirmByLink(reference) {
      return confirmOutcomeOf(
        await answerOf("confirm_pledge_by_link", client.rpc("confirm_pledge_by_link", { pledge_reference: reference })),
      );
    },
    async claimConfirmationReminders(afterDays, maxCount) {
      return (
        (await answerOf(
          "claim_confirmation_reminders",
          client.rpc("claim_confirmation_reminders", { after_days: afterDays, max_count: maxCount }),
        )) ?? []
      );
    },
    async deleteUnconfirmed(afterDays) {
      return Number(
        (await answerOf(
          "delete_unconfirmed_pledges",
          client.rpc("delete_unconfirmed_pledges", { after_days: afterDays }),
        )) ?? 0,
      );
    },
  };
}
