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
 *   npm run bench:latency                  # 20 events/s for 30 s
 *   npm run bench:latency -- --smoke       # 5 events/s for 4 s
 * Last line: `latency: p50 <N>ms p95 <N>ms`
 */
import crypto from "node:crypto";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { SAMPLE_TEMPLATES, starterDocument } from "../../lib/flow/starters";
import { buildKeyring, encryptSecret } from "../../server/crypto";
import { startSandboxServer } from "../../server/whatsapp/sandbox/server";
import { TEST_META_APP_SECRET, TEST_TOKEN_ENCRYPTION_KEY, testPgUrl } from "../test/test-env.mjs";
import { ROOT, freePort, percentile, startAppServer } from "./support";

const smoke = process.argv.includes("--smoke");
const RATE = smoke ? 5 : 20;
const SECONDS = smoke ? 4 : 30;
const log = (line: string) => console.error(`[bench:latency] ${line}`);

interface Seeded {
  key: string;
  phoneNumberId: string;
}

async function seed(
  sql: postgres.Sql,
  account: { wabaId: string; accessToken: string; phone: { id: string; display: string } },
): Promise<Seeded> {
  const workspace = crypto.randomUUID();
  const connection = crypto.randomUUID();
  const flow = crypto.randomUUID();
  await sql`insert into workspaces (id, slug, name) values (${workspace}, ${`bench-${Date.now()}`}, 'Bench')`;
  await sql`insert into whatsapp_connections (id, workspace_id, kind, method, waba_id, access_token_sealed)
            values (${connection}, ${workspace}, 'sandbox', 'sandbox', ${account.wabaId}, ${encryptSecret(account.accessToken, buildKeyring(TEST_TOKEN_ENCRYPTION_KEY))})`;
  await sql`insert into phone_numbers (id, workspace_id, connection_id, meta_phone_number_id, display_phone_number, throughput_per_second, is_default)
            values (${crypto.randomUUID()}, ${workspace}, ${connection}, ${account.phone.id}, ${account.phone.display}, 80, true)`;
  for (const t of SAMPLE_TEMPLATES) {
    await sql`insert into templates (workspace_id, id, meta_template_id, name, language, category, status, parameter_format, components)
              values (${workspace}, ${crypto.randomUUID()}, ${crypto.randomUUID()}, ${t.name}, ${t.language}, ${t.category}, ${t.status},
                      ${t.parameterFormat}, ${JSON.stringify(t.components)}::jsonb)`;
  }
  const doc = starterDocument("order-shipped");
  await sql`insert into flows (id, workspace_id, name, status, draft, published_version)
            values (${flow}, ${workspace}, 'Order shipped', 'published', ${JSON.stringify(doc)}::jsonb, 1)`;
  await sql`insert into flow_versions (id, flow_id, workspace_id, number, document)
            values (${crypto.randomUUID()}, ${flow}, ${workspace}, 1, ${JSON.stringify(doc)}::jsonb)`;
  const key = `rqk_${crypto.randomBytes(30).toString("base64url")}`;
  const hash = crypto.createHash("sha256").update(key).digest("hex");
  await sql`insert into api_keys (id, workspace_id, name, prefix, key_hash, scopes)
            values (${crypto.randomUUID()}, ${workspace}, 'bench', ${key.slice(0, 12)}, ${hash}, ${JSON.stringify(["events:write"])}::jsonb)`;
  return { key, phoneNumberId: account.phone.id };
}

async function main() {
  const adminUrl = testPgUrl();
  const admin = postgres(adminUrl, { onnotice: () => {}, max: 1 });
  try {
    await admin`select 1`;
  } catch {
    if (process.env.CI) throw new Error("Postgres not reachable");
    console.log("latency: skipped (Postgres not reachable; set RAQI_TEST_PG_URL)");
    return;
  }
  const name = `raqi_bench_latency_${Date.now()}_${process.pid}`;
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const sql = postgres(url.toString(), { onnotice: () => {}, max: 2 });
  const appPort = await freePort();
  const sandbox = await startSandboxServer({
    port: 0,
    appId: "raqi-sandbox",
    appSecret: TEST_META_APP_SECRET,
    webhookUrl: `http://localhost:${appPort}/api/webhooks/whatsapp`,
  });
  let server: Awaited<ReturnType<typeof startAppServer>> | undefined;
  try {
    await migrate(drizzle(sql), { migrationsFolder: path.join(ROOT, "db", "migrations") });
    const account = sandbox.sandbox.provisionAccount({ businessName: "Bench", throughputPerSecond: 80 });
    const phone = account.phoneNumbers[0];
    if (!phone) throw new Error("the sandbox account has no phone number");
    const { key, phoneNumberId } = await seed(sql, {
      wabaId: account.wabaId,
      accessToken: account.accessToken,
      phone: { id: phone.id, display: phone.displayPhoneNumber },
    });
    server = await startAppServer({
      databaseUrl: url.toString(),
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
    await sql.end({ timeout: 5 });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end({ timeout: 5 });
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
