/**
 * E-mail for the embedded setup: each message is written as a .eml file under .data/outbox/, so
 * a developer can open what a pledger or the council would have received, and tests can read it.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Email, Mailer } from "./mailer.ts";

const headerSafe = (text: string) => text.replace(/[\r\n]+/g, " ");

export class OutboxMailer implements Mailer {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  async send(email: Email): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${crypto.randomUUID().slice(0, 8)}.eml`;
    const message = [
      `To: ${headerSafe(email.to)}`,
      `Subject: ${headerSafe(email.subject)}`,
      `X-Reference: ${headerSafe(email.reference)}`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      email.body,
      "",
    ].join("\n");
    await writeFile(join(this.dir, name), message, { mode: 0o600 });
  }
}
