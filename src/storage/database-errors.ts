/**
 * What a database error means for the person waiting on it. Only "could not reach it, or it did
 * not answer in time" may send a pledge to the queue; a refusal (a value the database's rules do
 * not accept) is an answer to give the person; anything else is a fault of ours, to report as one.
 * The same reading for PostgreSQL and PGlite (SQLSTATE codes) and for PostgREST (which passes the
 * SQLSTATE on, and has its own PGRST codes for a database it cannot reach).
 */
import { StorageRefusalError, StorageUnavailableError } from "./pledge-store.ts";

interface DatabaseErrorShape {
  code?: unknown;
  message?: unknown;
  constraint?: unknown;
  column?: unknown;
}

// A SQLSTATE's class is two digits or one of a few letter pairs; Node's own network error codes
// (EPIPE, ECONNREFUSED) start with E and are never one.
const sqlState = /^([0-9][0-9A-Z]|F0|HV|P0|XX)[0-9A-Z]{3}$/;

// Classes of SQLSTATE that mean the data was refused: data exceptions (22: a value out of range,
// text the database cannot hold, input it cannot read) and integrity constraints (23).
const refusalClasses = new Set(["22", "23"]);
// Connection exceptions (08), too many connections or no memory (53), shutdown, statement
// timeout and cancellation (57), I/O errors (58), and a transaction rolled back by a deadlock or
// a serialization failure (40), which an idempotent retry resolves.
const unavailableClasses = new Set(["08", "40", "53", "57", "58"]);
// PostgREST could not connect to the database, or gave up waiting for it.
const postgrestUnavailable = new Set(["PGRST000", "PGRST001", "PGRST002", "PGRST003"]);

/** The column a refused value belongs to, as far as the database says. */
function refusedColumn(error: DatabaseErrorShape): string | undefined {
  if (typeof error.column === "string" && error.column) return error.column;
  const constraint =
    typeof error.constraint === "string"
      ? error.constraint
      : /constraint "([^"]+)"/.exec(String(error.message ?? ""))?.[1];
  if (!constraint) return undefined;
  return constraintColumns[constraint] ?? /^pledges_(.+?)_check\d*$/.exec(constraint)?.[1];
}

// Rules that span columns are named for what they protect; each is reported on the answer to change.
const constraintColumns: Record<string, string> = {
  pledges_commits_to_something: "actions",
  pledges_area_listing_has_area: "ward",
};

/**
 * The error to throw in place of a database's: StorageUnavailableError, StorageRefusalError (with
 * the column when known), or the original error when it is neither, a fault to report, not queue.
 */
export function storageErrorFrom(error: unknown, operation: string): Error {
  if (error instanceof StorageUnavailableError || error instanceof StorageRefusalError) return error;
  const shape = (typeof error === "object" && error !== null ? error : {}) as DatabaseErrorShape;
  const code = typeof shape.code === "string" ? shape.code : "";
  // Only the code and the database's own message: details can echo the row, which holds an address.
  const summary = `${operation}: ${code || "no code"} ${String(shape.message ?? error)}`;
  if (postgrestUnavailable.has(code)) return new StorageUnavailableError(summary, { cause: error });
  if (!sqlState.test(code)) {
    // No SQLSTATE: the request never got an answer from the database (refused connection,
    // timeout, a closed socket). A PostgREST code not listed above is a request it could not serve.
    return code.startsWith("PGRST")
      ? new Error(summary, { cause: error })
      : new StorageUnavailableError(summary, { cause: error });
  }
  const sqlClass = code.slice(0, 2);
  if (refusalClasses.has(sqlClass))
    return new StorageRefusalError(String(shape.message ?? summary), { cause: error, column: refusedColumn(shape) });
  if (unavailableClasses.has(sqlClass)) return new StorageUnavailableError(summary, { cause: error });
  return new Error(summary, { cause: error });
}
