/**
 * npm run officers -- <command>: who may sign in to the officers' console, kept from the command
 * line against whichever database the environment chooses, as npm run pledges does. Adding or
 * removing an officer is recorded with who made the change (--by, or PLEDGES_OFFICER; never
 * guessed); removing one ends their sessions at once. The words are in content/officers-cli.json.
 *
 *   add <e-mail address> "<name>"   [--by "your name"]
 *   remove <e-mail address>         [--by "your name"]
 *   list
 */
import { parseArgs } from "node:util";
import words from "../content/officers-cli.json" with { type: "json" };
import { readConfig } from "../src/config.ts";
import { fillTemplate } from "../src/fill-template.ts";
import { fieldBlock } from "../src/moderation/officer-view.ts";
import { isEmail, limits } from "../src/pledge/pledge-rules.ts";
import { openAnyStore, type Storage } from "../src/storage/choose-any-store.ts";
import { StorageRefusalError } from "../src/storage/pledge-store.ts";

/**
 * Resolves once the text has been handed to the operating system: the process ends with
 * process.exit, which would lose whatever a pipe had not yet taken.
 */
function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => stream.write(text, (error) => (error ? reject(error) : resolve())));
}
const say = (text: string) => write(process.stdout, `${text}\n`);
const complain = (text: string) => write(process.stderr, `${text}\n`);
const fill = (text: string, values: Record<string, string | number>) =>
  fillTemplate(
    text,
    Object.fromEntries(Object.entries(values).map(([key, value]) => [key, String(value)])),
    "content/officers-cli.json",
  );

/** Terminal width when there is one; a fixed width for a file or a pipe, so output is the same everywhere. */
const width = process.stdout.isTTY ? Math.max(40, process.stdout.columns) : 100;

/** The exit codes: 0 done, 1 refused or not found, 2 the command was not written right. */
type Command = (args: string[], actor: string | undefined, storage: () => Promise<Storage>) => Promise<number>;

/** The address as the database keeps it, or the exit code after saying what is wrong with it. */
async function addressFrom(typed: string | undefined): Promise<string | number> {
  const address = (typed ?? "").trim().toLowerCase();
  if (!address) {
    await complain(`${words.noAddress}\n${words.usage}`);
    return 2;
  }
  if (address.length > limits.email || !isEmail(address)) {
    await complain(fill(words.badAddress, { address: typed ?? "" }));
    return 2;
  }
  return address;
}

async function actorFrom(actor: string | undefined): Promise<string | number> {
  if (actor) return actor;
  await complain(words.actorNeeded);
  return 2;
}

const commands: Record<string, Command> = {
  async add([typed, ...nameWords], by, storage) {
    const email = await addressFrom(typed);
    if (typeof email === "number") return email;
    // A name typed without quotes arrives as several words; it is still the one name.
    const name = nameWords.join(" ").trim();
    if (!name) {
      await complain(fill(words.noName, { email }));
      return 2;
    }
    const actor = await actorFrom(by);
    if (typeof actor === "number") return actor;
    if ((await (await storage()).officers.addOfficer(email, name, actor)) === "already-listed") {
      await say(fill(words.alreadyListed, { email }));
      return 0;
    }
    await say(fill(words.added, { email, name, actor }));
    return 0;
  },
  async remove([typed], by, storage) {
    const email = await addressFrom(typed);
    if (typeof email === "number") return email;
    const actor = await actorFrom(by);
    if (typeof actor === "number") return actor;
    if (!(await (await storage()).officers.removeOfficer(email, actor))) {
      await complain(fill(words.notListed, { email }));
      return 1;
    }
    await say(fill(words.removed, { email, actor }));
    return 0;
  },
  async list(_args, _by, storage) {
    const listed = await (await storage()).officers.listOfficers();
    if (listed.length === 0) {
      await say(words.listEmpty);
      return 0;
    }
    const { labels } = words;
    for (const officer of listed)
      await say(
        `${fieldBlock(
          [
            [labels.email, officer.email],
            [labels.name, officer.name],
            [labels.addedAt, officer.added_at],
            [labels.addedBy, officer.added_by],
          ],
          width,
        )}\n`,
      );
    await say(fill(words.listCount, { count: listed.length }));
    return 0;
  },
};

/** The words and options typed, or nothing when an option is one the command does not take. */
function typed() {
  try {
    return parseArgs({ allowPositionals: true, options: { by: { type: "string" } } });
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  const parsed = typed();
  const [commandName, ...args] = parsed?.positionals ?? [];
  const command = commandName && Object.hasOwn(commands, commandName) ? commands[commandName] : undefined;
  if (!parsed || !command) {
    await complain(words.usage);
    return 2;
  }
  const config = readConfig();
  const actor = (parsed.values.by ?? config.officer ?? "").trim() || undefined;
  return command(args, actor, () => openAnyStore(config.store));
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof StorageRefusalError)) throw error;
  await complain(fill(words.refused, { reason: error.message }));
  process.exitCode = 1;
}
// Every line above was waited for, so nothing is left to write; the database clients would keep
// the process running.
process.exit();
