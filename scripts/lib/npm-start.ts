/**
 * Runs `npm start` as a person would, on a free port with its data in a folder of the caller's
 * choosing, and stops it as Ctrl-C in a terminal does (SIGINT to the whole process group). For
 * tests and benchmarks of the README's first command; it only ever listens on this machine.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

export interface RunningNpmStart {
  origin: string;
  /** What the server printed so far, for a failure message. */
  output(): string;
  /** Ctrl-C, then waits for every process of the group to end. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Settings that would point the server at another database are left out on purpose, and so is
 * a test runner's own environment (NODE_ENV=test, VITEST…), which changes how the dev server runs.
 */
function environmentFor(dataDir: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(SUPABASE_URL|DATABASE_URL|NOTIFY_API_KEY|NODE_ENV|VITEST.*|TEST)$/.test(name),
    ),
  );
  return {
    ...inherited,
    PGLITE_DATA_DIR: join(dataDir, "pglite"),
    PLEDGE_QUEUE_DIR: join(dataDir, "queue"),
    OUTBOX_DIR: join(dataDir, "outbox"),
    ...extra,
  };
}

export async function startNpmStart(
  dataDir: string,
  options: { env?: Record<string, string>; readyTimeoutMs?: number } = {},
): Promise<RunningNpmStart> {
  const port = await freePort();
  const child: ChildProcess = spawn("npm", ["start", "--", "--port", String(port), "--host", "127.0.0.1"], {
    cwd: root,
    env: environmentFor(dataDir, options.env ?? {}),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let printed = "";
  child.stdout?.on("data", (chunk) => (printed += chunk));
  child.stderr?.on("data", (chunk) => (printed += chunk));
  const exited = once(child, "exit");
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.pid) process.kill(-child.pid, "SIGINT");
    await exited;
  };
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start ended before it served the site:\n${printed}`);
    try {
      if ((await fetch(`${origin}/`, { signal: AbortSignal.timeout(5000) })).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`npm start did not serve ${origin}/ in time:\n${printed}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { origin, output: () => printed, stop };
}
