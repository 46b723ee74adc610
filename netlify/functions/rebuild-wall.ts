/**
 * Every 5 minutes: rebuilds the static signatory wall when the database's public view of
 * approved pledges differs from the one the deployed site was built from, once the approvals
 * have settled (src/wall/rebuild-trigger.ts). Reading the database also keeps a Supabase
 * project on the free plan awake. Logs outcomes and versions only, never the hook's address.
 */
import type { Config } from "@netlify/functions";
import { runtimeEnv } from "../../src/runtime-env.ts";
import { openPublicWallReader, publicWallSourceFrom } from "../../src/storage/choose-public-wall-reader.ts";
import { openRebuildStateStore, rebuildStateChoiceFrom } from "../../src/storage/rebuild-state-store.ts";
import { callBuildHook, fetchDeployedVersion } from "../../src/wall/deployed-site.ts";
import { readPublicWallVersion } from "../../src/wall/public-signatories.ts";
import { checkWallRebuild } from "../../src/wall/rebuild-trigger.ts";

// Chosen once per worker, on its first run, so a wrong setting fails that run with its reason.
let wallReader: ReturnType<typeof openPublicWallReader> | undefined;

export default async () => {
  const hookUrl = runtimeEnv("NETLIFY_BUILD_HOOK_URL");
  // Netlify sets URL to the primary address; SITE_URL overrides it, as in astro.config.mjs.
  const siteUrl = runtimeEnv("SITE_URL") ?? runtimeEnv("URL");
  const report = await checkWallRebuild({
    now: Date.now,
    state: openRebuildStateStore(rebuildStateChoiceFrom(runtimeEnv)),
    readDatabaseVersion: async () => {
      wallReader ??= openPublicWallReader(publicWallSourceFrom(runtimeEnv));
      return readPublicWallVersion(wallReader);
    },
    readDeployedVersion: async () => {
      if (!siteUrl) throw new Error("neither SITE_URL nor URL is set");
      return fetchDeployedVersion(siteUrl);
    },
    callBuildHook: hookUrl ? (version) => callBuildHook(hookUrl, version) : undefined,
  });
  console.info(JSON.stringify({ event: "rebuild-wall", ...report }));
  return new Response(JSON.stringify(report), { headers: { "Content-Type": "application/json" } });
};

export const config: Config = { schedule: "*/5 * * * *" };
