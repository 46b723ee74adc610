/**
 * npm run pledges -- <command>: looking after pledges from the command line, against whichever
 * database the environment chooses (Supabase, PostgreSQL, or the embedded one in .data/, which
 * only one process can open at a time: stop `npm start` first). Every status change is recorded
 * with who made it (--by, or PLEDGES_ACTOR, or your login name) and why.
 *
 *   list [--status pending|approved|rejected|withdrawn]
 *   show <id or reference>
 *   approve <id> | withdraw <id> | reject <id> --reason "…"
 *   export --format csv|json      the council's private export, to standard output
 *   erase <id>                    erase a withdrawn or rejected pledge on its author's request
 *   apply-retention               delete contact details older than the privacy notice's periods
 */
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import retention from "../content/retention.json" with { type: "json" };
import { toPrivateCsv, toPrivateJson } from "../src/moderation/private-export.ts";
import { sendApprovalNotices } from "../src/notify/approval-notices.ts";
import { openPledgeNoticesFromEnv } from "../src/notify/choose-mailer.ts";
import { runtimeEnv } from "../src/runtime-env.ts";
import { openStore, type Storage, storeChoiceFrom } from "../src/storage/choose-store.ts";
import { type PledgeStatus, StorageRefusalError } from "../src/storage/pledge-store.ts";

const usage = `Usage: npm run pledges -- <command>
  list [--status pending|approved|rejected|withdrawn]
  show <id or reference>
  approve <id> | withdraw <id> | reject <id> --reason "…"   [--by "your name"]
  export --format csv|json
  erase <id>
  apply-retention`;

const statuses = ["pending", "approved", "rejected", "withdrawn"] as const;
const { positionals, values: options } = parseArgs({
  allowPositionals: true,
  options: {
    status: { type: "string" },
    reason: { type: "string" },
    by: { type: "string" },
    format: { type: "string", default: "csv" },
  },
});
const [command, target] = positionals;

function table(rows: Record<string, unknown>[], columns: string[]): string {
  const cell = (value: unknown) => (value === null || value === undefined ? "" : String(value).replace(/\s+/g, " "));
  const widths = columns.map((column) =>
    Math.min(40, Math.max(column.length, ...rows.map((row) => cell(row[column]).length))),
  );
  const line = (values: string[]) =>
    values.map((value, index) => value.slice(0, widths[index]).padEnd(widths[index] ?? 0)).join("  ");
  return [
    line(columns),
    line(widths.map((width) => "-".repeat(width))),
    ...rows.map((row) => line(columns.map((column) => cell(row[column])))),
  ].join("\n");
}

async function changeStatus(storage: Storage, status: PledgeStatus): Promise<number> {
  const record = target ? await storage.show(target) : undefined;
  if (!record) {
    console.error(`No pledge has the id or reference ${target ?? "(none given)"}.`);
    return 1;
  }
  if (status === "rejected" && !options.reason?.trim()) {
    console.error('Give a reason for the rejection: --reason "…"');
    return 2;
  }
  const actor = options.by ?? runtimeEnv("PLEDGES_ACTOR") ?? userInfo().username;
  await storage.setStatus({ id: record.id, status, actor, ...(options.reason ? { reason: options.reason } : {}) });
  console.log(`${record.reference} is now ${status} (was ${record.status}), recorded as changed by ${actor}.`);
  // The pledger hears of approval and withdrawal; a rejection is explained by an officer in person.
  if (status === "approved" || status === "withdrawn") {
    const notices = await openPledgeNoticesFromEnv(runtimeEnv);
    if (status === "withdrawn") await notices.withdrawn(record);
    // The same sender as the scheduled function's, so this approval is never told twice.
    else await sendApprovalNotices(storage, notices);
    console.log(
      "The public wall shows the change after the next build: on Netlify the scheduled rebuild makes one within half an hour; locally, run npm run build.",
    );
  }
  return 0;
}

async function main(): Promise<number> {
  const storage = await openStore(storeChoiceFrom(runtimeEnv));
  switch (command) {
    case "list": {
      const status = options.status as PledgeStatus | undefined;
      if (status && !statuses.includes(status)) {
        console.error(`--status must be one of ${statuses.join(", ")}.`);
        return 2;
      }
      const rows = await storage.list(status ? { status } : {});
      console.log(
        table(rows as unknown as Record<string, unknown>[], [
          "reference",
          "status",
          "kind",
          "name",
          "created_at",
          "id",
        ]),
      );
      console.log(`${rows.length} pledge(s)`);
      return 0;
    }
    case "show": {
      const record = target ? await storage.show(target) : undefined;
      if (!record) {
        console.error(`No pledge has the id or reference ${target ?? "(none given)"}.`);
        return 1;
      }
      const { history, ...fields } = record;
      console.log(
        table(
          Object.entries(fields).map(([field, value]) => ({
            field,
            value: Array.isArray(value) ? value.join(", ") : value,
          })),
          ["field", "value"],
        ),
      );
      console.log(
        `\nHistory\n${table(history as unknown as Record<string, unknown>[], ["changed_at", "from_status", "to_status", "changed_by", "reason"])}`,
      );
      return 0;
    }
    case "approve":
      return changeStatus(storage, "approved");
    case "reject":
      return changeStatus(storage, "rejected");
    case "withdraw":
      return changeStatus(storage, "withdrawn");
    case "export": {
      if (options.format !== "csv" && options.format !== "json") {
        console.error("--format must be csv or json.");
        return 2;
      }
      const records = await storage.exportAll();
      process.stdout.write(options.format === "csv" ? toPrivateCsv(records) : toPrivateJson(records));
      console.error(`Exported ${records.length} pledge(s), with contact details: keep this file private.`);
      return 0;
    }
    case "erase": {
      if (!target || !/^[0-9a-f-]{36}$/i.test(target)) {
        console.error(`Give the pledge's id, a UUID.\n${usage}`);
        return 2;
      }
      if ((await storage.erase(target)) === "not-found") {
        console.error(`No pledge has the id ${target}.`);
        return 1;
      }
      console.log(
        `Erased pledge ${target}: its name, website, own words and contact details are gone; it is still counted.`,
      );
      return 0;
    }
    case "apply-retention": {
      const erased = await storage.applyRetention(retention);
      console.log(
        `Deleted the contact details of ${erased} pledge(s): rejected more than ${retention.rejectedContactDays} days ago, or withdrawn more than ${retention.withdrawnContactDays} days ago.`,
      );
      return 0;
    }
    default:
      console.error(usage);
      return 2;
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof StorageRefusalError)) throw error;
  console.error(`Refused: ${error.message}.`);
  process.exitCode = 1;
}
process.exit();
