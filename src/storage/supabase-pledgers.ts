/**
 * The pledger's port on Supabase: each method one rpc call to the function sql-pledgers.ts calls
 * with SQL, on the server only, with the service role key. Nothing is retried: a change or a
 * code sent twice would be a second change or a second e-mail.
 */
import {
  addressConfirmedOf,
  changeOutcomeOf,
  type PledgerStore,
  subjectAccessOf,
  viewFromRow,
} from "./pledger-store.ts";
import { answerOf } from "./postgrest-answer.ts";
import type { SupabaseRest } from "./postgrest-client.ts";

export function supabasePledgers(client: SupabaseRest): PledgerStore {
  return {
    async view(reference) {
      const rows = await answerOf("pledger_view", client.rpc("pledger_view", { pledge_reference: reference }));
      const [row] = rows ?? [];
      return row && viewFromRow(row);
    },
    async requestChange(reference, { fields, contactName }) {
      return changeOutcomeOf(
        await answerOf(
          "pledger_change_pledge",
          client.rpc("pledger_change_pledge", { pledge_reference: reference, fields, contact_name: contactName }),
        ),
      );
    },
    async requestAddressChange(reference, newEmail) {
      const rows = await answerOf(
        "pledger_request_address_change",
        client.rpc("pledger_request_address_change", { pledge_reference: reference, address: newEmail }),
      );
      return rows?.[0];
    },
    async confirmAddressChange(reference, code) {
      const rows = await answerOf(
        "pledger_confirm_address_change",
        client.rpc("pledger_confirm_address_change", { pledge_reference: reference, typed_code: code }),
      );
      return addressConfirmedOf(rows?.[0]);
    },
    async requestManageLink(reference, email) {
      const rows = await answerOf(
        "pledger_request_manage_link",
        client.rpc("pledger_request_manage_link", { pledge_reference: reference, email }),
      );
      return rows?.[0];
    },
    async subjectAccess(reference) {
      return subjectAccessOf(
        await answerOf("pledger_subject_access", client.rpc("pledger_subject_access", { pledge_reference: reference })),
      );
    },
  };
}
