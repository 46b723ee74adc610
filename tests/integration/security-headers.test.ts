/**
 * The headers in dist/_headers, and every page checked against them: the policy is strict, and
 * everything the build emits inline would be allowed by it (today: nothing inline at all).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, distDir, htmlPages } from "./support/built-site.ts";

function headerRules() {
  const rules = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of readFileSync(join(distDir, "_headers"), "utf8").split("\n")) {
    if (line.trim() === "") continue;
    if (!/^\s/.test(line)) {
      current = new Map();
      rules.set(line.trim(), current);
    } else {
      const [name = "", ...value] = line.trim().split(":");
      current?.set(name.trim().toLowerCase(), value.join(":").trim());
    }
  }
  return rules;
}

function directives(policy: string) {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name = "", ...sources]) => [name, sources]),
  );
}

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

beforeAll(assertBuilt);

describe("security headers", () => {
  const site = () => headerRules().get("/*") ?? new Map<string, string>();
  const policy = () => directives(site().get("content-security-policy") ?? "");

  it("sets a strict Content-Security-Policy on every page", () => {
    const csp = policy();
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
    expect(csp.get("script-src")).not.toContain("'unsafe-eval'");
    expect(csp.get("style-src")).not.toContain("'unsafe-inline'");
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
  });

  it.each([
    ["strict-transport-security", /max-age=\d{8,}; includeSubDomains/],
    ["x-content-type-options", /^nosniff$/],
    ["referrer-policy", /^(no-referrer|strict-origin-when-cross-origin|same-origin)$/],
    ["permissions-policy", /camera=\(\).*geolocation=\(\).*microphone=\(\)/],
    ["x-frame-options", /^DENY$/],
  ])("sets %s", (name, pattern) => {
    expect(site().get(name)).toMatch(pattern);
  });

  it("caches hashed assets for a year and makes pages revalidate", () => {
    expect(headerRules().get("/_astro/*")?.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(site().get("cache-control")).toMatch(/max-age=0, must-revalidate/);
  });

  it("allows every inline script and style the build emits, and loads nothing from elsewhere", () => {
    const csp = policy();
    const problems: string[] = [];
    for (const { url, document } of htmlPages()) {
      for (const script of document.querySelectorAll("script")) {
        const src = script.getAttribute("src");
        if (src) {
          if (!src.startsWith("/")) problems.push(`${url}: script from ${src}`);
        } else if (!csp.get("script-src")?.includes(sha256(script.rawText))) {
          problems.push(`${url}: inline script not allowed by its hash`);
        }
      }
      for (const style of document.querySelectorAll("style")) {
        if (!csp.get("style-src")?.includes(sha256(style.rawText))) problems.push(`${url}: inline <style> not allowed`);
      }
      for (const element of document.querySelectorAll("[style]")) {
        problems.push(`${url}: style attribute on <${element.tagName.toLowerCase()}> needs 'unsafe-inline'`);
      }
      for (const element of document.querySelectorAll("[onclick], [onload], [onsubmit], [onerror]")) {
        problems.push(`${url}: inline event handler on <${element.tagName.toLowerCase()}>`);
      }
      for (const link of document.querySelectorAll('link[rel="stylesheet"], img[src], iframe')) {
        const src = link.getAttribute("href") ?? link.getAttribute("src") ?? "";
        if (!src.startsWith("/") && !src.startsWith("data:")) problems.push(`${url}: loads ${src}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
