/**
 * How a database error is read: only a database out of reach, or too slow, may queue a pledge; a
 * value its rules refuse is an answer for the person, on the field to change; anything else is a
 * fault of ours. Errors are built in the shapes each client reports them: node-postgres and
 * PGlite (an Error with the SQLSTATE and the constraint), PostgREST through supabase-js (a plain
 * object whose message alone names the constraint), and Node's own network errors.
 */
import { describe, expect, it } from "vitest";
import { storageErrorFrom } from "../../../src/storage/database-errors.ts";
import { StorageRefusalError, StorageUnavailableError } from "../../../src/storage/pledge-store.ts";

/** An error as node-postgres and PGlite throw it. */
const databaseError = (code: string, message: string, fields: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { code, ...fields });

const checkViolation = (constraint: string) =>
  databaseError("23514", `new row for relation "pledges" violates check constraint "${constraint}"`, { constraint });

/** The error object supabase-js hands back for a PostgREST error answer. */
const postgrestError = (code: string, message: string) => ({ code, details: null, hint: null, message });

/** A network error as Node reports it: an Error with a code that is not a SQLSTATE. */
const networkError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });

const read = (error: unknown) => storageErrorFrom(error, "submit");

describe("a database's refusal", () => {
  it("names the column of a check constraint on one column", () => {
    const error = read(checkViolation("pledges_website_check"));
    expect(error).toBeInstanceOf(StorageRefusalError);
    expect((error as StorageRefusalError).column).toBe("website");
  });

  it("names the column of a check constraint PostgreSQL numbered", () => {
    const error = read(checkViolation("pledges_name_check1"));
    expect(error).toBeInstanceOf(StorageRefusalError);
    expect((error as StorageRefusalError).column).toBe("name");
  });

  it.each([
    ["pledges_commits_to_something", "actions"],
    ["pledges_area_listing_has_area", "ward"],
  ])("reports the rule %s that spans columns on the answer to change, %s", (constraint, column) => {
    const error = read(checkViolation(constraint));
    expect(error).toBeInstanceOf(StorageRefusalError);
    expect((error as StorageRefusalError).column).toBe(column);
  });

  it("finds the constraint in the message of a PostgREST error, which has no constraint field", () => {
    const error = read(
      postgrestError("23514", 'new row for relation "pledges" violates check constraint "pledges_website_check"'),
    );
    expect(error).toBeInstanceOf(StorageRefusalError);
    expect((error as StorageRefusalError).column).toBe("website");
  });

  it("refuses input the database cannot read without naming a column it does not know", () => {
    const error = read(databaseError("22P02", "invalid input syntax for type json"));
    expect(error).toBeInstanceOf(StorageRefusalError);
    expect((error as StorageRefusalError).column).toBeUndefined();
  });

  it("answers with the database's message, never the details, which can echo the row", () => {
    const error = read({
      ...postgrestError("23514", 'new row for relation "pledges" violates check constraint "pledges_website_check"'),
      details: "Failing row contains (sam@example.com, HTTPS://example.org).",
    });
    expect(error.message).toMatch(/pledges_website_check/);
    expect(error.message).not.toMatch(/sam@example\.com/);
  });
});

describe("a database out of reach", () => {
  it.each([
    ["08006", "connection failure"],
    ["57014", "canceling statement due to statement timeout"],
    ["40001", "could not serialize access due to concurrent update"],
    ["53300", "sorry, too many clients already"],
  ])("reads SQLSTATE %s (%s) as unavailable", (code, message) => {
    expect(read(databaseError(code, message))).toBeInstanceOf(StorageUnavailableError);
  });

  it.each(["PGRST000", "PGRST001", "PGRST002", "PGRST003"])(
    "reads PostgREST's %s, a database it could not reach in time, as unavailable",
    (code) => {
      expect(read(postgrestError(code, "Database client error. Retrying the connection."))).toBeInstanceOf(
        StorageUnavailableError,
      );
    },
  );

  it.each(["ECONNREFUSED", "EPIPE"])("reads Node's network error %s as unavailable", (code) => {
    expect(read(networkError(code))).toBeInstanceOf(StorageUnavailableError);
  });

  it("reads an error with no code, a request that got no answer, as unavailable", () => {
    expect(read(new TypeError("fetch failed"))).toBeInstanceOf(StorageUnavailableError);
  });
});

describe("a fault of ours", () => {
  it("reads a PostgREST request it could not serve (PGRST116) as a fault, neither refused nor unavailable", () => {
    const error = read(postgrestError("PGRST116", "Cannot coerce the result to a single JSON object"));
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(StorageUnavailableError);
    expect(error).not.toBeInstanceOf(StorageRefusalError);
  });

  it("reads a missing table (42P01) as a fault, neither refused nor unavailable", () => {
    const error = read(databaseError("42P01", 'relation "public.pledges" does not exist'));
    expect(error).not.toBeInstanceOf(StorageUnavailableError);
    expect(error).not.toBeInstanceOf(StorageRefusalError);
  });
});

describe("an error already read", () => {
  it.each([
    ["unavailable", new StorageUnavailableError("no answer")],
    ["a refusal", new StorageRefusalError("refused", { column: "website" })],
  ])("passes %s through unchanged", (_name, error) => {
    expect(read(error)).toBe(error);
  });
});
