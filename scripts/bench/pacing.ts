/**
 * bench:pacing — the send service's pacing against the sandbox, on real Postgres.
 *
 * Queues 10,000 template sends for one phone number limited to 80 messages/s (2,000 recipients, five
 * messages each) through the real send service, in-process, and lets the sandbox count what Meta would:
 * the achieved rate, the most requests in any one-second window, and pair-rate violations (a recipient
 * messaged again within 6 s).
 *
 *   npm run bench:pacing                 # 10,000 sends (~2 min)
 *   npm run bench:pacing -- --smoke      # 160 sends
 * Last line: `pacing: <rate> mps (<pct>%) max-window <N> pair-violations <N>`
 */
import crypto from "node:crypto";
import postgres from "postgres";
import {
  TEST_AUTH_SECRET,
  TEST_META_APP_SECRET,
  TEST_TOKEN_ENCRYPTION_KEY,
  TEST_WEBHOOK_VERIFY_TOKEN,
  testPgUrl,
} from "../test/test-env.mjs";

const smoke = process.argv.includes("--smoke");
const SENDS = smoke ? 160 : 10_000;
const PER_RECIPIENT = smoke ? 1 : 5;
const LIMIT = 80;
const IN_FLIGHT = 600;
const log = (line: string) => console.error(`[bench:pacing] ${line}`);

async function main() {
  const adminUrl = testPgUrl();
  const admin = postgres(adminUrl, { onnotice: () => {}, max: 1 });
  try {
    await admin`select 1`;
  } catch {
    if (process.env.CI) throw new Error("Postgres not reachable");
    console.log("pacing: skipped (Postgres not reachable; set RAQI_TEST_PG_URL)");
    return;
  }
  const name = `raqi_bench_pacing_${Date.now()}_${process.pid}`;
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  Object.assign(process.env, {
    NODE_ENV: "test",
    DATABASE_URL: url.toString(),
    AUTH_SECRET: TEST_AUTH_SECRET,
    TOKEN_ENCRYPTION_KEY: TEST_TOKEN_ENCRYPTION_KEY,
    META_APP_SECRET: TEST_META_APP_SECRET,
    WEBHOOK_VERIFY_TOKEN: TEST_WEBHOOK_VERIFY_TOKEN,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
  });
  // Imported after the settings above: the app modules read them once.
  const { getDb, closeDb } = await import("../../db/client");
  const schema = await import("../../db/schema");
  const { encryptSecret } = await import("../../server/crypto");
  const { appSandbox, setSandboxDelivery, resetAppSandbox } = await import("../../server/whatsapp/channel");
  const { sendMessage } = await import("../../server/services/messages/send-message");
  const { SAMPLE_TEMPLATES } = await import("../../lib/flow/starters");
  try {
    const db = await getDb();
    setSandboxDelivery(async () => new Response("ok"));
    const account = appSandbox().provisionAccount({ businessName: "Bench", throughputPerSecond: LIMIT });
    const metaPhone = account.phoneNumbers[0]?.id ?? "";
    const [workspace] = await db
      .insert(schema.workspaces)
      .values({ slug: `bench-${Date.now()}`, name: "Bench" })
      .returning();
    if (!workspace) throw new Error("no workspace");
    const [connection] = await db
      .insert(schema.whatsappConnections)
      .values({
        workspaceId: workspace.id,
        kind: "sandbox",
        method: "sandbox",
        wabaId: account.wabaId,
        accessTokenSealed: encryptSecret(account.accessToken),
      })
      .returning();
    if (!connection) throw new Error("no connection");
    await db.insert(schema.phoneNumbers).values({
      workspaceId: workspace.id,
      connectionId: connection.id,
      metaPhoneNumberId: metaPhone,
      displayPhoneNumber: account.phoneNumbers[0]?.displayPhoneNumber ?? "",
      throughputPerSecond: LIMIT,
      isDefault: true,
    });
    await db.insert(schema.templates).values(
      SAMPLE_TEMPLATES.map((t) => ({
        ...t,
        workspaceId: workspace.id,
        metaTemplateId: crypto.randomUUID(),
      })),
    );
    const recipients = Math.ceil(SENDS / PER_RECIPIENT);
    const jobs = Array.from({ length: SENDS }, (_, i) => ({
      to: `+1${String(3_000_000_000 + (i % recipients)).padStart(10, "0")}`,
      runId: `bench-${i}`,
    }));
    log(`${SENDS} sends to ${recipients} recipients, number limited to ${LIMIT}/s, ${IN_FLIGHT} in flight`);
    let next = 0;
    let failed = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++];
          if (!job) break;
          try {
            const result = await sendMessage(workspace.id, {
              to: job.to,
              runId: job.runId,
              stepKey: "send",
              content: {
                type: "template",
                name: "order_shipped",
                language: "en_US",
                values: { "body.1": "A", "body.2": "B" },
              },
            });
            if (result.status === "failed") failed += 1;
          } catch (error) {
            failed += 1;
            if (failed < 5) log(`send failed: ${String(error)}`);
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const sent = appSandbox().sent({ phoneNumberId: metaPhone });
    const times = sent.map((m) => m.at).sort((a, b) => a - b);
    const span = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
    const rate = span > 0 ? (sent.length - 1) / span : 0;
    const rates = appSandbox().sendRates(metaPhone);
    log(`${sent.length} accepted by the sandbox, ${failed} failed, in ${seconds.toFixed(1)} s`);
    console.log(
      `pacing: ${rate.toFixed(1)} mps (${Math.round((rate / LIMIT) * 100)}%) max-window ${rates.maxInAnySecond} pair-violations ${rates.pairViolations}`,
    );
    await resetAppSandbox();
  } finally {
    await closeDb();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end({ timeout: 5 });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
