import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startSandboxServer, type SandboxServer } from "./server";
import { FAST_STATUSES, orderShipped, TEST_APP, validSignature } from "./testing";
import type { ProvisionedAccount, SentMessage } from "./types";

let server: SandboxServer | undefined;
let receiver: http.Server | undefined;
afterEach(async () => {
  await server?.close();
  await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)));
  server = undefined;
  receiver = undefined;
});

/** A webhook endpoint over real HTTP that records raw bodies and signatures. */
async function startReceiver(): Promise<{
  url: string;
  received: { raw: string; signature: string | undefined }[];
}> {
  const received: { raw: string; signature: string | undefined }[] = [];
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const signature = req.headers["x-hub-signature-256"];
      received.push({
        raw: Buffer.concat(chunks).toString("utf8"),
        signature: typeof signature === "string" ? signature : undefined,
      });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver?.listen(0, "127.0.0.1", resolve));
  const { port } = receiver.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api/webhooks/whatsapp`, received };
}

const json = (body: unknown) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

describe("the standalone sandbox server", () => {
  it("serves Graph routes and the control API over real HTTP, and delivers signed webhooks", async () => {
    const hook = await startReceiver();
    server = await startSandboxServer({
      ...TEST_APP,
      port: 0,
      webhookUrl: hook.url,
      statusDelaysMs: FAST_STATUSES,
      log: () => undefined,
    });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const account = (await (
      await fetch(`${server.url}/_sandbox/accounts`, json({ businessName: "Acme" }))
    ).json()) as ProvisionedAccount;
    const phoneId = account.phoneNumbers[0]?.id ?? "";
    const sent = await fetch(`${server.url}/v25.0/${phoneId}/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${account.accessToken}`, "content-type": "application/json" },
      body: JSON.stringify(orderShipped()),
    });
    expect(sent.status).toBe(200);

    const inbound = await fetch(
      `${server.url}/_sandbox/inbound`,
      json({ phoneNumberId: phoneId, from: "16505551234", text: "hi" }),
    );
    expect(await inbound.json()).toEqual({ wamid: expect.stringMatching(/^wamid\./) });
    await server.sandbox.idle();

    expect(hook.received).toHaveLength(4);
    for (const { raw, signature } of hook.received) expect(validSignature(raw, signature ?? null)).toBe(true);
    const listed = (await (await fetch(`${server.url}/_sandbox/sent?phoneNumberId=${phoneId}`)).json()) as {
      data: SentMessage[];
    };
    expect(listed.data).toEqual([
      expect.objectContaining({ phoneNumberId: phoneId, to: "16505551234", status: "read" }),
    ]);
    const rates = await (await fetch(`${server.url}/_sandbox/rates?phoneNumberId=${phoneId}`)).json();
    expect(rates).toEqual({ maxInAnySecond: 1, pairViolations: 0 });
  });

  it("drives faults, preferences and template statuses through the control API", async () => {
    const hook = await startReceiver();
    server = await startSandboxServer({
      ...TEST_APP,
      port: 0,
      webhookUrl: hook.url,
      statusDelaysMs: false,
      log: () => undefined,
    });
    const account = (await (
      await fetch(`${server.url}/_sandbox/accounts`, json({ businessName: "Acme" }))
    ).json()) as ProvisionedAccount;
    const phoneId = account.phoneNumbers[0]?.id ?? "";
    const send = () =>
      fetch(`${server?.url}/v25.0/${phoneId}/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${account.accessToken}`, "content-type": "application/json" },
        body: JSON.stringify(orderShipped()),
      });

    expect(
      (await fetch(`${server.url}/_sandbox/faults`, json({ kind: "server_500", times: 1 }))).status,
    ).toBe(200);
    expect((await send()).status).toBe(500);
    expect((await fetch(`${server.url}/_sandbox/faults`, json({ kind: "sync_131026" }))).status).toBe(200);
    expect((await fetch(`${server.url}/_sandbox/faults`, { method: "DELETE" })).status).toBe(200);
    expect((await send()).status).toBe(200);
    expect((await fetch(`${server.url}/_sandbox/faults`, json({ kind: "bogus" }))).status).toBe(400);

    const preference = { wabaId: account.wabaId, phoneNumberId: phoneId, waId: "16505551234", value: "stop" };
    expect((await fetch(`${server.url}/_sandbox/user-preferences`, json(preference))).status).toBe(200);
    const status = { wabaId: account.wabaId, name: "order_shipped", language: "en_US", status: "PAUSED" };
    expect((await fetch(`${server.url}/_sandbox/template-status`, json(status))).status).toBe(200);
    expect(
      (await fetch(`${server.url}/_sandbox/template-status`, json({ ...status, name: "missing" }))).status,
    ).toBe(400);
    expect(
      (
        await fetch(
          `${server.url}/_sandbox/inbound`,
          json({ phoneNumberId: phoneId, from: "+1650", text: "x" }),
        )
      ).status,
    ).toBe(400);
    expect((await fetch(`${server.url}/_sandbox/nothing`)).status).toBe(404);

    const fields = hook.received.map(
      (r) => (JSON.parse(r.raw) as { entry: { changes: { field: string }[] }[] }).entry[0]?.changes[0]?.field,
    );
    expect(fields).toEqual(["user_preferences", "message_template_status_update"]);
    const code = (await (
      await fetch(
        `${server.url}/_sandbox/signup-codes`,
        json({ wabaId: account.wabaId, phoneNumberIds: [phoneId] }),
      )
    ).json()) as { code: string };
    const token = await fetch(
      `${server.url}/v25.0/oauth/access_token?${new URLSearchParams({ client_id: TEST_APP.appId, client_secret: TEST_APP.appSecret, code: code.code })}`,
    );
    expect(token.status).toBe(200);
  });

  it("releases a held timeout when the HTTP client gives up", async () => {
    server = await startSandboxServer({ ...TEST_APP, port: 0, statusDelaysMs: false, log: () => undefined });
    const account = server.sandbox.provisionAccount({ businessName: "Acme" });

    await expect(
      fetch(`${server.url}/v25.0/${account.phoneNumbers[0]?.id}`, {
        headers: { authorization: `Bearer ${account.accessToken}`, "x-sandbox-fault": "timeout" },
        signal: AbortSignal.timeout(100),
      }),
    ).rejects.toThrow();
    const ok = await fetch(`${server.url}/v25.0/${account.phoneNumbers[0]?.id}`, {
      headers: { authorization: `Bearer ${account.accessToken}` },
    });
    expect(ok.status).toBe(200);
  });
});
