/**
 * Real HTTP servers on 127.0.0.1 for the rebuild check to talk to: a build hook that records
 * every request it gets, and a deployed site that serves whichever wall version a test has
 * "published". Each listens on a port the system picks.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type WallVersion, wallVersionPath } from "../../../src/wall/wall-version.ts";

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const closeServer = (server: Server) =>
  new Promise<void>((resolve, reject) => {
    server.closeAllConnections();
    server.close((error) => (error ? reject(error) : resolve()));
  });

/** Answers like Netlify's build hook endpoint (200, empty body) unless told to fail. */
export async function startBuildHook() {
  const requests: RecordedRequest[] = [];
  const hook = { status: 200, requests, url: "", close: () => closeServer(server) };
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    requests.push({ method: request.method ?? "", path: url.pathname, query: url.searchParams });
    request.resume();
    response.writeHead(hook.status).end();
  });
  hook.url = await listen(server);
  return hook;
}

/** The deployed site's /data/wall-version.json: absent until a version is published. */
export async function startDeployedSite() {
  const site = {
    published: undefined as WallVersion | undefined,
    url: "",
    close: () => closeServer(server),
  };
  const server = createServer((request, response) => {
    if (request.url?.split("?")[0] !== wallVersionPath || !site.published) {
      response.writeHead(404).end("Not found");
      return;
    }
    response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(site.published));
  });
  site.url = await listen(server);
  return site;
}
