/**
 * A small server that behaves like Netlify for the built site: dist/ (or another build's folder)
 * as static files (pretty URLs, 404.html, the headers in its _headers) and the pledge function at
 * its path.
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";

export const distDir = fileURLToPath(new URL("../../dist/", import.meta.url));

export type FunctionHandler = (request: Request, context: { ip: string }) => Promise<Response>;

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".csv": "text/csv; charset=utf-8",
};

async function fileFor(dir: string, pathname: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const safe = normalize(decoded).replace(/^(\.\.[/\\])+/, "");
  for (const candidate of [join(dir, safe), join(dir, safe, "index.html")]) {
    if (!candidate.startsWith(dir)) continue;
    const info = await stat(candidate).catch(() => undefined);
    if (info?.isFile()) return candidate;
  }
  return undefined;
}

function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(`${origin}${req.url ?? "/"}`, {
    method: req.method ?? "GET",
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream) : null,
    duplex: "half",
  } as RequestInit);
}

/** The rules of a build's _headers (dist/ unless told), as Netlify reads them: a path pattern, then indented headers. */
export async function readHeadersFile(dir = distDir): Promise<{ pattern: RegExp; headers: [string, string][] }[]> {
  const text = await readFile(join(dir, "_headers"), "utf8").catch(() => "");
  const rules: { pattern: RegExp; headers: [string, string][] }[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      const pattern = new RegExp(
        `^${line
          .trim()
          .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
          .replace(/\*/g, ".*")}$`,
      );
      rules.push({ pattern, headers: [] });
    } else {
      const [name = "", ...value] = line.trim().split(":");
      rules.at(-1)?.headers.push([name.trim(), value.join(":").trim()]);
    }
  }
  return rules;
}

async function send(res: ServerResponse, response: Response) {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.end(Buffer.from(await response.arrayBuffer()));
}

export async function startBuiltSiteServer(options: {
  port?: number;
  functions: Record<string, FunctionHandler>;
  /** A build written elsewhere than dist/ (astro build --outDir), such as a test's own. */
  dir?: string;
}): Promise<{ server: Server; origin: string; close: () => Promise<void> }> {
  let origin = "";
  // Ends with a separator, as distDir does, so a sibling folder sharing its name's start is never served.
  const dir = options.dir ? join(resolve(options.dir), sep) : distDir;
  const headerRules = await readHeadersFile(dir);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", origin);
      const handler = options.functions[url.pathname];
      if (handler)
        return await send(res, await handler(toRequest(req, origin), { ip: req.socket.remoteAddress ?? "unknown" }));
      if (req.method !== "GET" && req.method !== "HEAD") {
        return await send(res, new Response("Method not allowed", { status: 405, headers: { Allow: "GET, HEAD" } }));
      }
      const file = await fileFor(dir, url.pathname);
      const path = file ?? join(dir, "404.html");
      res.statusCode = file ? 200 : 404;
      res.setHeader("Content-Type", types[extname(path)] ?? "application/octet-stream");
      // Later rules win, as the more specific ones come later in _headers.
      for (const rule of headerRules) {
        if (rule.pattern.test(url.pathname)) for (const [name, value] of rule.headers) res.setHeader(name, value);
      }
      if (req.method === "HEAD") return res.end();
      createReadStream(path).pipe(res);
    } catch (error) {
      console.error(`built-site server: ${(error as Error).name}`);
      res.statusCode = 500;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    server,
    origin,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
