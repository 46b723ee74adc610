/**
 * npm run pledges -- <command>: looking after pledges from the command line, against whichever
 * database the environment chooses (Supabase, PostgreSQL, or the embedded one in .data/, which
 * only one process can open at a time: stop `npm start` first). Every status change is recorded
 * with the officer who made it (--by, or PLEDGES_OFFICER; never guessed) and why. A pledge is
 * named by its reference (SC-…) or its id in every command. The words are in
 * content/pledges-cli.json.
 *
 *   list [--status pending|approved|rejected|withdrawn]
 *   show <reference or id>
 *   approve <…> | withdraw <…> | reject <…> --reason "…"   [--by "your name"]
 *   export --format csv|json      the council's private export, to standard output
 *   erase <reference or id>       erase a withdrawn or rejected pledge on its author's request
 *   apply-retention               delete contact details older than the privacy notice's periods
 *   queue                         pledges waiting in the outage queue, and those the database refused
 */
import { parseArgs } from "node:util";
import words from "../content/pledges-cli.json" with { type: "json" };
import retention from "../content/retention.json" with { type: "json" };
import { readConfig, siteUrlFor } from "../src/config.ts";
import { fieldBlock, fillWords, recordView, summaryTable } from "../src/moderation/officer-view.ts";
import { toPrivateCsv, toPrivateJson } from "../src/moderation/private-export.ts";
import { sendApprovalNotices } from "../src/notify/approval-notices.ts";
import { openPledgeNotices } from "../src/notify/choose-mailer.ts";
import { remindAndDeleteUnconfirmed } from "../src/pledge/unconfirmed-pledges.ts";
import { openAnyStore, type Storage } from "../src/storage/choose-any-store.ts";
import { openQueue } from "../src/storage/choose-queue.ts";
import { Constants } from "../src/storage/database.types.ts";
import { type PledgeRecord, type PledgeStatus, StorageRefusalError } from "../src/storage/pledge-store.ts";
import { tokenSecret } from "../src/token-secret.ts";

const statuses = Constants.public.Enums.pledge_status;
const { positionals, values: options } = parseArgs({
  allowPositionals: true,
  options: {
    status: { type: "string" },
    reason: { type: "string" },
    by: { type: "string" },
    format: { type: "string", default: "csv" },
  },
});
const [commandName, target] = positionals;
const config = readConfig();

/**
 * Resolves once the text has been handed to the operating system. A pipe takes 64 KiB at a time,
 * so anything written and not waited for is lost when the process ends.
 */
function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => stream.write(text, (error) => (error ? reject(error) : resolve())));
}
const say = (text: string) => write(process.stdout, `${text}\n`);
const complain = (text: string) => write(process.stderr, `${text}\n`);

/** Terminal width when there is one; a fixed width for a file or a pipe, so output is the same everywhere. */
const width = process.stdout.isTTY ? Math.max(40, process.stdout.columns) : 100;

/** The exit codes: 0 done, 1 refused or not found, 2 the command was not written right. */
type Command = (storage: () => Promise<Storage>) => Promise<number>;

async function pledgeNamed(storage: () => Promise<Storage>): Promise<PledgeRecord | number> {
  if (!target) {
    await complain(`${words.noTarget}\n${words.usage}`);
    return 2;
  }
  const record = await (await storage()).show(target);
  if (!record) {
    await complain(fillWords(words.noPledge, { target }));
    return 1;
  }
  return record;
}

function changeStatus(status: PledgeStatus): Command {
  return async (storage) => {
    const officer = (options.by ?? config.officer ?? "").trim();
    if (!officer) {
      await complain(words.officerNeeded);
      return 2;
    }
    if (status === "rejected" && !options.reason?.trim()) {
      await complain(words.reasonNeeded);
      return 2;
    }
    const record = await pledgeNamed(storage);
    if (typeof record === "number") return record;
    const store = await storage();
    const outcome = await store.setStatus({
      id: record.id,
      status,
      actor: officer,
      ...(options.reason ? { reason: options.reason } : {}),
    });
    if (outcome === "not-found") {
      await complain(fillWords(words.noPledge, { target: record.reference }));
      return 1;
    }
    if (outcome === "unchanged") {
      await say(fillWords(words.unchanged, { reference: record.reference, status }));
      return 0;
    }
    await say(fillWords(words.changed, { reference: record.reference, status, previous: record.status, officer }));
    // The pledger hears of approval and withdrawal; a rejection is explained by an officer in person.
    if (status === "approved" || status === "withdrawn") {
      const notices = await openPledgeNotices(config, await tokenSecret(config), siteUrlFor(config));
      if (status === "withdrawn") await notices.withdrawn(record);
      // The same sender as the scheduled function's, so this approval is never told twice.
      else await sendApprovalNotices(store, notices);
      await say(words.wallAfterBuild);
    }
    return 0;
  };
}

/** One labelled block per pledge, a blank line between them. */
const blocks = (entries: [label: string, value: unknown][][]) =>
  entries.map((fields) => `\n${fieldBlock(fields, width)}`).join("\n");

/** One entry per command; a new command is one more entry. */
const commands: Record<string, Command> = {
  async list(storage) {
    const status = options.status as PledgeStatus | undefined;
    if (status && !statuses.includes(status)) {
      await complain(fillWords(words.statusOption, { statuses: statuses.join(", ") }));
      return 2;
    }
    const rows = await (await storage()).list(status ? { status } : {});
    await say(summaryTable(rows));
    await say(fillWords(words.listCount, { count: rows.length }));
    return 0;
  },
  async show(storage) {
    const record = await pledgeNamed(storage);
    if (typeof record === "number") return record;
    await say(recordView(record, width));
    return 0;
  },
  approve: changeStatus("approved"),
  reject: changeStatus("rejected"),
  withdraw: changeStatus("withdrawn"),
  async export(storage) {
    if (options.format !== "csv" && options.format !== "json") {
      await complain(words.formatOption);
      return 2;
    }
    const records = await (await storage()).exportAll();
    await write(process.stdout, options.format === "csv" ? toPrivateCsv(records) : toPrivateJson(records));
    await complain(fillWords(words.exported, { count: records.length }));
    return 0;
  },
  async erase(storage) {
    const record = await pledgeNamed(storage);
    if (typeof record === "number") return record;
    if ((await (await storage()).erase(record.id)) === "not-found") {
      await complain(fillWords(words.noPledge, { target: record.reference }));
      return 1;
    }
    await say(fillWords(words.erased, { reference: record.reference }));
    return 0;
  },
  async "apply-retention"(storage) {
    const store = await storage();
    // As the daily function does: one reminder to confirm, then pledges never confirmed go.
    const notices = await openPledgeNotices(config, await tokenSecret(config), siteUrlFor(config));
    const unconfirmed = await remindAndDeleteUnconfirmed(store, notices, retention);
    await say(fillWords(words.unconfirmedApplied, { ...unconfirmed, days: retention.unconfirmedDeleteDays }));
    const erased = await store.applyRetention(retention);
    await say(
      fillWords(words.retentionApplied, {
        count: erased,
        rejectedDays: retention.rejectedContactDays,
        withdrawnDays: retention.withdrawnContactDays,
      }),
    );
    return 0;
  },
  // Read from the queue alone: it matters most while the database is out of reach.
  async queue() {
    const choice = config.queue;
    const queue = await openQueue(choice);
    const keys = await queue.keys();
    const setAside = await queue.setAsidePledges();
    await say(choice.kind === "folder" ? fillWords(words.queueInFolder, { dir: choice.dir }) : words.queueInBlobs);
    if (keys.length === 0 && setAside.length === 0) {
      await say(words.queueEmpty);
      return 0;
    }
    const labels = words.queueLabels;
    const waiting = await Promise.all(
      keys.map(async (key): Promise<[string, unknown][]> => {
        const pledge = await queue.read(key);
        // Drained between the listing and the reading: only its key is left to show.
        if (!pledge) return [[labels.key, key]];
        return [
          [labels.key, key],
          [labels.name, pledge.name],
          [labels.kind, pledge.kind],
          [labels.email, pledge.contact_email],
          // The queue keeps no time of its own; this is stamped by the request that queued the pledge.
          [labels.received, pledge.privacy_acknowledged_at],
        ];
      }),
    );
    await say(fillWords(words.queueWaiting, { count: keys.length }));
    if (waiting.length > 0) await say(blocks(waiting));
    await say(`\n${fillWords(words.queueSetAside, { count: setAside.length })}`);
    if (setAside.length > 0)
      await say(
        blocks(
          setAside.map(({ pledge, reason, setAsideAt }) => [
            [labels.key, pledge.idempotency_key],
            [labels.name, pledge.name],
            [labels.email, pledge.contact_email],
            [labels.setAsideAt, setAsideAt],
            [labels.reason, reason],
          ]),
        ),
      );
    return 0;
  },
};

async function main(): Promise<number> {
  const command = commandName && Object.hasOwn(commands, commandName) ? commands[commandName] : undefined;
  if (!command) {
    await complain(words.usage);
    return 2;
  }
  return command(() => openAnyStore(config.store));
}

// A reader that stops early (`… | head`) closes the pipe: that ends the command, quietly.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

try {
  process.exitCode = await main();
} catch (error) {
  if ((error as NodeJS.ErrnoException).code === "EPIPE") process.exitCode = 1;
  else if (error instanceof StorageRefusalError) {
    await complain(fillWords(words.refused, { reason: error.message }));
    process.exitCode = 1;
  } else throw error;
}
// Every line above was waited for, so nothing is left to write; the database clients would keep
// the process running.
process.exit();
