/**
 * Every setting the site takes from its environment, read in this one place and checked by one
 * schema: which database, public-wall source, queue, mailer and rebuild-state store to use, the
 * site's address, the secrets and the limits. A function reads it once, when it loads; a setting
 * that is malformed fails then, naming the setting. A choice that needs two settings together
 * (Supabase's address and its key) fails where it is first used, naming the one that is missing,
 * so the build, which never writes, does not need the service role key.
 */
import { z } from "zod";
import { embeddedDataDir, embeddedOutboxDir, embeddedQueueDir, embeddedRebuildStateFile } from "./local-data.ts";
import { type Env, isOnNetlify, runtimeEnv } from "./runtime-env.ts";

export type ServerStoreChoice =
  | { kind: "supabase"; url: string; serviceRoleKey: string }
  | { kind: "postgres"; connectionString: string };
export type StoreChoice = ServerStoreChoice | { kind: "pglite"; dataDir: string };

export type ServerPublicWallSource =
  | { kind: "supabase"; url: string; anonKey: string }
  | { kind: "postgres"; connectionString: string };
export type PublicWallSource = ServerPublicWallSource | { kind: "pglite"; dataDir: string };

export type QueueChoice = { kind: "blobs" } | { kind: "folder"; dir: string };
export type RebuildStateChoice = { kind: "blobs" } | { kind: "file"; path: string };
export type MailerChoice = { kind: "notify"; apiKey: string; templateId: string } | { kind: "outbox"; dir: string };

export interface MailSettings {
  mailer: MailerChoice;
  /** Where the council is told of new pledges; the outbox stands in for it locally. */
  councilInbox: string;
}

export interface RateLimits {
  checksPerMinute: number;
  submitsPerMinute: number;
  submitsPerHour: number;
}

export interface Config {
  /** Supabase when SUPABASE_URL is set, a PostgreSQL server when DATABASE_URL is, else the embedded database. */
  readonly store: StoreChoice;
  /** The store for a deployed function, which only ever speaks to Supabase or a PostgreSQL server. */
  readonly serverStore: ServerStoreChoice;
  /** Where the public wall is read from, as the anonymous role: the same database as the store. */
  readonly publicWall: PublicWallSource;
  readonly serverPublicWall: ServerPublicWallSource;
  /** Netlify Blobs inside Netlify, otherwise a folder beside the embedded database. */
  readonly queue: QueueChoice;
  readonly rebuildState: RebuildStateChoice;
  /** GOV.UK Notify when NOTIFY_API_KEY is set, otherwise the outbox folder. */
  readonly mail: MailSettings;
  /** SITE_URL, else the address Netlify gives every build and function (URL). */
  readonly siteUrl: string | undefined;
  readonly tokenSecret: string | undefined;
  /** PLEDGE_TOKEN_SECRET, which a deployed function cannot work without. */
  readonly requiredTokenSecret: string;
  readonly buildHookUrl: string | undefined;
  readonly allowedOrigins: readonly string[];
  readonly rateLimits: RateLimits;
  /** Who is making status changes from the command line, when --by does not say. */
  readonly officer: string | undefined;
  /** The folders the embedded setup writes pledges and e-mails to, whichever store and mailer are chosen. */
  readonly localFolders: { dataDir: string; outboxDir: string };
}

/** A setting that is wrong or missing, by name; its value is never repeated, as it may be a secret. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

// An empty value is an unset one, as a shell's `NAME= command` and the tests' "" mean.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());

const text = () => optional(z.string().trim());
const webAddress = (error: string) => optional(z.url({ protocol: /^https?$/, error }));
const perWindow = (error: string, fallback: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.coerce.number({ error }).int({ error }).positive({ error }).default(fallback),
  );

const environmentSchema = z.object({
  SUPABASE_URL: webAddress("must be the Supabase project's address, like https://abcd.supabase.co"),
  SUPABASE_SERVICE_ROLE_KEY: text(),
  SUPABASE_ANON_KEY: text(),
  DATABASE_URL: optional(
    z.url({
      protocol: /^postgres(ql)?$/,
      error: "must be a PostgreSQL address, like postgresql://user:password@host:5432/database",
    }),
  ),
  PGLITE_DATA_DIR: text(),
  PLEDGE_QUEUE_DIR: text(),
  OUTBOX_DIR: text(),
  WALL_REBUILD_STATE_FILE: text(),
  NETLIFY_BLOBS_CONTEXT: text(),
  NOTIFY_API_KEY: text(),
  NOTIFY_TEMPLATE_ID: text(),
  COUNCIL_INBOX: optional(z.email({ error: "must be an e-mail address" })),
  SITE_URL: webAddress("must be the site's public address, like https://charter.example"),
  URL: webAddress("must be the site's public address, like https://charter.example"),
  PLEDGE_TOKEN_SECRET: text(),
  NETLIFY_BUILD_HOOK_URL: webAddress("must be the build hook's https:// address"),
  ALLOWED_ORIGINS: text(),
  PLEDGE_CHECKS_PER_MINUTE: perWindow("must be a whole number above 0", 30),
  PLEDGE_SUBMITS_PER_MINUTE: perWindow("must be a whole number above 0", 5),
  PLEDGE_SUBMITS_PER_HOUR: perWindow("must be a whole number above 0", 30),
  PLEDGES_OFFICER: text(),
});

type Settings = z.infer<typeof environmentSchema>;

/** The names of every setting the site reads, for the layer test that holds this the only place. */
export const settingNames = Object.keys(environmentSchema.shape);

/** Reads and checks the environment; throws one ConfigError naming every malformed setting. */
export function readConfig(env: Env = runtimeEnv): Config {
  const raw = Object.fromEntries(Object.keys(environmentSchema.shape).map((name) => [name, env(name)]));
  const parsed = environmentSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`);
    throw new ConfigError(`The site's settings are wrong: ${problems.join("; ")}`);
  }
  return configFrom(parsed.data, isOnNetlify(env));
}

function configFrom(settings: Settings, onNetlify: boolean): Config {
  const store = (): StoreChoice => {
    const { SUPABASE_URL: url, DATABASE_URL: connectionString } = settings;
    if (!url && connectionString) return { kind: "postgres", connectionString };
    if (!url) return { kind: "pglite", dataDir: settings.PGLITE_DATA_DIR ?? embeddedDataDir };
    const serviceRoleKey = settings.SUPABASE_SERVICE_ROLE_KEY;
    if (!serviceRoleKey) throw new ConfigError("SUPABASE_URL is set but SUPABASE_SERVICE_ROLE_KEY is not");
    return { kind: "supabase", url, serviceRoleKey };
  };
  const publicWall = (): PublicWallSource => {
    const { SUPABASE_URL: url, DATABASE_URL: connectionString } = settings;
    if (url) {
      const anonKey = settings.SUPABASE_ANON_KEY;
      if (!anonKey)
        throw new ConfigError("SUPABASE_URL is set but SUPABASE_ANON_KEY, which the wall is read with, is not");
      return { kind: "supabase", url, anonKey };
    }
    if (connectionString) return { kind: "postgres", connectionString };
    return { kind: "pglite", dataDir: settings.PGLITE_DATA_DIR ?? embeddedDataDir };
  };
  const onServer = <T extends { kind: string }>(choice: T): Exclude<T, { kind: "pglite" }> => {
    if (choice.kind === "pglite")
      throw new ConfigError(
        "neither SUPABASE_URL nor DATABASE_URL is set: a function speaks only to Supabase or a PostgreSQL server (npm start serves the embedded database and sets DATABASE_URL)",
      );
    return choice as Exclude<T, { kind: "pglite" }>;
  };
  const mail = (): MailSettings => {
    const apiKey = settings.NOTIFY_API_KEY;
    if (apiKey) {
      const templateId = settings.NOTIFY_TEMPLATE_ID;
      if (!templateId) throw new ConfigError("NOTIFY_API_KEY is set but NOTIFY_TEMPLATE_ID is not");
      if (!settings.COUNCIL_INBOX) throw new ConfigError("NOTIFY_API_KEY is set but COUNCIL_INBOX is not");
      return { mailer: { kind: "notify", apiKey, templateId }, councilInbox: settings.COUNCIL_INBOX };
    }
    return {
      mailer: { kind: "outbox", dir: settings.OUTBOX_DIR ?? embeddedOutboxDir },
      councilInbox: settings.COUNCIL_INBOX ?? "council-inbox@localhost",
    };
  };
  return {
    get store() {
      return store();
    },
    get serverStore() {
      return onServer(store());
    },
    get publicWall() {
      return publicWall();
    },
    get serverPublicWall() {
      return onServer(publicWall());
    },
    queue: onNetlify ? { kind: "blobs" } : { kind: "folder", dir: settings.PLEDGE_QUEUE_DIR ?? embeddedQueueDir },
    rebuildState: onNetlify
      ? { kind: "blobs" }
      : { kind: "file", path: settings.WALL_REBUILD_STATE_FILE ?? embeddedRebuildStateFile },
    get mail() {
      return mail();
    },
    siteUrl: settings.SITE_URL ?? settings.URL,
    tokenSecret: settings.PLEDGE_TOKEN_SECRET,
    get requiredTokenSecret() {
      if (!settings.PLEDGE_TOKEN_SECRET)
        throw new ConfigError("PLEDGE_TOKEN_SECRET must be set when the database is not the embedded one");
      return settings.PLEDGE_TOKEN_SECRET;
    },
    buildHookUrl: settings.NETLIFY_BUILD_HOOK_URL,
    allowedOrigins: (settings.ALLOWED_ORIGINS ?? "")
      .split(",")
      .map((origin) => origin.trim())
      .filter(Boolean),
    rateLimits: {
      checksPerMinute: settings.PLEDGE_CHECKS_PER_MINUTE,
      submitsPerMinute: settings.PLEDGE_SUBMITS_PER_MINUTE,
      submitsPerHour: settings.PLEDGE_SUBMITS_PER_HOUR,
    },
    officer: settings.PLEDGES_OFFICER,
    localFolders: {
      dataDir: settings.PGLITE_DATA_DIR ?? embeddedDataDir,
      outboxDir: settings.OUTBOX_DIR ?? embeddedOutboxDir,
    },
  };
}

/** The dev server's own address: where a site without SITE_URL or URL (only ever a local one) runs. */
export const localSiteUrl = "http://localhost:4321";

const loopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

/**
 * The one rule for the address links and pages point at: SITE_URL, else Netlify's URL, else, in
 * development only, where the person is (a request to this machine, whatever port the dev server
 * took) or the dev server's default address when there is no request (Netlify sets URL for every
 * deployed build and function, so a run without either is a local one). A Host header from
 * elsewhere never chooses where links lead.
 */
export function siteUrlFor(config: Pick<Config, "siteUrl">): string;
export function siteUrlFor(config: Pick<Config, "siteUrl">, requestOrigin: string): string | undefined;
export function siteUrlFor(config: Pick<Config, "siteUrl">, requestOrigin?: string): string | undefined {
  if (config.siteUrl) return config.siteUrl;
  if (requestOrigin === undefined) return localSiteUrl;
  return loopbackHosts.includes(new URL(requestOrigin).hostname) ? requestOrigin : undefined;
}

/**
 * Settings the dev server hands to the functions it starts: workers copy its environment when
 * they start, and functions answered in its own process read it when they load.
 */
export function handToFunctions(settings: {
  DATABASE_URL?: string | undefined;
  PLEDGE_TOKEN_SECRET?: string | undefined;
  SITE_URL?: string | undefined;
}): void {
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}
