/**
 * The two requests the rebuild check makes: the deployed site's wall version, and the
 * Netlify build hook. Both give up after a timeout. The hook's address is a secret (anyone
 * holding it can start builds), so no error from here carries it or its cause.
 */
import { wallVersionPath, wallVersionSchema } from "./wall-version.ts";

export interface RequestOptions {
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The version the deployed site was built from; null when it publishes none (built before it did). */
export async function fetchDeployedVersion(siteUrl: string, options: RequestOptions = {}): Promise<string | null> {
  const { timeoutMs = 10_000, fetch: send = fetch } = options;
  const response = await send(new URL(wallVersionPath, siteUrl), {
    headers: { Accept: "application/json", "Cache-Control": "no-cache" },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`the site answered ${response.status} for ${wallVersionPath}`);
  const parsed = wallVersionSchema.safeParse(await response.json().catch(() => undefined));
  return parsed.success ? parsed.data.version : null;
}

/** Asks Netlify for a build; the deploy log shows which wall version it was for. */
export async function callBuildHook(hookUrl: string, version: string, options: RequestOptions = {}): Promise<void> {
  const { timeoutMs = 10_000, fetch: send = fetch } = options;
  const url = new URL(hookUrl);
  url.searchParams.set("trigger_title", `Signatory wall changed (version ${version.slice(0, 12)})`);
  let response: Response;
  try {
    response = await send(url, { method: "POST", signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    throw new Error("the build hook could not be reached");
  }
  await response.body?.cancel();
  if (!response.ok) throw new Error(`the build hook answered ${response.status}`);
}
