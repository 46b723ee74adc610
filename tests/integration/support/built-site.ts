/** Reads the built site in dist/ the way a crawler would: pages by URL, links resolved to files. */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { type HTMLElement, parse } from "node-html-parser";

export const distDir = join(import.meta.dirname, "../../../dist");

export function assertBuilt() {
  if (!existsSync(join(distDir, "index.html"))) {
    throw new Error("dist/ is empty: run `npm run build` first (npm test does this for you)");
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export function builtFiles(extension: string): string[] {
  return walk(distDir).filter((path) => path.endsWith(extension));
}

/** "/actions/x/" for dist/actions/x/index.html, "/404.html" for dist/404.html. */
export function urlOf(file: string): string {
  const path = `/${relative(distDir, file).split(sep).join("/")}`;
  return path.endsWith("/index.html") ? path.slice(0, -"index.html".length) : path;
}

/** The file a site-relative URL path would be served from, or undefined if none would. */
export function fileFor(pathname: string): string | undefined {
  const decoded = decodeURIComponent(pathname);
  const candidates = decoded.endsWith("/")
    ? [join(distDir, decoded, "index.html")]
    : [join(distDir, decoded), join(distDir, decoded, "index.html")];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

export function readPage(file: string): HTMLElement {
  return parse(readFileSync(file, "utf8"));
}

export function htmlPages(): { url: string; file: string; document: HTMLElement }[] {
  return builtFiles(".html").map((file) => ({ url: urlOf(file), file, document: readPage(file) }));
}
