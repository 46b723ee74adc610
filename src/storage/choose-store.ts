/**
 * Opens the store a deployed function uses: Supabase, or a PostgreSQL server (under `npm start`,
 * the embedded database the dev server serves). Nothing here names the embedded database's
 * adapter, so a function's bundle never carries PGlite; choose-any-store.ts adds it for the
 * command line, the seed and the tests. Which store is decided once, in src/config.ts.
 */
import type { ServerStoreChoice, StoreChoice } from "../config.ts";
import type { WithCheckIns } from "./commitment-store.ts";
import type { PledgeConfirmations } from "./confirmation-store.ts";
import type { WithOfficers } from "./officer-store.ts";
import type { ApprovalNoticeQueue, PledgeLifecycle, PledgeModeration, PledgeStore } from "./pledge-store.ts";
import type { WithPledgers } from "./pledger-store.ts";

/**
 * Every adapter stores pledges, confirms their authors' addresses, keeps the data lifecycle, and
 * serves moderation, approval notices, officers, pledgers managing their own pledges, and the
 * commitments and check-ins that follow approval.
 */
export type Storage = PledgeStore &
  PledgeConfirmations &
  PledgeLifecycle &
  PledgeModeration &
  ApprovalNoticeQueue &
  WithOfficers &
  WithPledgers &
  WithCheckIns;

export type { ServerStoreChoice, StoreChoice };

// One store per process: the embedded database must not be opened twice on the same folder,
// even when a dev server reloads this module, and a server's pool is shared the same way.
const registry = globalThis as { __pledgeStores?: Map<string, Promise<Storage>> };
registry.__pledgeStores ??= new Map();
const opened = registry.__pledgeStores;

/** The store for the key, opened once; a failed open is not kept, so the next request tries again. */
export function openOnce(key: string, open: () => Promise<Storage>): Promise<Storage> {
  let store = opened.get(key);
  if (!store) {
    store = open();
    store.catch(() => opened.delete(key));
    opened.set(key, store);
  }
  return store;
}

export function openStore(choice: ServerStoreChoice): Promise<Storage> {
  switch (choice.kind) {
    case "supabase":
      return openOnce(`supabase:${choice.url}`, async () => {
        const { SupabaseStore, createServerClient } = await import("./supabase-store.ts");
        return new SupabaseStore(createServerClient(choice));
      });
    case "postgres":
      return openOnce(`postgres:${choice.connectionString}`, async () => {
        const { PostgresStore } = await import("./postgres-store.ts");
        return new PostgresStore(choice.connectionString);
      });
  }
}
