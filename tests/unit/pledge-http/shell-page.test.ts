import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { html } from "../../../src/pledge-form/html.ts";
import { journeyEnd, journeyStart } from "../../../src/pledge-form/page-shell.ts";
import { policyForShell, shellPage } from "../../../src/pledge-http/shell-page.ts";
import { contentSecurityPolicy } from "../../../src/security-headers.ts";

const shellWith = (head: string) =>
  `<!doctype html><html lang="en-GB"><head><title>Make a pledge – Stevenage Charter</title>${head}</head><body>${journeyStart}${journeyEnd}</body></html>`;
const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

describe("a page drawn in a shell", () => {
  it("keeps the site's policy unchanged for a built page, which links its styles", () => {
    expect(policyForShell(shellWith('<link rel="stylesheet" href="/_astro/site.css">'))).toBe(contentSecurityPolicy);
  });

  it("allows exactly the styles the development server wrote inline in the shell, by hash", () => {
    const css = ".govuk-body { color: #0b0c0c; }";
    const policy = policyForShell(shellWith(`<style type="text/css" data-vite-dev-id="site.scss">${css}</style>`));
    const styleSource = policy.split("; ").find((directive) => directive.startsWith("style-src"));
    expect(styleSource).toBe(`style-src 'self' ${sha256(css)}`);
    expect(policy).not.toContain("unsafe-inline");
  });

  it("never allows a style that arrives in the journey", async () => {
    const response = shellPage(
      shellWith(""),
      { title: "Check", content: html`${"<style>body{display:none}</style>"}` },
      200,
    );
    expect(response.headers.get("content-security-policy")).toBe(contentSecurityPolicy);
    expect(await response.text()).toContain("&lt;style&gt;");
  });
});
