/**
 * The pledge's rules as plain functions and words: the limits, every message a person is shown,
 * how a website, an e-mail address and a target date are judged, and the rules across fields.
 * The zod schema in pledge-schema.ts (the server's authority and the source of the types) is
 * built from these; the browser checks a form with the same rules through checkFormAnswers,
 * without shipping zod. A property test holds the two to the same answers for any form.
 */
import errorWords from "../../content/pledge-errors.json" with { type: "json" };
import { fillTemplate } from "../fill-template.ts";
import { normaliseLine, normaliseParagraphs } from "./normalise-text.ts";

export const limits = {
  name: 120,
  website: 200,
  commitment: 1000,
  contactName: 100,
  email: 254,
  targetYearsAhead: 10,
} as const;

const { messages: said, dateParts, partsJoiner } = errorWords;
const atMost = (text: string, max: number) => fillTemplate(text, { max: max.toLocaleString("en-GB") });

/** Every message a person is shown for an answer, from content/pledge-errors.json. */
export const messages = {
  ...said,
  nameTooLong: atMost(said.nameTooLong, limits.name),
  websiteTooLong: atMost(said.websiteTooLong, limits.website),
  commitmentTooLong: atMost(said.commitmentTooLong, limits.commitment),
  contactNameTooLong: atMost(said.contactNameTooLong, limits.contactName),
  emailTooLong: atMost(said.emailTooLong, limits.email),
  targetDateTooFar: fillTemplate(said.targetDateTooFar, { years: String(limits.targetYearsAhead) }),
};

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
export type FieldErrors = Partial<Record<PledgeFieldName, string>>;

// Made once: building a formatter costs far more than using one, and this runs on every request.
const ukDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" });

/** Today's date in the UK, as the calendar date a person filling in the form sees. */
export function ukToday(now = new Date()): string {
  return ukDate.format(now);
}

/**
 * "www.example.org" as people write it, stored with its scheme. Phone keyboards capitalise the
 * first letter: the scheme is kept in lower case, as the database requires and every browser reads it.
 */
export function websiteOf(line: string): string {
  return /^https?:\/\//i.test(line) ? line.replace(/^https?/i, (scheme) => scheme.toLowerCase()) : `https://${line}`;
}

export function isWebsite(value: string): boolean {
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && url.hostname.includes(".") && !url.username && !url.password;
  } catch {
    return false;
  }
}

/**
 * The address shape of zod's own e-mail check (a test holds them equal), written here so the
 * browser can use it without importing zod's table of patterns.
 */
export const emailPattern =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export function isEmail(value: string): boolean {
  return emailPattern.test(value);
}

export function targetDateProblem(day: string, month: string, year: string, today: string): string | undefined {
  if (!day && !month && !year) return undefined;
  const missing = [!day && dateParts.day, !month && dateParts.month, !year && dateParts.year].filter(Boolean);
  if (missing.length > 0) return fillTemplate(messages.targetDateIncomplete, { parts: missing.join(partsJoiner) });
  if (![day, month, year].every((part) => /^\d+$/.test(part))) return messages.targetDate;
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (year.length !== 4 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return messages.targetDate;
  }
  const iso = date.toISOString().slice(0, 10);
  if (iso < today) return messages.targetDatePast;
  const latest = `${Number(today.slice(0, 4)) + limits.targetYearsAhead}${today.slice(4)}`;
  if (iso > latest) return messages.targetDateTooFar;
  return undefined;
}

export function targetDateOf(day: string, month: string, year: string): string | undefined {
  if (!day && !month && !year) return undefined;
  return `${year.padStart(4, "0")}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

/**
 * The rules across fields. They run even when single fields have failed, so a person sees every
 * problem at once; the values may then be unparsed input, hence the type checks.
 */
export function crossFieldProblems(
  answers: { actions?: unknown; commitment?: unknown; listing?: unknown; ward?: unknown } & Record<string, unknown>,
  today: string,
): [PledgeFieldName, string][] {
  const asText = (value: unknown) => (typeof value === "string" ? normaliseLine(value) : "");
  const problems: [PledgeFieldName, string][] = [];
  const actions = Array.isArray(answers.actions) ? answers.actions : [];
  if (actions.length === 0 && asText(answers.commitment) === "") {
    problems.push(["actions", messages.actionsOrCommitment]);
  }
  if (answers.listing === "name-and-area" && !answers.ward) problems.push(["ward", messages.wardForListing]);
  const dateProblem = targetDateProblem(
    asText(answers.targetDay),
    asText(answers.targetMonth),
    asText(answers.targetYear),
    today,
  );
  if (dateProblem) problems.push(["targetDate", dateProblem]);
  return problems;
}

/** The answers a form can send: one text per name, or several for checkboxes. */
export type FormAnswers = Record<string, string | string[] | undefined>;

/** The choices the form offers for each question with a fixed list. */
export type OfferedChoices = Record<"kind" | "ward" | "actions" | "listing", readonly string[]>;

/**
 * What the schema would say of a form's answers, field by field in form order, for answers
 * that are text (as a browser's form data always is). The browser's check before sending.
 */
export function checkFormAnswers(answers: FormAnswers, offered: OfferedChoices, today: string): FieldErrors {
  const found: [PledgeFieldName, string | false | undefined][] = [];
  const one = (name: string) => {
    const value = answers[name];
    return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
  };
  const line = (name: string) => normaliseLine(one(name));
  const required = (field: PledgeFieldName, max: number, missing: string, tooLong: string) => {
    const value = line(field);
    found.push([field, value === "" ? missing : value.length > max && tooLong]);
  };

  found.push(["kind", !offered.kind.includes(one("kind")) && messages.kind]);
  required("name", limits.name, messages.name, messages.nameTooLong);
  const ward = line("ward") === "" ? undefined : one("ward");
  found.push(["ward", ward !== undefined && !offered.ward.includes(ward) && messages.ward]);
  if (line("website") !== "") {
    const website = websiteOf(line("website"));
    found.push([
      "website",
      website.length > limits.website ? messages.websiteTooLong : !isWebsite(website) && messages.website,
    ]);
  }
  const raw = answers.actions;
  const actions = raw === undefined || raw === "" ? [] : Array.isArray(raw) ? raw : [raw];
  // More ticks than there are actions stops the schema before the rules across fields.
  const tooMany = actions.length > offered.actions.length;
  found.push(["actions", (tooMany || actions.some((id) => !offered.actions.includes(id))) && messages.actions]);
  const commitment = normaliseParagraphs(one("commitment"));
  found.push(["commitment", commitment.length > limits.commitment && messages.commitmentTooLong]);
  required("contactName", limits.contactName, messages.contactName, messages.contactNameTooLong);
  const email = line("email");
  found.push([
    "email",
    email === ""
      ? messages.emailMissing
      : email.length > limits.email
        ? messages.emailTooLong
        : !isEmail(email) && messages.email,
  ]);
  found.push(["listing", !offered.listing.includes(one("listing")) && messages.listing]);
  found.push(["privacy", one("privacy") !== "yes" && messages.privacy]);
  if (!tooMany) {
    found.push(...crossFieldProblems({ ...answers, actions, commitment, ward, listing: one("listing") }, today));
  }

  const errors: FieldErrors = {};
  for (const [field, message] of found) if (message && !errors[field]) errors[field] = message;
  return Object.fromEntries(pledgeFieldNames.filter((name) => errors[name]).map((name) => [name, errors[name]]));
}
