/**
 * What the adapters that speak SQL directly (PGlite, PostgreSQL) share: storing a pledge, the
 * data lifecycle, moderation, approval notices, the officers' console, the pledger's own page and
 * check-ins, run as service_role through the one statement runner each adapter provides.
 */
import type { OfficerCheckIns, PledgerCheckIns, WithCheckIns } from "./commitment-store.ts";
import type { PledgeConfirmations } from "./confirmation-store.ts";
import { storageErrorFrom } from "./database-errors.ts";
import type { OfficerStore, WithOfficers } from "./officer-store.ts";
import {
  type ApprovalNotice,
  type ApprovalNoticeQueue,
  type NewPledge,
  outcomeFromRow,
  type PledgeLifecycle,
  type PledgeModeration,
  type PledgeStore,
  type SubmitOutcome,
} from "./pledge-store.ts";
import type { PledgerStore, WithPledgers } from "./pledger-store.ts";
import { sqlCheckIns } from "./sql-check-ins.ts";
import { sqlConfirmations } from "./sql-confirmations.ts";
import { type RunAsServiceRole, sqlLifecycle } from "./sql-lifecycle.ts";
import { sqlModeration } from "./sql-moderation.ts";
import { sqlOfficers } from "./sql-officers.ts";
import { sqlPledgers } from "./sql-pledgers.ts";

export abstract class SqlStorage
  implements
    PledgeStore,
    PledgeLifecycle,
    PledgeModeration,
    ApprovalNoticeQueue,
    PledgeConfirmations,
    WithOfficers,
    WithPledgers,
    WithCheckIns
{
  readonly officers: OfficerStore;
  readonly pledgers: PledgerStore;
  readonly checkIns: PledgerCheckIns & OfficerCheckIns;
  readonly #confirmations: PledgeConfirmations;
  readonly #run: RunAsServiceRole;
  readonly #lifecycle: PledgeLifecycle;
  readonly #moderation: PledgeModeration;

  protected constructor(run: RunAsServiceRole) {
    this.#run = run;
    this.#lifecycle = sqlLifecycle(run);
    this.#moderation = sqlModeration(run);
    this.officers = sqlOfficers(run);
    this.pledgers = sqlPledgers(run);
    this.checkIns = sqlCheckIns(run);
    this.#confirmations = sqlConfirmations(run);
  }

  issueConfirmationCode(reference: string) {
    return this.#confirmations.issueConfirmationCode(reference);
  }

  confirmWithCode(reference: string, code: string) {
    return this.#confirmations.confirmWithCode(reference, code);
  }

  confirmByLink(reference: string) {
    return this.#confirmations.confirmByLink(reference);
  }

  claimConfirmationReminders(afterDays: number, maxCount: number) {
    return this.#confirmations.claimConfirmationReminders(afterDays, maxCount);
  }

  deleteUnconfirmed(afterDays: number) {
    return this.#confirmations.deleteUnconfirmed(afterDays);
  }

  async submit(pledge: NewPledge): Promise<SubmitOutcome> {
    try {
      const [row] = await this.#run<NonNullable<Parameters<typeof outcomeFromRow>[0]>>(
        "select * from public.submit_pledge($1::jsonb)",
        [JSON.stringify(pledge)],
      );
      return outcomeFromRow(row);
    } catch (error) {
      throw storageErrorFrom(error, "submit_pledge");
    }
  }

  claimApprovalNotices(maxCount: number) {
    return this.#run<ApprovalNotice>("select * from public.claim_approval_notices($1)", [maxCount]);
  }

  async releaseApprovalNotice(pledgeId: string) {
    await this.#run("select public.release_approval_notice($1::uuid)", [pledgeId]);
  }

  erase(pledgeId: string) {
    return this.#lifecycle.erase(pledgeId);
  }

  applyRetention(periods: Parameters<PledgeLifecycle["applyRetention"]>[0]) {
    return this.#lifecycle.applyRetention(periods);
  }

  list(filter?: Parameters<PledgeModeration["list"]>[0]) {
    return this.#moderation.list(filter);
  }

  show(idOrReference: string) {
    return this.#moderation.show(idOrReference);
  }

  setStatus(change: Parameters<PledgeModeration["setStatus"]>[0]) {
    return this.#moderation.setStatus(change);
  }

  exportAll() {
    return this.#moderation.exportAll();
  }
}
