/**
 * What `npm run test:bundle` looks for besides secrets: anything from a developer's own machine
 * that a deploy from a working checkout would ship. A bundle must hold no file from .data/, no
 * .eml, and no contact e-mail address the local database or outbox knows, whatever file it
 * hides in. Kept apart from the bundling so a test can check the rules on a folder of its own.
 */
import { cp, mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { PGlite } from "@electric-sql/pglite";

export interface LocalDataPlaces {
  /** Embedded database folders; they need not exist. */
  dataDirs: readonly string[];
  /** Outbox folders; they need not exist. */
  outboxDirs: readonly string[];
  /** The address council e-mails go to locally: the site's own, not a person's. */
  councilInbox: string;
}

const emailShape = /[^\s<>()[\]{}"',;:@\\]+@[^\s<>()[\]{}"',;:@\\]+\.[^\s<>()[\]{}"',;:@\\]+/g;

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Every regular file under dir, symbolic links left out. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return filesUnder(path);
      return Promise.resolve(entry.isFile() ? [path] : []);
    }),
  );
  return nested.flat();
}

/**
 * The contact addresses in the embedded database. PGlite must only ever be opened by one
 * process, and `npm start` may have this folder open, so a copy is read and thrown away.
 */
async function databaseEmails(dataDir: string): Promise<string[]> {
  if (!(await exists(join(dataDir, "PG_VERSION")))) return [];
  const copy = await mkdtemp(join(tmpdir(), "bundle-scan-"));
  try {
    await cp(dataDir, copy, { recursive: true });
    const db = new PGlite(copy);
    try {
      const { rows } = await db.query<{ contact_email: string }>(
        "select contact_email from public.pledges where contact_email is not null",
      );
      return rows.map((row) => row.contact_email);
    } finally {
      await db.close();
    }
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}

async function outboxEmails(outboxDir: string): Promise<string[]> {
  if (!(await exists(outboxDir))) return [];
  const messages = (await filesUnder(outboxDir)).filter((file) => file.endsWith(".eml"));
  const texts = await Promise.all(messages.map((file) => readFile(file, "utf8")));
  // A sentence may end straight after an address.
  return texts.flatMap((text) => text.match(emailShape) ?? []).map((email) => email.replace(/\.+$/, ""));
}

/** Every contact address the local setup holds, lower-cased, without the council's own. */
export async function localContactEmails(places: LocalDataPlaces): Promise<string[]> {
  const found: string[] = [];
  for (const dir of new Set(places.dataDirs)) found.push(...(await databaseEmails(dir)));
  for (const dir of new Set(places.outboxDirs)) found.push(...(await outboxEmails(dir)));
  const council = places.councilInbox.toLowerCase();
  return [...new Set(found.map((email) => email.toLowerCase()))].filter((email) => email !== council);
}

/**
 * Finds each address by its last "@": every "@" in the text is checked against the addresses
 * whose local part has the length before it, so the cost grows with the text, not with
 * addresses × text.
 */
function emailFinder(emails: readonly string[]) {
  const byLocalLength = new Map<number, Map<number, Set<string>>>();
  for (const email of emails) {
    const at = email.lastIndexOf("@");
    if (at < 1) continue;
    const byLength = byLocalLength.get(at) ?? new Map<number, Set<string>>();
    byLength.set(email.length, (byLength.get(email.length) ?? new Set()).add(email));
    byLocalLength.set(at, byLength);
  }
  return (text: string): string[] => {
    const hits = new Set<string>();
    for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", at + 1)) {
      for (const [local, byLength] of byLocalLength) {
        if (at < local) continue;
        for (const [length, set] of byLength) {
          const candidate = text.slice(at - local, at - local + length);
          if (set.has(candidate)) hits.add(candidate);
        }
      }
    }
    return [...hits];
  };
}

// The report may end up in a CI log, which is no place for the address itself.
const masked = (email: string) => {
  const at = email.lastIndexOf("@");
  return `${email.slice(0, 1)}…${Buffer.from(email.slice(at), "latin1").toString("utf8")}`;
};

/** Says, file by file, what local data is under dir; an empty list means none. */
export async function findLocalData(dir: string, emails: readonly string[]): Promise<string[]> {
  // Files are read byte for byte (most of a bundle is not text), so each address is looked for
  // as its UTF-8 bytes.
  const asBytes = (text: string) => Buffer.from(text, "utf8").toString("latin1").toLowerCase();
  const find = emailFinder(emails.map((email) => asBytes(email.toLowerCase())));
  const findings: string[] = [];
  for (const file of await filesUnder(dir)) {
    const path = relative(dir, file);
    if (path.split(sep).includes(".data")) findings.push(`${path}: a file from .data/`);
    if (file.toLowerCase().endsWith(".eml")) findings.push(`${path}: an e-mail message (.eml)`);
    const text = (await readFile(file)).toString("latin1").toLowerCase();
    for (const email of find(text)) findings.push(`${path}: a local contact address, ${masked(email)}`);
  }
  return findings;
}
