/**
 * Wires the pledge function for real use from its environment: which database, the token
 * secret, the rate limits and the origins allowed to post. Read once, when the function loads.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import charter from "../../content/charter.json" with { type: "json" };
import { createPledgeService } from "../pledge/pledge-service.ts";
import { RateLimiter } from "../pledge/rate-limit.ts";
import { type Env, runtimeEnv } from "../runtime-env.ts";
import { openQueue, queueChoiceFrom } from "../storage/choose-queue.ts";
import { openStore, storeChoiceFrom } from "../storage/choose-store.ts";
import type { PledgeAttemptHandler, PledgeHandlerDeps } from "./pledge-handler.ts";

/** Limits per client address; the load tests raise them through the environment. */
export function limitersFrom(env: Env) {
  const number = (name: string, fallback: number) => Number(env(name) ?? fallback);
  return {
    // Checking answers and correcting mistakes: generous, people fix errors.
    checkLimiter: new RateLimiter([{ limit: number("PLEDGE_CHECKS_PER_MINUTE", 30), windowSeconds: 60 }]),
    // Sending: petitions-style, a few a minute from one address (a shared office still works).
    submitLimiter: new RateLimiter([
      { limit: number("PLEDGE_SUBMITS_PER_MINUTE", 5), windowSeconds: 60 },
      { limit: number("PLEDGE_SUBMITS_PER_HOUR", 30), windowSeconds: 3600 },
    ]),
  };
}

/** The embedded setup keeps a random secret beside its database; production must set one. */
async function tokenSecret(env: Env, dataDir: string | undefined): Promise<string> {
  const configured = env("PLEDGE_TOKEN_SECRET");
  if (configured) return configured;
  if (!dataDir) throw new Error("PLEDGE_TOKEN_SECRET must be set when SUPABASE_URL is set");
  const file = join(dirname(dataDir), "token-secret");
  try {
    return (await readFile(file, "utf8")).trim();
  } catch {
    await mkdir(dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    await writeFile(file, secret, { mode: 0o600 });
    return secret;
  }
}

export function productionDependencies(env: Env = runtimeEnv): PledgeHandlerDeps {
  const choice = storeChoiceFrom(env);
  const queueChoice = queueChoiceFrom(env);
  let service: Promise<PledgeAttemptHandler> | undefined;
  const handle: PledgeAttemptHandler = async (attempt) => {
    service ??= tokenSecret(env, choice.kind === "pglite" ? choice.dataDir : undefined).then((secret) =>
      createPledgeService({
        store: () => openStore(choice),
        queue: () => openQueue(queueChoice),
        secret,
        charterVersion: charter.version,
        ...limitersFrom(env),
      }),
    );
    return (await service)(attempt);
  };
  let shell: Promise<string> | undefined;
  return {
    handle,
    allowedOrigins: (env("ALLOWED_ORIGINS") ?? "")
      .split(",")
      .map((origin) => origin.trim())
      .filter(Boolean),
    loadShell: (requestUrl) => {
      shell ??= fetch(new URL("/pledge/", requestUrl), { signal: AbortSignal.timeout(5000) }).then(async (response) => {
        if (!response.ok) throw new Error(`/pledge/ answered ${response.status}`);
        return response.text();
      });
      // A failed fetch is tried again next time rather than remembered.
      shell.catch(() => {
        shell = undefined;
      });
      return shell;
    },
  };
}
