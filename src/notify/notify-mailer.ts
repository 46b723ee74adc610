/**
 * E-mail through GOV.UK Notify. Notify sends from templates kept in its dashboard; this service
 * uses one template whose subject is ((subject)) and whose body is ((body)), so every word stays
 * in content/emails.json and the template never needs changing.
 *
 * One call of Notify's documented API (POST /v2/notifications/email with a short-lived HS256
 * token), made with fetch and node:crypto: the official client brings axios, jsonwebtoken and
 * their dependencies, about 250 KB zipped in each function bundle, for this one request.
 */
import { createHmac } from "node:crypto";
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

const notifyApi = "https://api.notifications.service.gov.uk";
const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/**
 * Notify's key is "<name>-<service id>-<secret>", both ids 36 characters long; the token names
 * the service and is signed with the secret, as Notify's clients sign it.
 */
export function notifyToken(apiKey: string, now = Date.now()): string {
  const secret = apiKey.slice(-36);
  const serviceId = apiKey.slice(-73, -37);
  const unsigned = `${base64url(JSON.stringify({ typ: "JWT", alg: "HS256" }))}.${base64url(
    JSON.stringify({ iss: serviceId, iat: Math.round(now / 1000) }),
  )}`;
  return `${unsigned}.${base64url(createHmac("sha256", secret).update(unsigned).digest())}`;
}

export class NotifyMailer implements Mailer {
  readonly #settings: NotifySettings;
  readonly #timeoutMs: number;

  constructor(settings: NotifySettings) {
    this.#settings = settings;
    // Short: a receipt is sent while the pledger waits, inside the function's 10 s.
    this.#timeoutMs = settings.timeoutMs ?? 3000;
  }

  async send(email: Email): Promise<void> {
    let response: Response;
    try {
      response = await fetch(new URL("/v2/notifications/email", this.#settings.baseUrl ?? notifyApi), {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Authorization: `Bearer ${notifyToken(this.#settings.apiKey)}`,
        },
        body: JSON.stringify({
          template_id: this.#settings.templateId,
          email_address: email.to,
          personalisation: { subject: email.subject, body: email.body },
          reference: email.reference,
        }),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      if ((error as Error).name === "TimeoutError") throw new NotifyError(`no answer in ${this.#timeoutMs} ms`);
      const code = ((error as Error).cause as { code?: string } | undefined)?.code;
      throw new NotifyError(`Notify could not be reached${code ? ` (${code})` : ""}`, { cause: error });
    }
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    const answer = (await response.json().catch(() => ({}))) as { errors?: { error?: string }[] };
    const codes = answer.errors?.map((item) => item.error).join(", ");
    throw new NotifyError(`Notify answered ${response.status}${codes ? ` (${codes})` : ""}`);
  }
}
