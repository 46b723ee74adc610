/**
 * Decided once, at start-up: Supabase when SUPABASE_URL is set, a PostgreSQL server when
 * DATABASE_URL is set, otherwise the embedded database in .data/, so a fresh clone runs with no
 * account and no server.
 */
import { embeddedDataDir } from "../local-data.ts";
import type { ApprovalNoticeQueue, PledgeLifecycle, PledgeModeration, PledgeStore } from "./pledge-store.ts";

/** Every adapter stores pledges, keeps the data lifecycle, serves moderation and approval notices. */
export type Storage = PledgeStore & PledgeLifecycle & PledgeModeration & ApprovalNoticeQueue;

// Re-exported where callers have always found it.
export { embeddedDataDir };

export type StoreChoice =
  | { kind: "supabase"; url: string; serviceRoleKey: string }
  | { kind: "postgres"; connectionString: string }
  | { kind: "pglite"; dataDir: string };

export function storeChoiceFrom(env: (name: string) => string | undefined): StoreChoice {
  const url = env("SUPABASE_URL");
  const connectionString = env("DATABASE_URL");
  if (!url && connectionString) return { kind: "postgres", connectionString };
  if (!url) return { kind: "pglite", dataDir: env("PGLITE_DATA_DIR") ?? embeddedDataDir };
  const serviceRoleKey = env("SUPABASE_SERVICE_ROLE_KEY");
  if (!serviceRoleKey) throw new Error("SUPABASE_URL is set but SUPABASE_SERVICE_ROLE_KEY is not");
  return { kind: "supabase", url, serviceRoleKey };
}

// One store per process: the embedded database must not be opened twice on the same folder,
// even when a dev server reloads this module.
const registry = globalThis as { __pledgeStores?: Map<string, Promise<Storage>> };
registry.__pledgeStores ??= new Map();
const opened = registry.__pledgeStores;

const keyOf = (choice: StoreChoice) =>
  choice.kind === "supabase"
    ? `supabase:${choice.url}`
    : choice.kind === "postgres"
      ? "postgres"
      : `pglite:${choice.dataDir}`;

function open(choice: StoreChoice): Promise<Storage> {
  switch (choice.kind) {
    case "supabase":
      return import("./supabase-store.ts").then(
        ({ SupabaseStore, createServerClient }) => new SupabaseStore(createServerClient(choice)),
      );
    case "postgres":
      return import("./postgres-store.ts").then(({ PostgresStore }) => new PostgresStore(choice.connectionString));
    case "pglite":
      return import("./pglite-store.ts").then(({ openPgliteStore }) => openPgliteStore(choice.dataDir));
  }
}

export function openStore(choice: StoreChoice): Promise<Storage> {
  const key = keyOf(choice);
  let store = opened.get(key);
  if (!store) {
    store = open(choice);
    // A failed open is not cached, so the next request tries again.
    store.catch(() => opened.delete(key));
    opened.set(key, store);
  }
  return store;
}
