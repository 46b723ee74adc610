/**
 * npm run pledges -- <command>: looking after pledges from the command line, against whichever
 * database the environment chooses (Supabase, PostgreSQL, or the embedded one in .data/, which
 * only one process can open at a time: stop `npm start` first).
 *
 *   erase <pledge id>     erase a withdrawn or rejected pledge on its author's request
 *   apply-retention       delete contact details older than the privacy notice's periods
 */
import retention from "../content/retention.json" with { type: "json" };
import { runtimeEnv } from "../src/runtime-env.ts";
import { openStore, storeChoiceFrom } from "../src/storage/choose-store.ts";
import { StorageRefusalError } from "../src/storage/pledge-store.ts";

const [command, ...args] = process.argv.slice(2);
const usage = "Usage: npm run pledges -- erase <pledge id> | apply-retention";

async function main(): Promise<number> {
  const storage = await openStore(storeChoiceFrom(runtimeEnv));
  switch (command) {
    case "erase": {
      const [id] = args;
      if (!id || !/^[0-9a-f-]{36}$/i.test(id)) {
        console.error(`Give the pledge's id, a UUID. ${usage}`);
        return 2;
      }
      const outcome = await storage.erase(id);
      if (outcome === "not-found") {
        console.error(`No pledge has the id ${id}.`);
        return 1;
      }
      console.log(
        `Erased pledge ${id}: its name, website, own words and contact details are gone; it is still counted.`,
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
  console.error(`Refused: ${error.message}. Withdraw or reject the pledge first.`);
  process.exitCode = 1;
}
process.exit();
