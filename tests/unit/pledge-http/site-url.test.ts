import { describe, expect, it } from "vitest";
import { siteUrlFor } from "../../../src/pledge-http/production-dependencies.ts";

const envOf = (values: Record<string, string>) => (name: string) => values[name];

describe("the address e-mailed links point at", () => {
  it("is the configured site, whatever address a request came to", () => {
    expect(siteUrlFor(envOf({ SITE_URL: "https://charter.example" }), "http://localhost:4322")).toBe(
      "https://charter.example",
    );
    expect(siteUrlFor(envOf({ URL: "https://site.netlify.app" }), "http://localhost:4322")).toBe(
      "https://site.netlify.app",
    );
  });

  it.each(["http://localhost:4322", "http://127.0.0.1:5000", "http://[::1]:4321"])(
    "is the development server's own address, %s, when none is configured",
    (origin) => {
      expect(siteUrlFor(envOf({}), origin)).toBe(origin);
    },
  );

  it("is never chosen by a request that names another host", () => {
    expect(siteUrlFor(envOf({}), "https://evil.example")).toBeUndefined();
  });
});
