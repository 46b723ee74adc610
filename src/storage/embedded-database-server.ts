/**
 * The embedded database with one owner. The development server runs every function call in a
 * fresh worker, and two PGlite instances on one folder lose and corrupt pledges; so the dev server
 * opens the folder once and serves it over the PostgreSQL wire protocol, and every worker reaches
 * it through DATABASE_URL with the same pg adapter as a real PostgreSQL.
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { openPgliteStore } from "./pglite-store.ts";

/**
 * Beside the folder while it is served: where, and by which process. A command, a seed or a build
 * started meanwhile uses the served database instead of opening the folder a second time.
 */
const servedAtFile = (dataDir: string) => `${dataDir.replace(/\/+$/, "")}.served-at.json`;

/** The address the folder is served at, if a live process serves it now. */
export async function servedDatabaseUrl(dataDir: string): Promise<string | undefined> {
  const text = await readFile(servedAtFile(dataDir), "utf8").catch(() => undefined);
  if (!text) return undefined;
  const { url, pid } = JSON.parse(text) as { url: string; pid: number };
  try {
    // Signal 0 only asks whether the process is alive: a file left by a crash names a dead one.
    process.kill(pid, 0);
    return url;
  } catch {
    return undefined;
  }
}

export interface EmbeddedDatabaseServer {
  /** A DATABASE_URL for PostgresStore (or psql) on this machine only. */
  url: string;
  close(): Promise<void>;
}

export async function serveEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabaseServer> {
  const { db } = await openPgliteStore(dataDir);
  // PGlite has a single session that every connection shares and it ignores the role asked for
  // at connection start, so the session itself is service_role: the grants and policies apply
  // exactly as they do to the functions in production.
  await db.exec("set role service_role");
  // Workers each hold a connection for one request; transactions are queued, never interleaved.
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 500 });
  await server.start();
  const url = `postgresql://postgres@${server.getServerConn()}/postgres?connect_timeout=60`;
  await writeFile(servedAtFile(dataDir), JSON.stringify({ url, pid: process.pid }), { mode: 0o600 });
  return {
    // Every worker starts at once when a crowd arrives; on two cores a connection can wait long
    // after the 4 s that suits a real server, and the database is right here, not down.
    url,
    async close() {
      await rm(servedAtFile(dataDir), { force: true });
      await server.stop();
      await db.close();
    },
  };
}
