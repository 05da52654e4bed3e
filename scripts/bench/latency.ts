/**
 * bench:latency — from an event accepted by the events API to the first Graph request of its run.
 *
 * Starts the production app on a throwaway Postgres database, with the WhatsApp sandbox as its own server
 * in this process (the app reaches it over HTTP, as it would reach Meta), one workspace connected to it
 * and the order-shipped starter published. Then sends events at a steady rate, each for a new contact, and
 * for each one measures the time from the 202 answer to the sandbox receiving the run's template send
 * (both clocks are this machine's). The runs go through the whole path: the trigger processor, the local
 * Inngest executor, run-flow, the send service and its pacing.
 *
 *   npm run bench:latency                  # 5 events/s for 60 s
 *   npm run bench:latency -- --smoke       # 5 events/s for 4 s
 *   npm run bench:latency -- --rate 10 --seconds 30
 * The rate stays below what one app process with the local executor sustains on a small machine (runs
 * per second, each several calls from the executor): above it the figure measures the backlog, not the
 * path.
 * Last line: `latency: p50 <N>ms p95 <N>ms`
 */
import { startSandboxServer } from "../../server/whatsapp/sandbox/server";
import { TEST_META_APP_SECRET } from "../test/test-env.mjs";
import { freePort, percentile, seedPublishedFlow, startAppServer, throwawayPostgres } from "./support";

const smoke = process.argv.includes("--smoke");
function option(name: string): number | undefined {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
const RATE = option("rate") ?? 5;
const SECONDS = option("seconds") ?? (smoke ? 4 : 60);
const log = (line: string) => console.error(`[bench:latency] ${line}`);

async function main() {
  const db = await throwawayPostgres("latency");
  if (!db) {
    console.log("latency: skipped (Postgres not reachable; set RAQI_TEST_PG_URL)");
    return;
  }
  const appPort = await freePort();
  const sandbox = await startSandboxServer({
    port: 0,
    appId: "raqi-sandbox",
    appSecret: TEST_META_APP_SECRET,
    webhookUrl: `http://localhost:${appPort}/api/webhooks/whatsapp`,
  });
  let server: Awaited<ReturnType<typeof startAppServer>> | undefined;
  try {
    const account = sandbox.sandbox.provisionAccount({ businessName: "Bench", throughputPerSecond: 80 });
    const phone = account.phoneNumbers[0];
    if (!phone) throw new Error("the sandbox account has no phone number");
    const phoneNumberId = phone.id;
    const { keys } = await seedPublishedFlow(db.sql, {
      keys: 1,
      sandbox: {
        wabaId: account.wabaId,
        accessToken: account.accessToken,
        phoneNumberId,
        displayPhone: phone.displayPhoneNumber,
      },
    });
    const key = keys[0] ?? "";
    server = await startAppServer({
      databaseUrl: db.url,
      port: appPort,
      env: { SANDBOX_GRAPH_URL: sandbox.url },
    });
    const baseUrl = server.baseUrl;
    const post = async (to: string) => {
      const response = await fetch(`${baseUrl}/api/v1/events`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body: JSON.stringify({
          name: "order.shipped",
          contact: { phone: to, name: "Bench" },
          data: { order_id: "#1", tracking_url: "https://t.example/1" },
        }),
      });
      await response.arrayBuffer();
      if (response.status !== 202) throw new Error(`the events API answered ${response.status}`);
      return Date.now();
    };
    // Warm up: compile the routes and functions, fill the caches, start the executor's first run.
    const warm = Array.from({ length: 5 }, (_, i) => `+1650555${String(9000 + i)}`);
    for (const to of warm) await post(to);
    await waitForSends(sandbox.sandbox, phoneNumberId, warm.length, 60_000);

    const total = RATE * SECONDS;
    log(`${RATE} events/s for ${SECONDS} s (${total} events), each a new contact`);
    const accepted = new Map<string, number>();
    const started = Date.now();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / RATE;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const to = `+1${String(2_100_000_000 + i).padStart(10, "0")}`;
      pending.push(post(to).then((at) => void accepted.set(to.slice(1), at)));
    }
    await Promise.all(pending);
    const sends = await waitForSends(sandbox.sandbox, phoneNumberId, warm.length + total, 120_000);
    const latencies: number[] = [];
    for (const message of sends) {
      const at = accepted.get(message.to);
      if (at !== undefined) latencies.push(Math.max(0, message.at - at));
    }
    log(
      `${accepted.size} accepted, ${latencies.length} first sends seen; ` +
        `max ${Math.round(Math.max(...latencies, 0))} ms`,
    );
    if (latencies.length < total) log(`${total - latencies.length} events had no send within 2 minutes`);
    console.log(
      `latency: p50 ${Math.round(percentile(latencies, 50))}ms p95 ${Math.round(percentile(latencies, 95))}ms`,
    );
  } finally {
    await server?.stop();
    await sandbox.close();
    await db.drop();
  }
}

/** The sandbox's sent messages of the number, once at least `count` arrived (or the time is up). */
async function waitForSends(
  sandbox: Awaited<ReturnType<typeof startSandboxServer>>["sandbox"],
  phoneNumberId: string,
  count: number,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const sent = sandbox.sent({ phoneNumberId });
    if (sent.length >= count || Date.now() > deadline) return sent;
    await new Promise((r) => setTimeout(r, 100));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
