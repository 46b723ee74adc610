/**
 * The pledge: the one definition of what a valid pledge is. The form's hints, the function (the
 * authority), the moderation tools and the tests all use this schema; the types come from it.
 * Its limits, messages and judgements live in pledge-rules.ts, which the browser's check uses
 * too without shipping zod; messages follow the GOV.UK pattern: say what is wrong and how to
 * put it right.
 */
import * as z from "zod/mini";
import { normaliseLine, normaliseParagraphs } from "./normalise-text.ts";
import { actionIds, listingIds, organisationKindIds, wardIds } from "./pledge-catalogue.ts";
import {
  crossFieldProblems,
  type FieldErrors,
  isEmail,
  isWebsite,
  limits,
  messages,
  type PledgeFieldName,
  pledgeFieldNames,
  targetDateOf,
  ukToday,
  websiteOf,
} from "./pledge-rules.ts";

export { type FieldErrors, limits, type PledgeFieldName, pledgeFieldNames, ukToday };

const text = (message: string) => z._default(z.string({ error: message }), "");
const lineOf = (message: string) => z.pipe(text(message), z.transform(normaliseLine));
const within = (max: number, message: string) => z.refine<string>((value) => value.length <= max, message);
const filled = (message: string) => z.refine<string>((value) => value !== "", message);

/** A required line of text: one message when it is missing or not text, another when too long. */
const requiredLine = (max: number, missing: string, tooLong: string) =>
  lineOf(missing).check(filled(missing), within(max, tooLong));

/** A blank answer to an optional question is no answer. */
const optional = <T extends z.ZodMiniType>(schema: T) =>
  z.pipe(
    z.transform((value: unknown) => (typeof value === "string" && normaliseLine(value) === "" ? undefined : value)),
    z.optional(schema),
  );

const oneOf = <const T extends readonly [string, ...string[]]>(ids: T, message: string) =>
  z.enum(ids, { error: message });

/** Checkboxes arrive as one string, several strings, or not at all; all become a list. */
const checkboxList = (ids: readonly [string, ...string[]], message: string) =>
  z.pipe(
    z.transform((value: unknown) =>
      value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value],
    ),
    z.pipe(
      z.array(oneOf(ids, message), { error: message }).check(z.maxLength(ids.length, message)),
      z.transform((list: string[]) => [...new Set(list)]),
    ),
  );

// Accept "www.example.org" as people write it; store it with its scheme.
const website = z
  .pipe(lineOf(messages.website), z.transform(websiteOf))
  .check(within(limits.website, messages.websiteTooLong), z.refine(isWebsite, messages.website));

const emailChecks = [
  within(limits.email, messages.emailTooLong),
  z.refine<string>((value) => value === "" || value.length > limits.email || isEmail(value), messages.email),
];
const email = lineOf(messages.email).check(filled(messages.emailMissing), ...emailChecks);
// Someone pledging by phone or on paper may have no e-mail address: an officer may leave it out.
const optionalEmail = lineOf(messages.email).check(...emailChecks);

const datePart = lineOf(messages.targetDate);

export function makePledgeSchema(
  today: () => string = ukToday,
  { emailRequired = true }: { emailRequired?: boolean } = {},
) {
  const answers = z
    .object({
      kind: oneOf(organisationKindIds, messages.kind),
      name: requiredLine(limits.name, messages.name, messages.nameTooLong),
      ward: optional(oneOf(wardIds, messages.ward)),
      website: optional(website),
      actions: checkboxList(actionIds, messages.actions),
      commitment: z
        .pipe(text(messages.commitment), z.transform(normaliseParagraphs))
        .check(within(limits.commitment, messages.commitmentTooLong)),
      targetDay: datePart,
      targetMonth: datePart,
      targetYear: datePart,
      contactName: requiredLine(limits.contactName, messages.contactName, messages.contactNameTooLong),
      email: emailRequired ? email : optionalEmail,
      listing: oneOf(listingIds, messages.listing),
      privacy: z.literal("yes", { error: messages.privacy }),
    })
    // Cross-field rules run even when single fields have failed, so a person sees every problem
    // at once.
    .check(
      z.superRefine(
        (pledge, context) => {
          for (const [field, message] of crossFieldProblems(pledge, today())) {
            context.addIssue({ code: "custom", path: [field], message });
          }
        },
        { when: () => true },
      ),
    );
  return z.pipe(
    answers,
    z.transform(({ targetDay, targetMonth, targetYear, privacy: _privacy, ...pledge }: z.output<typeof answers>) => ({
      ...pledge,
      targetDate: targetDateOf(targetDay, targetMonth, targetYear),
    })),
  );
}

export const pledgeSchema = makePledgeSchema();
export type PledgeInput = z.input<typeof pledgeSchema>;
export type Pledge = z.output<typeof pledgeSchema>;

const datePartNames = new Set<PropertyKey>(["targetDay", "targetMonth", "targetYear"]);

/** The first message for each field, in form order: what the error summary lists. */
export function fieldErrorsOf(error: z.core.$ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const [first] = issue.path;
    const field = (first !== undefined && datePartNames.has(first) ? "targetDate" : first) as PledgeFieldName;
    if (pledgeFieldNames.includes(field) && !errors[field]) errors[field] = issue.message;
  }
  return Object.fromEntries(pledgeFieldNames.filter((name) => errors[name]).map((name) => [name, errors[name]]));
}
