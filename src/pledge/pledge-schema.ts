/**
 * The pledge: the one definition of what a valid pledge is. The form's hints, the function (the
 * authority), the moderation tools and the tests all use this schema; the types come from it.
 * Messages follow the GOV.UK pattern: say what is wrong and how to put it right.
 */
import { z } from "zod";
import { normaliseLine, normaliseParagraphs } from "./normalise-text.ts";
import { actionIds, listingIds, organisationKindIds, wardIds } from "./pledge-catalogue.ts";

export const limits = {
  name: 120,
  website: 200,
  commitment: 1000,
  contactName: 100,
  email: 254,
  targetYearsAhead: 10,
} as const;

/** A required line of text: one message when it is missing or not text, another when too long. */
const requiredLine = (max: number, missing: string, tooLong: string) =>
  z
    .string({ error: missing })
    .default("")
    .transform(normaliseLine)
    .refine((value) => value !== "", missing)
    .refine((value) => value.length <= max, tooLong);

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === "string" && normaliseLine(value) === "" ? undefined : value),
    schema.optional(),
  );

const oneOf = (ids: readonly [string, ...string[]], message: string) => z.enum(ids, { error: message });

/** Checkboxes arrive as one string, several strings, or not at all; all become a list. */
const checkboxList = (ids: readonly [string, ...string[]], message: string) =>
  z.preprocess(
    (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
    z
      .array(oneOf(ids, message), { error: message })
      .max(ids.length, message)
      .transform((list) => [...new Set(list)]),
  );

// Accept "www.example.org" as people write it; store it with its scheme.
const websiteFormat = "Enter a website address in the correct format, like www.example.org";
const website = z
  .string({ error: websiteFormat })
  .transform(normaliseLine)
  .transform((value) => (/^https?:\/\//i.test(value) ? value : `https://${value}`))
  .refine((value) => value.length <= limits.website, `Website address must be ${limits.website} characters or fewer`)
  .refine((value) => {
    try {
      const url = new URL(value);
      return /^https?:$/.test(url.protocol) && url.hostname.includes(".") && !url.username && !url.password;
    } catch {
      return false;
    }
  }, websiteFormat);

const emailFormat = "Enter an email address in the correct format, like name@example.com";
const email = z
  .string({ error: emailFormat })
  .default("")
  .transform(normaliseLine)
  .refine((value) => value !== "", "Enter an email address")
  .refine((value) => value.length <= limits.email, `Email address must be ${limits.email} characters or fewer`)
  .refine((value) => value === "" || value.length > limits.email || z.email().safeParse(value).success, emailFormat);

const datePart = z.string({ error: "Target date must be a real date" }).default("").transform(normaliseLine);

export const pledgeFieldNames = [
  "kind",
  "name",
  "ward",
  "website",
  "actions",
  "commitment",
  "targetDate",
  "contactName",
  "email",
  "listing",
  "privacy",
] as const;
export type PledgeFieldName = (typeof pledgeFieldNames)[number];

/** Today's date in the UK, as the calendar date a person filling in the form sees. */
export function ukToday(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(now);
}

export function makePledgeSchema(today: () => string = ukToday) {
  return (
    z
      .object({
        kind: oneOf(organisationKindIds, "Select who the pledge is from"),
        name: requiredLine(
          limits.name,
          "Enter the name of your organisation, or your name if you are pledging as a resident",
          `Name must be ${limits.name} characters or fewer`,
        ),
        ward: optional(oneOf(wardIds, "Select an area from the list")),
        website: optional(website),
        actions: checkboxList(actionIds, "Select actions from the list"),
        commitment: z
          .string({ error: "Enter your own commitment as text" })
          .default("")
          .transform(normaliseParagraphs)
          .refine(
            (value) => value.length <= limits.commitment,
            `Your commitment must be ${limits.commitment.toLocaleString("en-GB")} characters or fewer`,
          ),
        targetDay: datePart,
        targetMonth: datePart,
        targetYear: datePart,
        contactName: requiredLine(
          limits.contactName,
          "Enter your full name",
          `Full name must be ${limits.contactName} characters or fewer`,
        ),
        email,
        listing: oneOf(listingIds, "Select whether and how your pledge can be shown on the public list"),
        privacy: z.literal("yes", { error: "Confirm that you have read the privacy notice" }),
      })
      // Cross-field rules run even when single fields have failed, so a person sees every problem
      // at once; the values may then be unparsed input, hence the type checks.
      .superRefine(
        (pledge, context) => {
          const text = (value: unknown) => (typeof value === "string" ? value : "");
          const actions = Array.isArray(pledge.actions) ? pledge.actions : [];
          if (actions.length === 0 && text(pledge.commitment) === "") {
            context.addIssue({
              code: "custom",
              path: ["actions"],
              message: "Select at least one action, or describe your own commitment",
            });
          }
          if (pledge.listing === "name-and-area" && !pledge.ward) {
            context.addIssue({
              code: "custom",
              path: ["ward"],
              message: "Select your area, or choose another way to be shown on the public list",
            });
          }
          const dateProblem = targetDateProblem(
            normaliseLine(text(pledge.targetDay)),
            normaliseLine(text(pledge.targetMonth)),
            normaliseLine(text(pledge.targetYear)),
            today(),
          );
          if (dateProblem) context.addIssue({ code: "custom", path: ["targetDate"], message: dateProblem });
        },
        { when: () => true },
      )
      .transform(({ targetDay, targetMonth, targetYear, privacy: _privacy, ...pledge }) => ({
        ...pledge,
        targetDate: targetDateOf(targetDay, targetMonth, targetYear),
      }))
  );
}

function targetDateOf(day: string, month: string, year: string): string | undefined {
  if (!day && !month && !year) return undefined;
  return `${year.padStart(4, "0")}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

function targetDateProblem(day: string, month: string, year: string, today: string): string | undefined {
  if (!day && !month && !year) return undefined;
  const missing = [!day && "day", !month && "month", !year && "year"].filter(Boolean);
  if (missing.length > 0) return `Target date must include a ${missing.join(" and ")}`;
  if (![day, month, year].every((part) => /^\d+$/.test(part))) return "Target date must be a real date";
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (year.length !== 4 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return "Target date must be a real date";
  }
  const iso = date.toISOString().slice(0, 10);
  if (iso < today) return "Target date must be today or in the future";
  const latest = `${Number(today.slice(0, 4)) + limits.targetYearsAhead}${today.slice(4)}`;
  if (iso > latest) return `Target date must be within ${limits.targetYearsAhead} years`;
  return undefined;
}

export const pledgeSchema = makePledgeSchema();
export type PledgeInput = z.input<typeof pledgeSchema>;
export type Pledge = z.output<typeof pledgeSchema>;

export type FieldErrors = Partial<Record<PledgeFieldName, string>>;

/** The first message for each field, in form order: what the error summary lists. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const [first] = issue.path;
    const field = (
      first === "targetDay" || first === "targetMonth" || first === "targetYear" ? "targetDate" : first
    ) as PledgeFieldName;
    if (pledgeFieldNames.includes(field) && !errors[field]) errors[field] = issue.message;
  }
  return Object.fromEntries(pledgeFieldNames.filter((name) => errors[name]).map((name) => [name, errors[name]]));
}
