/**
 * Run in a fresh `node` process by function-bundles.ts: imports one unzipped function bundle as
 * Netlify's runtime does (its bootstrap, which installs the Netlify global, then the function
 * module) and, where it has one, answers a first request through its handler. Prints the times
 * as JSON. With "baseline" it imports an empty module instead, for the ratio.
 * Usage: node function-bundle-child.ts <unzipped folder> <function's module in it> [request JSON] | baseline <empty module>
 */
import { pathToFileURL } from "node:url";

interface FirstRequest {
  url: string;
  method: string;
  headers?: Record<string, string>;
  body?: string;
}

const [folder = "", module = "", requestJson] = process.argv.slice(2);
const started = performance.now();
if (folder === "baseline") {
  await import(pathToFileURL(module).href);
  console.log(JSON.stringify({ importMs: performance.now() - started }));
} else {
  await import(pathToFileURL(`${folder}/___netlify-bootstrap.mjs`).href);
  const fn = (await import(pathToFileURL(`${folder}/${module}`).href)) as {
    default: (request: Request, context: object) => Promise<Response>;
  };
  const importMs = performance.now() - started;
  let requestMs: number | undefined;
  let status: number | undefined;
  if (requestJson) {
    const asked = JSON.parse(requestJson) as FirstRequest;
    const before = performance.now();
    const response = await fn.default(
      new Request(asked.url, { method: asked.method, headers: asked.headers ?? {}, body: asked.body ?? null }),
      { ip: "192.0.2.10", requestId: "bench" },
    );
    await response.arrayBuffer();
    requestMs = performance.now() - before;
    status = response.status;
  }
  console.log(JSON.stringify({ importMs, requestMs, status }));
}
process.exit(0);
