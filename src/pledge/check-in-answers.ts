/**
 * What a check-in's answers are, in one place for the pledger's own check-in and the one an
 * officer records by phone: one answer per commitment (where it stands, an optional evidence link
 * and an optional public note), cleaned as the pledge form cleans its text before it is checked,
 * and each problem said about the commitment it concerns.
 */
import { z } from "zod";
import words from "../../content/pledge-check-in.json" with { type: "json" };
import { fillTemplate } from "../fill-template.ts";
import type { CheckInAnswer, Commitment, CommitmentStatus } from "../storage/commitment-store.ts";
import { normaliseLine, normaliseParagraphs } from "./normalise-text.ts";
import { actionName } from "./pledge-catalogue.ts";
import { isWebsite, websiteOf } from "./pledge-rules.ts";

export const commitmentStatuses = [
  "planned",
  "started",
  "done",
  "dropped",
] as const satisfies readonly CommitmentStatus[];

export const checkInLimits = { evidence: 200, note: 280 } as const;

export interface CheckInFieldIds {
  status: string;
  evidence: string;
  note: string;
}

/** A commitment's fields: each id is also the field's name, so the error summary can link to it. */
export const checkInFieldIds = (commitmentId: string): CheckInFieldIds => ({
  status: `status-${commitmentId}`,
  evidence: `evidence-${commitmentId}`,
  note: `note-${commitmentId}`,
});

/** Each wrong field's message, by the field's id, in the order of the form. */
export type CheckInErrors = Record<string, string>;

/** How a commitment is named to its pledger: its action's title, or as their own commitment. */
export const commitmentLabel = (commitment: Pick<Commitment, "action_id">): string =>
  commitment.action_id === null ? words.form.ownCommitment : (actionName(commitment.action_id) ?? commitment.action_id);

type Problem = "status" | "evidence" | "evidenceTooLong" | "noteTooLong";

/** A form's value: the first of a name sent more than once; anything but text is no answer. */
const firstText = (value: unknown) => {
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === "string" ? one : undefined;
};

const answerSchema = z.object({
  status: z.enum(commitmentStatuses, { error: "status" satisfies Problem }),
  // "www.example.org" as people write it, stored with its scheme, as the pledge's website is.
  evidence: z
    .string()
    .default("")
    .transform((typed) => {
      const line = normaliseLine(typed);
      return line === "" ? null : websiteOf(line);
    })
    .refine((url) => url === null || url.length <= checkInLimits.evidence, {
      error: "evidenceTooLong" satisfies Problem,
      abort: true,
    })
    .refine((url) => url === null || isWebsite(url), { error: "evidence" satisfies Problem }),
  note: z
    .string()
    .default("")
    .transform((typed) => normaliseParagraphs(typed) || null)
    .refine((note) => note === null || note.length <= checkInLimits.note, { error: "noteTooLong" satisfies Problem }),
});

const messageFor = (problem: Problem, commitment: Pick<Commitment, "action_id">) =>
  fillTemplate(words.problems[problem], {
    commitment: commitmentLabel(commitment),
    max: String(problem === "noteTooLong" ? checkInLimits.note : checkInLimits.evidence),
  });

/** Checks an answer for every commitment: each must have one, and every problem is said at once. */
export function checkCheckIn(
  commitments: readonly Pick<Commitment, "id" | "action_id">[],
  values: Record<string, unknown>,
): { ok: true; answers: CheckInAnswer[] } | { ok: false; errors: CheckInErrors } {
  const answers: CheckInAnswer[] = [];
  const errors: CheckInErrors = {};
  for (const commitment of commitments) {
    const ids = checkInFieldIds(commitment.id);
    const parsed = answerSchema.safeParse({
      status: firstText(values[ids.status]),
      evidence: firstText(values[ids.evidence]),
      note: firstText(values[ids.note]),
    });
    if (parsed.success) {
      const { status, evidence, note } = parsed.data;
      answers.push({ commitment_id: commitment.id, status, evidence_url: evidence, note });
      continue;
    }
    for (const field of ["status", "evidence", "note"] as const) {
      const issue = parsed.error.issues.find((each) => each.path[0] === field);
      if (issue) errors[ids[field]] = messageFor(issue.message as Problem, commitment);
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, answers };
}
