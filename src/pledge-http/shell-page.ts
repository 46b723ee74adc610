/**
 * A page a function answers with: a static page of the site (the shell) with its journey swapped,
 * sent with the site's security headers. The built site emits no inline style, so its pages keep
 * the strict policy unchanged. The dev server's pages carry the styles Vite injects inline; the
 * policy allows exactly those, by hash, so `npm start` shows function pages styled. A style
 * written into the journey (from anything a person typed, which is escaped anyway) can never
 * match a hash taken from the shell before the journey was put in.
 */
import { createHash } from "node:crypto";
import type { Markup } from "../pledge-form/html.ts";
import { fillShell } from "../pledge-form/page-shell.ts";
import { contentSecurityPolicy, securityHeaders } from "../security-headers.ts";

const inlineStyle = /<style\b[^>]*>([\s\S]*?)<\/style>/gi;

/** The site's policy, with the hash of each inline style the shell itself carries. */
export function policyForShell(shell: string): string {
  const hashes = [...shell.matchAll(inlineStyle)].map(
    ([, css = ""]) => `'sha256-${createHash("sha256").update(css, "utf8").digest("base64")}'`,
  );
  if (hashes.length === 0) return contentSecurityPolicy;
  return contentSecurityPolicy.replace("style-src 'self'", `style-src 'self' ${[...new Set(hashes)].join(" ")}`);
}

export function shellPage(
  shell: string,
  page: { title: string; content: Markup },
  status: number,
  headers: Record<string, string> = {},
): Response {
  return new Response(fillShell(shell, page), {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      ...securityHeaders,
      "Content-Security-Policy": policyForShell(shell),
      "Cache-Control": "no-store",
      ...headers,
    },
  });
}
