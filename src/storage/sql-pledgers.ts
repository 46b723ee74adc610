/** The pledger's port for the adapters that speak SQL directly: one call per database function. */

import { storageErrorFrom } from "./database-errors.ts";
import {
  addressConfirmedOf,
  changeOutcomeOf,
  type IssuedAddressCode,
  type ManageLinkAddress,
  type PledgerStore,
  type PledgerViewRow,
  subjectAccessOf,
  viewFromRow,
} from "./pledger-store.ts";
import type { RunAsServiceRole } from "./sql-lifecycle.ts";

export function sqlPledgers(run: RunAsServiceRole): PledgerStore {
  const call = <T>(name: string, sql: string, params: unknown[]) =>
    run<T>(sql, params).catch((error: unknown) => {
      throw storageErrorFrom(error, name);
    });
  return {
    async view(reference) {
      const [row] = await call<PledgerViewRow>("pledger_view", "select * from public.pledger_view($1)", [reference]);
      return row && viewFromRow(row);
    },
    async requestChange(reference, { fields, contactName }) {
      const [row] = await call<{ outcome: unknown }>(
        "pledger_change_pledge",
        "select public.pledger_change_pledge($1, $2::jsonb, $3) as outcome",
        [reference, JSON.stringify(fields), contactName],
      );
      return changeOutcomeOf(row?.outcome);
    },
    async requestAddressChange(reference, newEmail) {
      const [row] = await call<IssuedAddressCode>(
        "pledger_request_address_change",
        "select * from public.pledger_request_address_change($1, $2)",
        [reference, newEmail],
      );
      return row;
    },
    async confirmAddressChange(reference, code) {
      const [row] = await call<{ outcome: string; previous_email: string | null }>(
        "pledger_confirm_address_change",
        "select * from public.pledger_confirm_address_change($1, $2)",
        [reference, code],
      );
      return addressConfirmedOf(row);
    },
    async requestManageLink(reference, email) {
      const [row] = await call<ManageLinkAddress>(
        "pledger_request_manage_link",
        "select * from public.pledger_request_manage_link($1, $2)",
        [reference, email],
      );
      return row;
    },
    async subjectAccess(reference) {
      const [row] = await call<{ copy: unknown }>(
        "pledger_subject_access",
        "select public.pledger_subject_access($1) as copy",
        [reference],
      );
      return subjectAccessOf(row?.copy);
    },
  };
}
