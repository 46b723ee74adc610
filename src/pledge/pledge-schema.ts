/**
 * The pledge: the one definition of what a valid pledge is. The form's hints, the function (the
 * authority), the moderation tools and the tests all use this schema; the types come from it.
 * Messages follow the GOV.UK pattern: say what is wrong and how to put it right.
 *
 * Written with zod/mini, which the browser can afford: the same schema ships in the pledge
 * form's script.
 */
import * as z from "zod/mini";
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
const websiteFormat = "Enter a website address in the correct format, like www.example.org";
const website = z
  .pipe(
    lineOf(websiteFormat),
    // Phone keyboards capitalise the first letter: the scheme is stored in lower case, as the
    // database requires and every browser reads it.
    z.transform((value: string) =>
      /^https?:\/\//i.test(value) ? value.replace(/^https?/i, (scheme) => scheme.toLowerCase()) : `https://${value}`,
    ),
  )
  .check(
    within(limits.website, `Website address must be ${limits.website} characters or fewer`),
    z.refine((value: string) => {
      try {
        const url = new URL(value);
        return /^https?:$/.test(url.protocol) && url.hostname.includes(".") && !url.username && !url.password;
      } catch {
        return false;
      }
    }, websiteFormat),
  );

const emailFormat = "Enter an email address in the correct format, like name@example.com";
const emailShape = z.email();
const email = lineOf(emailFormat).check(
  filled("Enter an email address"),
  within(limits.email, `Email address must be ${limits.email} characters or fewer`),
  z.refine(
    (value: string) => value === "" || value.length > limits.email || emailShape.safeParse(value).success,
    emailFormat,
  ),
);

const datePart = lineOf("Target date must be a real date");

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

// Made once: building a formatter costs far more than using one, and this runs on every request.
const ukDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" });

/** Today's date in the UK, as the calendar date a person filling in the form sees. */
export function ukToday(now = new Date()): string {
  return ukDate.format(now);
}

export function makePledgeSchema(today: () => string = ukToday) {
  const answers = z
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
        .pipe(text("Enter your own commitment as text"), z.transform(normaliseParagraphs))
        .check(
          within(
            limits.commitment,
            `Your commitment must be ${limits.commitment.toLocaleString("en-GB")} characters or fewer`,
          ),
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
    .check(
      z.superRefine(
        (pledge, context) => {
          const asText = (value: unknown) => (typeof value === "string" ? normaliseLine(value) : "");
          const actions = Array.isArray(pledge.actions) ? pledge.actions : [];
          if (actions.length === 0 && asText(pledge.commitment) === "") {
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
            asText(pledge.targetDay),
            asText(pledge.targetMonth),
            asText(pledge.targetYear),
            today(),
          );
          if (dateProblem) context.addIssue({ code: "custom", path: ["targetDate"], message: dateProblem });
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
