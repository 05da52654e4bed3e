import { afterEach, describe, expect, it } from "vitest";
import { PAIR_BURST, PAIR_INTERVAL_MS } from "./rates";
import { metaError, orderShipped, startTestSandbox, type TestSandbox } from "./testing";

let t: TestSandbox;
afterEach(async () => {
  await t.sandbox.close();
});

const send = (body: unknown = orderShipped(), headers?: Record<string, string>) =>
  t.graph("POST", `${t.phoneId}/messages`, body, headers);
const codeOf = async (response: Response) =>
  response.status === 200 ? 200 : (await metaError(response)).code;

describe("fault rules", () => {
  it("injects each synchronous fault with Meta's code and HTTP status", async () => {
    t = startTestSandbox();
    const expected = [
      ["http_429", 429, 4],
      ["server_500", 500, 131000],
      ["token_190", 401, 190],
      ["throughput_130429", 400, 130429],
      ["pair_131056", 400, 131056],
      ["sync_131047", 400, 131047],
      ["sync_131050", 400, 131050],
      ["sync_131026", 400, 131026],
    ] as const;
    for (const [kind, status, code] of expected) {
      t.sandbox.faults.add({ kind, times: 1 });
      const error = await metaError(await send());
      expect(error, kind).toMatchObject({ status, code });
      expect(error.message, kind).toMatch(new RegExp(`^\\(#${code}\\) `));
    }
    expect((await send()).status).toBe(200);
    expect(t.sandbox.sent()).toHaveLength(1);
  });

  it("answers 200 for an async fault, then sends a failed status carrying Meta's error object", async () => {
    t = startTestSandbox();
    t.sandbox.faults.add({ kind: "async_131050" });
    const response = await send();
    const { messages } = (await response.json()) as { messages: { id: string; message_status: string }[] };
    await t.sandbox.idle();

    expect(response.status).toBe(200);
    expect(messages[0]?.message_status).toBe("accepted");
    expect(t.statuses()).toEqual([
      {
        id: messages[0]?.id,
        status: "failed",
        timestamp: expect.stringMatching(/^\d+$/),
        recipient_id: "16505551234",
        errors: [
          {
            code: 131050,
            title: expect.stringContaining("stop receiving marketing messages"),
            message: expect.stringContaining("stop receiving marketing messages"),
            error_data: { details: expect.any(String) },
            href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
          },
        ],
      },
    ]);
    expect(t.sandbox.sent()[0]).toMatchObject({ status: "failed", errors: [{ code: 131050 }] });
  });

  it("fires a rule only `times` times, and only on requests its match selects", async () => {
    t = startTestSandbox();
    t.sandbox.faults.add({ kind: "sync_131026", times: 2, match: { to: "+16505550000" } });

    expect(await codeOf(await send(orderShipped("+16505551234")))).toBe(200);
    expect(await codeOf(await send(orderShipped("+16505550000")))).toBe(131026);
    expect(await codeOf(await send(orderShipped("16505550000")))).toBe(131026);
    expect(await codeOf(await send(orderShipped("+16505550000")))).toBe(200);

    t.sandbox.faults.add({ kind: "server_500", match: { path: "message_templates" } });
    expect((await t.graph("GET", `${t.account.wabaId}/message_templates`)).status).toBe(500);
    expect((await send()).status).toBe(200);
    t.sandbox.faults.clear();
    expect((await t.graph("GET", `${t.account.wabaId}/message_templates`)).status).toBe(200);

    const other = t.sandbox.provisionAccount({ businessName: "Other" });
    t.sandbox.faults.add({ kind: "http_429", match: { phoneNumberId: other.phoneNumbers[0]?.id } });
    expect((await send()).status).toBe(200);
  });

  it("fires a rule with the given probability", async () => {
    let draws = 0;
    t = startTestSandbox({ random: () => (draws++ % 4) / 4 });
    t.sandbox.faults.add({ kind: "server_500", probability: 0.5 });
    const codes: number[] = [];
    for (let i = 0; i < 8; i += 1) codes.push((await t.graph("GET", `${t.phoneId}`)).status);

    expect(codes).toEqual([500, 500, 200, 200, 500, 500, 200, 200]);
  });

  it("takes a fault from the X-Sandbox-Fault header, for that request only", async () => {
    t = startTestSandbox();

    expect(await codeOf(await send(orderShipped(), { "x-sandbox-fault": "pair_131056" }))).toBe(131056);
    expect(await codeOf(await send(orderShipped(), { "x-sandbox-fault": "async_131026" }))).toBe(200);
    expect(await codeOf(await send())).toBe(200);
    expect((await metaError(await send(orderShipped(), { "x-sandbox-fault": "nonsense" }))).status).toBe(400);
    await t.sandbox.idle();
    expect(t.sandbox.sent().map((m) => m.status)).toEqual(["failed", "read"]);
  });

  it("holds a timeout until the caller gives up, without keeping anything alive", async () => {
    t = startTestSandbox();
    t.sandbox.faults.add({ kind: "timeout", times: 1 });
    const started = Date.now();

    await expect(
      t.sandbox.fetch(`https://graph.facebook.com/v25.0/${t.phoneId}/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${t.account.accessToken}` },
        body: JSON.stringify(orderShipped()),
        signal: AbortSignal.timeout(50),
      }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(t.sandbox.sent()).toHaveLength(0);

    t.sandbox.faults.add({ kind: "timeout" });
    const held = send();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await t.sandbox.close();
    expect((await held).status).toBe(504);
  });
});

describe("throughput limits", () => {
  it("rejects sends over the phone's limit in any sliding second with 130429", async () => {
    t = startTestSandbox({ statusDelaysMs: false }, true);
    const account = t.sandbox.provisionAccount({ businessName: "Small", throughputPerSecond: 5 });
    const phone = account.phoneNumbers[0]?.id ?? "";
    const sendTo = (i: number) =>
      t.graph("POST", `${phone}/messages`, orderShipped(`+1650555${String(1000 + i)}`), {
        authorization: `Bearer ${account.accessToken}`,
      });

    const codes: number[] = [];
    for (let i = 0; i < 6; i += 1) codes.push(await codeOf(await sendTo(i)));
    t.clock.now += 999;
    codes.push(await codeOf(await sendTo(6)));
    t.clock.now += 1;
    codes.push(await codeOf(await sendTo(7)));

    expect(codes).toEqual([200, 200, 200, 200, 200, 130429, 130429, 200]);
    expect(t.sandbox.sendRates(phone)).toEqual({ maxInAnySecond: 5, pairViolations: 0 });
  });

  it("allows a burst of 45 to one recipient, then 1 every 6 s (131056)", async () => {
    t = startTestSandbox({ statusDelaysMs: false }, true);
    const codes: number[] = [];
    for (let i = 0; i < PAIR_BURST + 1; i += 1) {
      codes.push(await codeOf(await send()));
      t.clock.now += 50;
    }
    expect(codes.slice(0, PAIR_BURST).every((c) => c === 200)).toBe(true);
    expect(codes[PAIR_BURST]).toBe(131056);
    expect(await codeOf(await send(orderShipped("+16505559999")))).toBe(200);

    t.clock.now += PAIR_INTERVAL_MS;
    expect(await codeOf(await send())).toBe(200);
    expect(await codeOf(await send())).toBe(131056);
  });

  it("counts what Meta would count when limits are not enforced", async () => {
    t = startTestSandbox({ statusDelaysMs: false, enforceThroughput: false }, true);
    for (let i = 0; i < 100; i += 1) expect((await send()).status).toBe(200);
    t.clock.now += 1000;
    await send(orderShipped("+16505559999"));

    expect(t.sandbox.sendRates(t.phoneId)).toEqual({ maxInAnySecond: 100, pairViolations: 100 - PAIR_BURST });
    expect(t.sandbox.sendRates("unknown")).toEqual({ maxInAnySecond: 0, pairViolations: 0 });
  });
});
