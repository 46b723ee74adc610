/**
 * The secret that signs "check your answers" tokens and withdrawal links. Production sets
 * PLEDGE_TOKEN_SECRET; the embedded setup keeps a random one beside its database, so the dev
 * server, the drain and the pledges command all sign and check with the same one. Deployed
 * functions take config.requiredTokenSecret instead and never touch the file system for it.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Config } from "./config.ts";

export async function tokenSecret(config: Pick<Config, "tokenSecret" | "store">): Promise<string> {
  if (config.tokenSecret) return config.tokenSecret;
  const store = config.store;
  if (store.kind !== "pglite")
    throw new Error("PLEDGE_TOKEN_SECRET must be set when the database is not the embedded one");
  const file = join(dirname(store.dataDir), "token-secret");
  try {
    return (await readFile(file, "utf8")).trim();
  } catch {
    await mkdir(dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    await writeFile(file, secret, { mode: 0o600, flag: "wx" }).catch(async (error: NodeJS.ErrnoException) => {
      // Another process made it first: use theirs.
      if (error.code !== "EEXIST") throw error;
    });
    return (await readFile(file, "utf8")).trim();
  }
}
