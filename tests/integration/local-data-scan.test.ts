/**
 * The check `npm run test:bundle` makes on every bundle, run on folders made here: a pledge and
 * an e-mail are first stored the way `npm start` stores them, and the check must find them.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findLocalData, localContactEmails } from "../../scripts/lib/local-data-scan.ts";
import { OutboxMailer } from "../../src/notify/outbox-mailer.ts";
import { openPgliteStore } from "../../src/storage/pglite-store.ts";
import { pledgeRow } from "./support/databases.ts";

const councilInbox = "council-inbox@localhost";
const unique = crypto.randomUUID().slice(0, 8);
const pledgerEmail = `Scan.Pledger.${unique}@example.com`;
const outboxOnlyEmail = `scan.recipient.${unique}@example.net`;

let work: string;
let dataDir: string;
let outboxDir: string;

async function bundleHolding(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(work, "bundle-"));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

const places = () => ({ dataDirs: [dataDir], outboxDirs: [outboxDir], councilInbox });

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "local-data-scan-"));
  dataDir = join(work, "pglite");
  outboxDir = join(work, "outbox");
  const store = await openPgliteStore(dataDir);
  await store.submit(pledgeRow({ contact_email: pledgerEmail }));
  await store.db.close();
  const mailer = new OutboxMailer(outboxDir);
  await mailer.send({ to: outboxOnlyEmail, subject: "Receipt", reference: "SC-TEST", body: "Thank you." });
  await mailer.send({ to: councilInbox, subject: "New pledge", reference: "SC-TEST", body: `From ${pledgerEmail}.` });
}, 60_000);

afterAll(() => rm(work, { recursive: true, force: true }));

describe("the local data check on function bundles", () => {
  it("knows the contact addresses in the local database and outbox, but not the council's own", async () => {
    const emails = await localContactEmails(places());
    expect(emails).toContain(pledgerEmail.toLowerCase());
    expect(emails).toContain(outboxOnlyEmail);
    expect(emails).not.toContain(councilInbox);
  });

  it("finds a stored pledger's address in any file of a bundle, whatever its case", async () => {
    const bundle = await bundleHolding({
      "netlify/functions/pledge.mjs": "export default () => 1;\n",
      "src/fixture.js": `const sample = ${JSON.stringify(pledgerEmail.toUpperCase())};\n`,
    });
    const findings = await findLocalData(bundle, await localContactEmails(places()));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatch(/^src\/fixture\.js: a local contact address/);
  });

  it("finds an address that is only in the outbox", async () => {
    const bundle = await bundleHolding({ "notes.txt": `mail ${outboxOnlyEmail} soon` });
    expect(await findLocalData(bundle, await localContactEmails(places()))).toHaveLength(1);
  });

  it("never prints a whole address it finds", async () => {
    const bundle = await bundleHolding({ "notes.txt": pledgerEmail });
    const [finding] = await findLocalData(bundle, await localContactEmails(places()));
    expect(finding).not.toContain(pledgerEmail.toLowerCase().split("@")[0]);
  });

  it("finds a file from .data/ and an .eml file, whatever they hold", async () => {
    const bundle = await bundleHolding({
      ".data/pglite/PG_VERSION": "17\n",
      "mail/message.EML": "Subject: hello\n",
    });
    const findings = await findLocalData(bundle, []);
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\.data\/pglite\/PG_VERSION: a file from \.data\//),
        expect.stringMatching(/^mail\/message\.EML: an e-mail message/),
      ]),
    );
  });

  it("passes a clean bundle, including a file merely named like the embedded database's assets", async () => {
    const bundle = await bundleHolding({
      "netlify/functions/pledge.mjs": "export default () => 1;\n",
      "node_modules/@electric-sql/pglite/dist/pglite.data": "binary",
      "content/emails.json": '{"subject": "Write to council-inbox@localhost"}',
    });
    expect(await findLocalData(bundle, await localContactEmails(places()))).toEqual([]);
  });
});
