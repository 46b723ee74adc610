/**
 * The site's settings, read once from the environment: which adapters they choose, the one rule
 * for the site's address, and a clear error naming a setting that is wrong or missing.
 */
import { describe, expect, it } from "vitest";
import { ConfigError, localSiteUrl, readConfig, siteUrlFor } from "../../src/config.ts";

const configOf = (values: Record<string, string>) => readConfig((name) => values[name]);

describe("choosing the database", () => {
  it("is Supabase when its address is set, a PostgreSQL server with DATABASE_URL, else the embedded one", () => {
    expect(configOf({ SUPABASE_URL: "https://abcd.supabase.co", SUPABASE_SERVICE_ROLE_KEY: "key" }).store).toEqual({
      kind: "supabase",
      url: "https://abcd.supabase.co",
      serviceRoleKey: "key",
    });
    expect(configOf({ DATABASE_URL: "postgresql://u:p@db.example:5432/charter" }).store).toEqual({
      kind: "postgres",
      connectionString: "postgresql://u:p@db.example:5432/charter",
    });
    expect(configOf({ PGLITE_DATA_DIR: "/tmp/pglite" }).store).toEqual({ kind: "pglite", dataDir: "/tmp/pglite" });
  });

  it("takes an empty setting as unset", () => {
    expect(configOf({ SUPABASE_URL: "", DATABASE_URL: "", PGLITE_DATA_DIR: "/tmp/pglite" }).store.kind).toBe("pglite");
  });

  it("names the key that is missing, when it is needed", () => {
    const config = configOf({ SUPABASE_URL: "https://abcd.supabase.co", SUPABASE_ANON_KEY: "anon" });
    expect(config.publicWall).toMatchObject({ kind: "supabase", anonKey: "anon" });
    expect(() => config.store).toThrow(/SUPABASE_SERVICE_ROLE_KEY/);
  });

  it("never gives a function the embedded database, and says what to set instead", () => {
    const config = configOf({});
    expect(() => config.serverStore).toThrow(ConfigError);
    expect(() => config.serverStore).toThrow(/SUPABASE_URL.*DATABASE_URL/);
    expect(() => config.serverPublicWall).toThrow(/DATABASE_URL/);
    expect(configOf({ DATABASE_URL: "postgres://127.0.0.1/x" }).serverStore.kind).toBe("postgres");
  });

  it("asks for the token secret wherever the database is not the embedded one", () => {
    expect(() => configOf({ DATABASE_URL: "postgres://127.0.0.1/x" }).requiredTokenSecret).toThrow(
      /PLEDGE_TOKEN_SECRET/,
    );
    expect(configOf({ PLEDGE_TOKEN_SECRET: "a-long-random-secret" }).requiredTokenSecret).toBe("a-long-random-secret");
  });
});

describe("a setting that is wrong", () => {
  it.each([
    ["DATABASE_URL", "https://not-a-database.example"],
    ["SUPABASE_URL", "wxyz-project"],
    ["SITE_URL", "stevenage-charter-site"],
    ["PLEDGE_SUBMITS_PER_MINUTE", "five"],
    ["PLEDGE_CHECKS_PER_MINUTE", "-3"],
    ["COUNCIL_INBOX", "the council"],
  ])("fails with one error naming %s, never repeating its value", (name, value) => {
    expect(() => configOf({ [name]: value })).toThrow(ConfigError);
    expect(() => configOf({ [name]: value })).toThrow(new RegExp(`\\b${name}\\b`));
    try {
      configOf({ [name]: value });
    } catch (error) {
      expect((error as Error).message).not.toContain(value);
    }
  });

  it("lists every wrong setting in the one error", () => {
    expect(() => configOf({ SITE_URL: "nowhere", PLEDGE_SUBMITS_PER_HOUR: "-1" })).toThrow(
      /SITE_URL.*PLEDGE_SUBMITS_PER_HOUR/,
    );
  });
});

describe("the rate limits", () => {
  it("are the petitions-style defaults unless a setting raises them", () => {
    expect(configOf({}).rateLimits).toEqual({ checksPerMinute: 30, submitsPerMinute: 5, submitsPerHour: 30 });
    expect(configOf({ PLEDGE_SUBMITS_PER_MINUTE: "1000" }).rateLimits.submitsPerMinute).toBe(1000);
  });
});

describe("the address e-mailed links point at", () => {
  it("is the configured site, whatever address a request came to", () => {
    expect(siteUrlFor(configOf({ SITE_URL: "https://charter.example" }), "http://localhost:4322")).toBe(
      "https://charter.example",
    );
    expect(siteUrlFor(configOf({ URL: "https://site.netlify.app" }), "http://localhost:4322")).toBe(
      "https://site.netlify.app",
    );
    expect(
      siteUrlFor(configOf({ SITE_URL: "https://charter.example", URL: "https://site.netlify.app" }), "http://x"),
    ).toBe("https://charter.example");
  });

  it.each(["http://localhost:4322", "http://127.0.0.1:5000", "http://[::1]:4321"])(
    "is the development server's own address, %s, when none is configured",
    (origin) => {
      expect(siteUrlFor(configOf({}), origin)).toBe(origin);
    },
  );

  it("is never chosen by a request that names another host", () => {
    expect(siteUrlFor(configOf({}), "https://evil.example")).toBeUndefined();
  });

  it("is the dev server's address where there is no request and nothing is configured", () => {
    expect(siteUrlFor(configOf({}))).toBe(localSiteUrl);
    expect(siteUrlFor(configOf({ URL: "https://site.netlify.app" }))).toBe("https://site.netlify.app");
  });
});
