/**
 * A pledger checking in on their approved pledge with the link in a check-in e-mail, free of
 * HTTP: the form's questions (one per commitment), checking the answers and storing them for an
 * officer to review, and the daily sending of the check-in e-mails due. The link's key is checked
 * before the database is asked anything, and opening the link stores nothing (mail scanners open
 * links); only the form's POST stores. Whether a pledge may check in is the database's rule.
 */
import words from "../../content/pledge-check-in.json" with { type: "json" };
import type { Commitment, DueCheckIn, PledgerCheckIns } from "../storage/commitment-store.ts";
import { StorageRefusalError } from "../storage/pledge-store.ts";
import type { PledgerStore } from "../storage/pledger-store.ts";
import {
  type CheckInErrors,
  type CheckInFieldIds,
  checkCheckIn,
  checkInFieldIds,
  commitmentLabel,
} from "./check-in-answers.ts";
import { isCheckInKey } from "./check-in-key.ts";
import { normalisedReference } from "./confirmation-service.ts";
import { linkKey } from "./link-key.ts";
import { manageEndpoint } from "./manage-key.ts";
import type { PledgeNotices } from "./pledge-notices-port.ts";

export interface CheckInServiceDeps {
  store: () => Promise<{
    readonly checkIns: Pick<PledgerCheckIns, "commitmentsFor" | "submitCheckIn">;
    /** Read only for the own-words commitment's words, which its question shows. */
    readonly pledgers: Pick<PledgerStore, "view">;
  }>;
  secret: string;
  log?: (event: { outcome: string; reference?: string }) => void;
}

/** One question: a commitment, named by its action's title or as the pledger's own words. */
export interface CheckInQuestion {
  commitment: Commitment;
  label: string;
  /** The own-words commitment's words, as approved. */
  ownWords: string | undefined;
  fields: CheckInFieldIds;
}

/** What the form shows in each field, by its name: the answers as typed, or each commitment as it stands. */
export type CheckInValues = Record<string, string>;

export interface CheckInForm {
  reference: string;
  key: string;
  name: string;
  questions: CheckInQuestion[];
  values: CheckInValues;
}

/** The wrong fields, or a problem with the whole that no field can put right. */
export interface CheckInFormErrors {
  fields: CheckInErrors;
  problem?: string | undefined;
}

export type CheckInOutcome =
  /** Not a link we sent: the same answer whatever is wrong with it, so a link reveals nothing. */
  | { kind: "invalid-link" }
  | { kind: "not-approved"; reference: string; manageHref: string }
  | { kind: "form"; form: CheckInForm }
  | { kind: "invalid"; form: CheckInForm; errors: CheckInFormErrors }
  | { kind: "stored"; reference: string; manageHref: string };

type NoQuestions = Extract<CheckInOutcome, { kind: "invalid-link" | "not-approved" }>;

const referencePattern = /^SC-[0-9A-HJKMNP-TV-Z]{8}$/;

/** The form as it first opens: each commitment's status, evidence and note as they stand. */
function valuesOf(questions: readonly CheckInQuestion[]): CheckInValues {
  return Object.fromEntries(
    questions.flatMap(({ commitment, fields }) => [
      [fields.status, commitment.status],
      [fields.evidence, commitment.evidence_url ?? ""],
      [fields.note, commitment.note ?? ""],
    ]),
  );
}

export function createCheckInService(deps: CheckInServiceDeps) {
  const log = deps.log ?? (() => {});
  const manageHref = (reference: string) =>
    `${manageEndpoint}?${new URLSearchParams({ ref: reference, key: linkKey(deps.secret, "manage", reference) })}`;

  /** The pledge a link names, with its questions; a reason when there is none to ask. */
  async function pledgeFor(
    reference: string,
    key: unknown,
  ): Promise<{ kind: "questions"; form: Omit<CheckInForm, "values"> } | NoQuestions> {
    const named = normalisedReference(reference);
    if (!referencePattern.test(named) || !isCheckInKey(deps.secret, named, key)) {
      log({ outcome: "invalid-link" });
      return { kind: "invalid-link" };
    }
    const found = await (await deps.store()).checkIns.commitmentsFor(named);
    if (!found || found.commitments.length === 0) {
      log({ outcome: "not-approved", reference: named });
      return { kind: "not-approved", reference: named, manageHref: manageHref(named) };
    }
    const questions = found.commitments.map((commitment) => ({
      commitment,
      label: commitmentLabel(commitment),
      ownWords: undefined,
      fields: checkInFieldIds(commitment.id),
    }));
    return { kind: "questions", form: { reference: named, key: String(key), name: found.name, questions } };
  }

  /** The form to show, with the own-words commitment's words: read only when the form is shown. */
  async function shown(form: Omit<CheckInForm, "values">, values: CheckInValues): Promise<CheckInForm> {
    if (!form.questions.some((question) => question.commitment.action_id === null)) return { ...form, values };
    const ownWords = (await (await deps.store()).pledgers.view(form.reference))?.record.commitment ?? undefined;
    const questions = form.questions.map((question) =>
      question.commitment.action_id === null ? { ...question, ownWords } : question,
    );
    return { ...form, questions, values };
  }

  return {
    /** Opening the link: the form, with each commitment as it stands; nothing is stored. */
    async open(reference: string, key: unknown): Promise<CheckInOutcome> {
      const found = await pledgeFor(reference, key);
      if (found.kind !== "questions") return found;
      return { kind: "form", form: await shown(found.form, valuesOf(found.form.questions)) };
    },

    /** The form sent: every answer checked, then stored to wait for an officer. */
    async submit(reference: string, key: unknown, typed: Record<string, string>): Promise<CheckInOutcome> {
      const found = await pledgeFor(reference, key);
      if (found.kind !== "questions") return found;
      const { form } = found;
      const values: CheckInValues = Object.fromEntries(
        form.questions.flatMap(({ fields }) => Object.values(fields).map((name) => [name, typed[name] ?? ""] as const)),
      );
      const checked = checkCheckIn(
        form.questions.map((question) => question.commitment),
        typed,
      );
      if (!checked.ok) {
        log({ outcome: "invalid", reference: form.reference });
        return { kind: "invalid", form: await shown(form, values), errors: { fields: checked.errors } };
      }
      let stored: "stored" | "refused";
      try {
        stored = await (await deps.store()).checkIns.submitCheckIn(form.reference, checked.answers);
      } catch (error) {
        if (!(error instanceof StorageRefusalError)) throw error;
        log({ outcome: "refused-value", reference: form.reference });
        return {
          kind: "invalid",
          form: await shown(form, values),
          errors: { fields: {}, problem: words.problems.refused },
        };
      }
      log({ outcome: stored, reference: form.reference });
      if (stored === "refused") {
        return { kind: "not-approved", reference: form.reference, manageHref: manageHref(form.reference) };
      }
      return { kind: "stored", reference: form.reference, manageHref: manageHref(form.reference) };
    },
  };
}

export type CheckInService = ReturnType<typeof createCheckInService>;

export interface CheckInSendingResult {
  sent: number;
  /** Claimed but not sent: that occasion is not sent again, and the next one comes in its turn. */
  failed: number;
}

// Claimed a few at a time and sent side by side, so a run ended by the function's time limit
// leaves few claimed and unsent; a backlog (the first run after going live) is spread over days.
const claimBatch = 25;
const maxPerRun = 500;

/** Claims the check-in e-mails now due and sends each: run daily by the scheduled function. */
export async function sendDueCheckIns(
  store: Pick<PledgerCheckIns, "claimDueCheckIns">,
  notices: Pick<PledgeNotices, "checkInDue">,
): Promise<CheckInSendingResult> {
  const result: CheckInSendingResult = { sent: 0, failed: 0 };
  while (result.sent + result.failed < maxPerRun) {
    const due: DueCheckIn[] = await store.claimDueCheckIns(claimBatch);
    for (const sent of await Promise.all(due.map((each) => notices.checkInDue(each)))) {
      if (sent) result.sent += 1;
      else result.failed += 1;
    }
    if (due.length < claimBatch) break;
  }
  return result;
}
