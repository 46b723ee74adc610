/**
 * The GOV.UK Notify mailer against a local server that answers as Notify's API does
 * (tests/fixtures/notify/): Notify itself cannot be reached here. The token is checked as Notify
 * checks it: signed with HS256 by the key's secret, naming the service, issued now.
 */
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotifyError, NotifyMailer } from "../../../src/notify/notify-mailer.ts";
import exchanges from "../../fixtures/notify/send-email.json" with { type: "json" };

const serviceId = "26785a09-ab16-4eb0-8407-a37497a57506";
const apiKey = `charter_test-${serviceId}-3d844edf-8d35-48ac-975b-e847b4f122b0`;
const templateId = exchanges.created.body.template.id;

interface Received {
  method: string;
  url: string;
  authorization: string;
  body: Record<string, unknown>;
}

let server: Server;
let baseUrl: string;
let answer: { status: number; body: unknown } | "hang" = exchanges.created;
const received: Received[] = [];

const readBody = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
};

beforeAll(async () => {
  server = createServer(async (request, response) => {
    received.push({
      method: request.method ?? "",
      url: request.url ?? "",
      authorization: request.headers.authorization ?? "",
      body: await readBody(request),
    });
    if (answer === "hang") return;
    response.writeHead(answer.status, { "Content-Type": "application/json" });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const email = {
  to: "sam.baker@example.com",
  subject: "We have received your pledge",
  body: "Dear Sam Baker,\n\nThank you.",
  reference: "receipt SC-7K3M9QAB",
};

describe("the GOV.UK Notify mailer", () => {
  it("sends one template with the subject and body as personalisation, signed with the service's key", async () => {
    answer = exchanges.created;
    received.length = 0;
    await new NotifyMailer({ apiKey, templateId, baseUrl }).send(email);
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request).toMatchObject({ method: "POST", url: "/v2/notifications/email" });
    expect(request?.body).toEqual({
      template_id: templateId,
      email_address: email.to,
      personalisation: { subject: email.subject, body: email.body },
      reference: email.reference,
    });
    const [header = "", payload = "", signature = ""] = (request?.authorization.replace(/^Bearer /, "") ?? "").split(
      ".",
    );
    const decoded = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    expect(decoded(header)).toEqual({ typ: "JWT", alg: "HS256" });
    expect(decoded(payload)).toMatchObject({ iss: serviceId });
    expect(Math.abs(decoded(payload).iat - Date.now() / 1000)).toBeLessThan(30);
    const secret = "3d844edf-8d35-48ac-975b-e847b4f122b0";
    expect(signature).toBe(createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url"));
  });

  it.each([
    ["a team-only key", exchanges.teamOnlyKey, /Notify answered 400 \(BadRequestError\)/],
    ["an unknown key", exchanges.invalidToken, /Notify answered 403 \(AuthError\)/],
    ["the rate limit", exchanges.rateLimited, /Notify answered 429 \(RateLimitError\)/],
  ])(
    "reports a refusal for %s with its status and error code, never the recipient",
    async (_case, exchange, message) => {
      answer = exchange;
      const attempt = new NotifyMailer({ apiKey, templateId, baseUrl }).send(email);
      await expect(attempt).rejects.toBeInstanceOf(NotifyError);
      await expect(attempt).rejects.toThrow(message);
      await expect(attempt).rejects.not.toThrow(/sam\.baker/);
    },
  );

  it("gives up after its timeout when Notify does not answer", async () => {
    answer = "hang";
    await expect(new NotifyMailer({ apiKey, templateId, baseUrl, timeoutMs: 200 }).send(email)).rejects.toThrow(
      /no answer in 200 ms/,
    );
  });

  it("reports an unreachable Notify without the recipient", async () => {
    // A port that was just free: fetch refuses well-known ports such as 9 before connecting.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const attempt = new NotifyMailer({ apiKey, templateId, baseUrl: `http://127.0.0.1:${port}` }).send(email);
    await expect(attempt).rejects.toThrow(/Notify could not be reached \(ECONNREFUSED\)/);
  });
});
