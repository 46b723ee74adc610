/**
 * What each built page costs a visitor: its HTML and the CSS and JavaScript it loads, raw and
 * compressed as a CDN serves them (Brotli, and gzip for older clients). Shared by the budget test
 * and the benchmark table so both measure the same thing.
 */
import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { parse } from "node-html-parser";

export interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface PageWeight {
  url: string;
  html: Size;
  css: Size;
  js: Size;
}

export const budgets = {
  /** HTML + CSS of any page, compressed. */
  pageBytes: 50 * 1024,
  /** The pledge form's JavaScript, at most this many bytes compressed, gzip and Brotli alike. */
  formScriptBytes: 8 * 1024,
  /** The wall's list pages' one script, which combines their filters, compressed. */
  wallScriptBytes: 3 * 1024,
} as const;

export function sizeOf(bytes: Buffer): Size {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const add = (a: Size, b: Size): Size => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });
const none: Size = { raw: 0, gzip: 0, brotli: 0 };

// Every page loads the same stylesheet: it is compressed once, not once per page.
const assetSizes = new Map<string, Size>();

// A static import in a built module: `import"./chunk.js"` or `import{a}from"./chunk.js"`.
const staticImport = /\bimport\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+\.js)["']/g;

/**
 * The scripts a page names and every chunk they import before running: when two pages share a
 * script, the bundler moves it into a chunk the named file only imports, and the visitor loads both.
 */
function modulesOf(distDir: string, sources: string[]): string[] {
  const seen = new Set<string>();
  const visit = (href: string) => {
    const path = href.split("?")[0] ?? href;
    if (seen.has(path)) return;
    seen.add(path);
    const code = readFileSync(join(distDir, path), "utf8");
    for (const [, imported] of code.matchAll(staticImport)) {
      if (imported) visit(imported.startsWith(".") ? posix.join(posix.dirname(path), imported) : imported);
    }
  };
  for (const source of sources) visit(source);
  return [...seen];
}

export function pageWeight(distDir: string, url: string, htmlFile: string): PageWeight {
  const html = readFileSync(htmlFile);
  const document = parse(html.toString("utf8"));
  const asset = (href: string) => {
    const path = join(distDir, href.split("?")[0] ?? href);
    let size = assetSizes.get(path);
    if (!size) {
      size = sizeOf(readFileSync(path));
      assetSizes.set(path, size);
    }
    return size;
  };
  const css = document
    .querySelectorAll('link[rel="stylesheet"]')
    .map((link) => asset(link.getAttribute("href") ?? ""))
    .reduce(add, none);
  const js = modulesOf(
    distDir,
    document.querySelectorAll("script[src]").map((script) => script.getAttribute("src") ?? ""),
  )
    .map(asset)
    .reduce(
      add,
      sizeOf(
        Buffer.from(
          document
            .querySelectorAll("script:not([src])")
            .map((s) => s.rawText)
            .join(""),
        ),
      ),
    );
  return { url, html: sizeOf(html), css, js };
}
