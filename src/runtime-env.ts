/** Environment variables as a function reads them: Netlify's own API there, process.env elsewhere. */
export type Env = (name: string) => string | undefined;

export const runtimeEnv: Env = (name) =>
  (globalThis as { Netlify?: { env: { get(name: string): string | undefined } } }).Netlify?.env.get(name) ??
  process.env[name];

/** Inside Netlify (a deployed function, or its local emulation), where the Blobs context is set. */
export const isOnNetlify = (env: Env): boolean =>
  Boolean(env("NETLIFY_BLOBS_CONTEXT") ?? (globalThis as { netlifyBlobsContext?: unknown }).netlifyBlobsContext);
