/**
 * Every 5 minutes: rebuilds the static signatory wall when the database's public view of
 * approved pledges differs from the one the deployed site was built from, once the approvals
 * have settled (src/wall/rebuild-trigger.ts). Reading the database also keeps a Supabase
 * project on the free plan awake. Logs outcomes and versions only, never the hook's address.
 */
import type { Config } from "@netlify/functions";
import { readConfig } from "../../src/config.ts";
import { openPublicWallReader } from "../../src/storage/choose-public-wall-reader.ts";
import { openRebuildStateStore } from "../../src/storage/rebuild-state-store.ts";
import { callBuildHook, fetchDeployedVersion } from "../../src/wall/deployed-site.ts";
import { readPublicWallVersion } from "../../src/wall/public-signatories.ts";
import { checkWallRebuild } from "../../src/wall/rebuild-trigger.ts";

const settings = readConfig();
// Chosen once per worker, on its first run, so a wrong setting fails that run with its reason.
let wallReader: ReturnType<typeof openPublicWallReader> | undefined;

export default async () => {
  const hookUrl = settings.buildHookUrl;
  // The deployed site to compare with: SITE_URL, else the primary address Netlify sets (URL).
  const siteUrl = settings.siteUrl;
  const report = await checkWallRebuild({
    now: Date.now,
    state: openRebuildStateStore(settings.rebuildState),
    readDatabaseVersion: async () => {
      wallReader ??= openPublicWallReader(settings.serverPublicWall);
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
