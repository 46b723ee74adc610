import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { actionIds, listingIds, organisationKindIds, wardIds } from "../../../src/pledge/pledge-catalogue.ts";
import {
  checkFormAnswers,
  emailPattern,
  type FormAnswers,
  limits,
  type OfferedChoices,
} from "../../../src/pledge/pledge-rules.ts";
import { fieldErrorsOf, makePledgeSchema } from "../../../src/pledge/pledge-schema.ts";
import { validValues } from "../../fixtures/pledge-values.ts";

const today = "2026-11-25";
const schema = makePledgeSchema(() => today);
const offered: OfferedChoices = { kind: organisationKindIds, ward: wardIds, actions: actionIds, listing: listingIds };

const serverErrors = (answers: FormAnswers) => {
  const result = schema.safeParse(answers);
  return result.success ? {} : fieldErrorsOf(result.error);
};
const browserErrors = (answers: FormAnswers) => checkFormAnswers(answers, offered, today);

// Text a person could type or a form could hold, weighted towards the edges of each rule.
const blank = fc.constantFrom("", " ", "\t\n", "\u200B", "\u202E ");
const near = (length: number) => fc.integer({ min: length - 2, max: length + 2 }).map((n) => "x".repeat(n));
const anyText = fc.oneof(
  blank,
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 12 }),
);
const idOrNot = (ids: readonly string[]) =>
  fc.oneof(
    fc.constantFrom(...ids),
    fc.constantFrom(...ids).map((id) => ` ${id}`),
    anyText,
  );
const digits = fc.oneof(
  fc.integer({ min: -1, max: 2045 }).map(String),
  fc.constantFrom("", "02", "2027", "١٢", "1.5"),
  anyText,
);
const website = fc.oneof(
  fc.webUrl(),
  fc.domain(),
  fc.domain().map((domain) => `HTTPS://${domain}`),
  fc.constantFrom(
    "javascript:alert(1)",
    "ftp://example.org",
    "https://user:pass@example.org",
    "localhost",
    "www.example.org",
  ),
  near(limits.website - "https://".length).map((x) => `${x}.org`),
  anyText,
);
const email = fc.oneof(
  fc.emailAddress(),
  fc.constantFrom("sam at example.com", "kim@", "a@b.c", "a.@example.org", "Ann@Example.ORG"),
  near(limits.email - "@example.org".length).map((x) => `${x}@example.org`),
  anyText,
);
const actions = fc.oneof(
  fc.constant(undefined),
  idOrNot(actionIds),
  fc.array(idOrNot(actionIds), { maxLength: actionIds.length + 2 }),
  fc.array(fc.constantFrom(...actionIds), { minLength: actionIds.length - 1, maxLength: actionIds.length + 2 }),
);

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const formAnswers: fc.Arbitrary<FormAnswers> = fc.record({
  kind: maybe(idOrNot(organisationKindIds)),
  name: fc.oneof(anyText, near(limits.name)),
  ward: maybe(idOrNot(wardIds)),
  website: maybe(website),
  actions,
  commitment: fc.oneof(blank, anyText, near(limits.commitment), fc.constant(`${"x".repeat(999)}\n\n\n \u0000`)),
  targetDay: maybe(digits),
  targetMonth: maybe(digits),
  targetYear: maybe(digits),
  contactName: maybe(fc.oneof(anyText, near(limits.contactName))),
  email: maybe(email),
  listing: maybe(idOrNot(listingIds)),
  privacy: maybe(fc.constantFrom("yes", "no", "", "Yes")),
});

describe("the browser's check of a form", () => {
  it("gives every answer a form can send the same field errors as the server's schema", () => {
    fc.assert(
      fc.property(formAnswers, (answers) => {
        expect(browserErrors(answers)).toEqual(serverErrors(answers));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ["an empty form", {}],
    ["a complete pledge", validValues()],
    ["a date in the past", validValues({ targetDay: "1", targetMonth: "1", targetYear: "2020" })],
    ["a date without a month", validValues({ targetDay: "1", targetYear: "2027" })],
    ["a listing by area with no area", validValues({ listing: "name-and-area", ward: "  " })],
    ["no action and no commitment", validValues({ actions: [], commitment: " \n " })],
    [
      "a repeated action past the number of actions",
      validValues({ actions: Array(actionIds.length + 1).fill(actionIds[0]) }),
    ],
    ["a website with a capitalised scheme", validValues({ website: "HTTPS://www.example.org" })],
  ] as [string, FormAnswers][])("agrees with the server on %s", (_case, answers) => {
    expect(browserErrors(answers)).toEqual(serverErrors(answers));
  });

  it("judges e-mail addresses as zod's own e-mail check does", () => {
    fc.assert(
      fc.property(fc.oneof(fc.emailAddress(), email, fc.string({ maxLength: 40 })), (address) => {
        expect(emailPattern.test(address)).toBe(z.regexes.email.test(address));
      }),
      { numRuns: 5000 },
    );
  });
});
