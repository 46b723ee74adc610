/**
 * E-mail through GOV.UK Notify. Notify sends from templates kept in its dashboard; this service
 * uses one template whose subject is ((subject)) and whose body is ((body)), so every word stays
 * in content/emails.json and the template never needs changing.
 */
import { NotifyClient } from "notifications-node-client";
import type { Email, Mailer } from "./mailer.ts";

export interface NotifySettings {
  apiKey: string;
  templateId: string;
  /** Only for tests against a local server; Notify's own address otherwise. */
  baseUrl?: string;
  timeoutMs?: number;
}

/** Notify refused or could not be reached; carries its status and error codes, never the message. */
export class NotifyError extends Error {
  override name = "NotifyError";
}

interface NotifyFailure {
  response?: { status?: number; data?: { errors?: { error?: string }[] } };
  code?: string;
}

export class NotifyMailer implements Mailer {
  readonly #client: NotifyClient;
  readonly #templateId: string;
  readonly #timeoutMs: number;

  constructor(settings: NotifySettings) {
    this.#client = settings.baseUrl
      ? new NotifyClient(settings.baseUrl, settings.apiKey)
      : new NotifyClient(settings.apiKey);
    this.#templateId = settings.templateId;
    // Short: a receipt is sent while the pledger waits, inside the function's 10 s.
    this.#timeoutMs = settings.timeoutMs ?? 3000;
  }

  async send(email: Email): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new NotifyError(`no answer in ${this.#timeoutMs} ms`)), this.#timeoutMs);
    });
    try {
      await Promise.race([
        this.#client.sendEmail(this.#templateId, email.to, {
          personalisation: { subject: email.subject, body: email.body },
          reference: email.reference,
        }),
        timeout,
      ]);
    } catch (error) {
      if (error instanceof NotifyError) throw error;
      const failure = error as NotifyFailure;
      const codes = failure.response?.data?.errors?.map((item) => item.error).join(", ");
      throw new NotifyError(
        failure.response?.status
          ? `Notify answered ${failure.response.status}${codes ? ` (${codes})` : ""}`
          : `Notify could not be reached${failure.code ? ` (${failure.code})` : ""}`,
        { cause: error },
      );
    } finally {
      clearTimeout(timer);
    }
  }
}
