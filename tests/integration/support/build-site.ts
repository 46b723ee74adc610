/**
 * Builds the site as `npm run build` does, reading the wall from the embedded database in the
 * test's own folder and writing into a folder of its own: never dist/ or .data/.
 */
import { execFile } from "node:child_process";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const root = join(import.meta.dirname, "../../..");

export async function buildSiteFrom(dataDir: string, outDir: string): Promise<void> {
  await promisify(execFile)(process.execPath, ["node_modules/astro/bin/astro.mjs", "build", "--outDir", outDir], {
    cwd: root,
    env: { ...process.env, PGLITE_DATA_DIR: dataDir, SUPABASE_URL: "", DATABASE_URL: "" },
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Every file a build wrote, to search them all. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir);
  const nested = await Promise.all(
    entries.map(async (name) =>
      (await stat(join(dir, name))).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)],
    ),
  );
  return nested.flat();
}
