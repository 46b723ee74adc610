/** Reads the e-mails the outbox mailer wrote, oldest first, as a person opening them would. */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

export interface OutboxEmail {
  file: string;
  to: string;
  subject: string;
  reference: string;
  body: string;
}

export async function readOutbox(dir: string): Promise<OutboxEmail[]> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((file) => file.endsWith(".eml")).sort();
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(join(dir, file), "utf8");
      const [head = "", ...rest] = text.split("\n\n");
      const header = (name: string) => head.match(new RegExp(`^${name}: (.*)$`, "m"))?.[1] ?? "";
      return {
        file,
        to: header("To"),
        subject: header("Subject"),
        reference: header("X-Reference"),
        body: rest.join("\n\n").trimEnd(),
      };
    }),
  );
}
