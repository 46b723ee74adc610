/**
 * What each built page costs a visitor: its HTML and the CSS and JavaScript it loads, raw and
 * compressed as a CDN serves them (Brotli, and gzip for older clients). Shared by the budget test
 * and the benchmark table so both measure the same thing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
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
  /** The pledge form's JavaScript, compressed. */
  formScriptBytes: 15 * 1024,
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
  const js = document
    .querySelectorAll("script[src]")
    .map((script) => asset(script.getAttribute("src") ?? ""))
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
