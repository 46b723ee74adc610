/**
 * `npm start` answers the site's own function routes (/api/pledge, /api/withdraw) in the dev
 * server's process, with the real handlers and real Request objects. Netlify's emulation builds a
 * function afresh into a new folder and starts a new worker for every call, about 2 s each (more
 * on a busy machine), which made the form slow to use and its tests slow to trust. Handlers are
 * loaded through Vite, so an edit to their code takes effect on the next request. Scheduled
 * functions, which have no route, are still served by Netlify's emulation.
 */
import { readdir } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { Plugin, ViteDevServer } from "vite";

type Handler = (request: Request, context: { ip?: string; requestId?: string }) => Promise<Response>;

interface FunctionModule {
  default?: Handler;
  config?: { path?: string | string[]; method?: string | string[] };
}

interface Route {
  file: string;
  methods: string[] | undefined;
}

const functionsDir = "netlify/functions";

/** Which file answers which path, from each function's own config export. */
async function routesOf(server: ViteDevServer): Promise<Map<string, Route>> {
  const routes = new Map<string, Route>();
  const files = (await readdir(new URL(`../../${functionsDir}/`, import.meta.url))).filter((file) =>
    /\.[cm]?[jt]s$/.test(file),
  );
  for (const file of files) {
    const path = `/${functionsDir}/${file}`;
    const { config } = (await server.ssrLoadModule(path)) as FunctionModule;
    const methods = config?.method === undefined ? undefined : [config.method].flat();
    for (const route of [config?.path ?? []].flat()) routes.set(route, { file: path, methods });
  }
  return routes;
}

function requestFrom(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const item of [value ?? []].flat()) headers.append(name, item);
  }
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(new URL(req.url ?? "/", origin), {
    method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
  } as RequestInit);
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res.appendHeader(name, value);
  res.end(Buffer.from(await response.arrayBuffer()));
}

export function functionsInProcess(): Plugin {
  let routes: Promise<Map<string, Route>> | undefined;
  return {
    name: "functions-in-process",
    apply: "serve",
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const path = (req.url ?? "/").split("?")[0] ?? "/";
        // Loaded on first use, once the dev server (and so the embedded database) is set up.
        routes ??= routesOf(server);
        const route = (await routes).get(path) ?? (await routes).get(path.replace(/\/$/, ""));
        if (!route || (route.methods && !route.methods.includes(req.method ?? "GET"))) return next();
        try {
          const handler = ((await server.ssrLoadModule(route.file)) as FunctionModule).default;
          if (!handler) return next();
          const origin = `http://${req.headers.host ?? "localhost"}`;
          await send(
            res,
            await handler(requestFrom(req, origin), {
              ip: req.socket.remoteAddress ?? "",
              requestId: crypto.randomUUID(),
            }),
          );
        } catch (error) {
          // Never a stack trace to the browser: the terminal has it.
          server.config.logger.error(`${path}: ${(error as Error).stack ?? error}`);
          res.statusCode = 500;
          res.end("The function failed; see the terminal running npm start.");
        }
      });
    },
  };
}
