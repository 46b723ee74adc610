/**
 * A check-in as an officer reads it: each commitment by the name the pledge's page gives it,
 * each answer beside what the wall shows of that commitment now, and what became of the earlier
 * check-ins. Links a pledger typed are shown as text, as the page shows a website, so nobody
 * follows one by accident before deciding it may be public.
 */
import { visibleText } from "../moderation/officer-view.ts";
import { html, type Markup } from "../pledge-form/html.ts";
import type { CheckIn, Commitment, CommitmentStatus } from "../storage/commitment-store.ts";
import { actionNames } from "../wall/wall-view.ts";
import { type ChangedField, changeTable } from "./change-review.ts";
import { say, ukDateTime, consoleWords as words } from "./console-words.ts";

const c = words.checkIns;

/** The charter action's name, or the own-words commitment's label. */
export const commitmentName = (commitment: Pick<Commitment, "action_id">) =>
  commitment.action_id === null ? c.ownWords : visibleText(actionNames([commitment.action_id])[0] ?? "");

export const commitmentStatusName = (status: CommitmentStatus) => c.statuses[status] ?? status;

const shown = (value: string | null | undefined) => (value ? visibleText(value) : words.pledge.notGiven);

/** A commitment as the wall shows it, one row of the pledge's commitments table. */
export function commitmentRow(commitment: Commitment) {
  return {
    name: commitmentName(commitment),
    status: commitmentStatusName(commitment.status),
    since: ukDateTime(commitment.status_since),
    evidence: shown(commitment.evidence_url),
    note: shown(commitment.note),
  };
}

/** One answer's status, evidence link and note, each beside what the wall shows now. */
export function answerFields(answer: CheckIn["answers"][number]): ChangedField[] {
  const now = answer.current;
  return [
    {
      label: c.status,
      before: [say(c.statusSince, { status: commitmentStatusName(now.status), date: ukDateTime(now.status_since) })],
      after: [commitmentStatusName(answer.status)],
    },
    { label: c.evidence, before: [shown(now.evidence_url)], after: [shown(answer.evidence_url)] },
    { label: c.note, before: shown(now.note).split("\n"), after: shown(answer.note).split("\n") },
  ];
}

/** Each answer of a check-in waiting as its own small table, captioned with its commitment. */
export function answerTables(checkIn: CheckIn): Markup[] {
  return checkIn.answers.map((answer) =>
    changeTable({
      label: commitmentName(answer.current),
      caption: commitmentName(answer.current),
      firstColumn: c.answer,
      before: c.now,
      after: c.proposed,
      fields: answerFields(answer),
    }),
  );
}

/**
 * An earlier check-in's answers as they were given, one row a commitment: what the commitment
 * shows now is on the page already, and an answer decided long ago has no "before" worth showing.
 */
export function answersGivenTable(checkIn: CheckIn, label: string): Markup {
  return html`<div class="site-table-scroll" tabindex="0" role="region" aria-label="${label}">
<table class="govuk-table site-officer-table govuk-!-margin-bottom-4">
<thead class="govuk-table__head"><tr class="govuk-table__row">
<th scope="col" class="govuk-table__header">${c.commitment}</th>
<th scope="col" class="govuk-table__header">${c.status}</th>
<th scope="col" class="govuk-table__header">${c.evidence}</th>
<th scope="col" class="govuk-table__header">${c.note}</th>
</tr></thead>
<tbody class="govuk-table__body">
${checkIn.answers.map(
  (answer) => html`<tr class="govuk-table__row">
<th scope="row" class="govuk-table__header">${commitmentName(answer.current)}</th>
<td class="govuk-table__cell">${commitmentStatusName(answer.status)}</td>
<td class="govuk-table__cell">${shown(answer.evidence_url)}</td>
<td class="govuk-table__cell">${shown(answer.note)}</td>
</tr>`,
)}
</tbody>
</table>
</div>`;
}

/** One line for who sent a check-in and what became of it. */
export function checkInOutcomeText(checkIn: CheckIn): string {
  const date = ukDateTime(checkIn.submitted_at);
  const sent =
    checkIn.source === "officer"
      ? say(c.historyOfficer, { date, officer: checkIn.reviewed_by ?? "" })
      : say(c.historyPledger, { date });
  const decided = checkIn.reviewed_at ? ukDateTime(checkIn.reviewed_at) : "";
  const officer = checkIn.reviewed_by ?? "";
  const review =
    checkIn.review === "accepted"
      ? say(checkIn.evidence_published === false ? c.historyAcceptedWithoutEvidence : c.historyAccepted, {
          officer,
          decided,
        })
      : checkIn.review === "rejected"
        ? say(c.historyRejected, { officer, decided })
        : c.historyWaiting;
  // Taken by an officer, a check-in is accepted as recorded: who took it says it all.
  return checkIn.source === "officer" ? sent : `${sent}, ${review}`;
}

/** The check-ins no longer waiting, newest first: the one waiting has its own place on the page. */
export const earlierCheckIns = (checkIns: CheckIn[]) =>
  checkIns
    .filter((checkIn) => checkIn.review !== "waiting")
    .sort((a, b) => Date.parse(b.submitted_at) - Date.parse(a.submitted_at));

/** The newest check-in still waiting for an officer, if any. */
export const waitingCheckIn = (checkIns: CheckIn[]) =>
  checkIns
    .filter((checkIn) => checkIn.review === "waiting")
    .sort((a, b) => Date.parse(b.submitted_at) - Date.parse(a.submitted_at))[0];

/** Check-ins waiting, the longest waiting first, whatever order they came in. */
export const oldestFirst = (checkIns: CheckIn[]) =>
  [...checkIns].sort((a, b) => Date.parse(a.submitted_at) - Date.parse(b.submitted_at));
