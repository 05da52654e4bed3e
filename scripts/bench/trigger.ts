/**
 * bench:trigger — the REST trigger API under load, on real Postgres.
 *
 * Starts the production app on a throwaway Postgres database seeded with one workspace, a sandbox
 * connection, the order-shipped starter published and API keys; then several clients POST events (each
 * for a new contact, so each starts a run) as fast as they are answered for the duration, and report
 * accepted events per second and the p99 of the answer time. Afterwards it waits until the trigger
 * processor has started every event's runs and logs that rate too (not part of the figure line).
 *
 *   npm run bench:trigger                 # 20 s, 32 concurrent clients, one event per request
 *   npm run bench:trigger -- --smoke      # a few seconds
 *   npm run bench:trigger -- --clients 8 --seconds 10 --batch 50   # 50 events per request
 * Last line: `trigger-api: <N> events/s p99 <N>ms`
 */
import { median, percentile, seedPublishedFlow, startAppServer, throwawayPostgres } from "./support";

const smoke = process.argv.includes("--smoke");
function option(name: string): number | undefined {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
const DURATION_MS = (option("seconds") ?? (smoke ? 3 : 20)) * 1000;
const CLIENTS = option("clients") ?? (smoke ? 4 : 32);
/** Events per request: 1 sends `{name, contact, data}`, more send `{events: [...]}`. */
const BATCH = Math.min(500, Math.floor(option("batch") ?? 1));
const KEYS = 4;
const log = (line: string) => console.error(`[bench:trigger] ${line}`);

const shipped = (phone: string) => ({
  name: "order.shipped",
  contact: { phone, name: "Bench" },
  data: { order_id: "#1", tracking_url: "https://t.example/1" },
});

async function post(baseUrl: string, key: string, phones: string[]): Promise<{ ok: boolean; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/v1/events`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(
      phones.length === 1 ? shipped(phones[0] ?? "") : { events: phones.map((p) => shipped(p)) },
    ),
  });
  await response.arrayBuffer();
  return { ok: response.status === 202, ms: performance.now() - started };
}

async function main() {
  const db = await throwawayPostgres("trigger");
  if (!db) {
    console.log("trigger-api: skipped (Postgres not reachable; set RAQI_TEST_PG_URL)");
    return;
  }
  const { sql } = db;
  let server: Awaited<ReturnType<typeof startAppServer>> | undefined;
  try {
    // One key per integration, as a shop sending from four systems would (each key has its own rate limit).
    const { keys } = await seedPublishedFlow(sql, { keys: KEYS });
    const key = keys[0] ?? "";
    server = await startAppServer({ databaseUrl: db.url });
    const baseUrl = server.baseUrl;
    // Warm up: compile the route, fill the key cache.
    for (let i = 0; i < 20; i++) await post(baseUrl, key, [`+1650555${String(9000 + i)}`]);
    log(`${CLIENTS} clients for ${DURATION_MS / 1000} s, ${BATCH} event(s) per request`);
    const latencies: number[] = [];
    let accepted = 0;
    let refused = 0;
    let counter = 0;
    const started = performance.now();
    const deadline = started + DURATION_MS;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        const clientKey = keys[client % keys.length] ?? key;
        while (performance.now() < deadline) {
          const phones = Array.from({ length: BATCH }, () => {
            counter += 1;
            return `+1${String(2_000_000_000 + counter).padStart(10, "0")}`;
          });
          const result = await post(baseUrl, clientKey, phones);
          latencies.push(result.ms);
          if (result.ok) accepted += BATCH;
          else refused += BATCH;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    log(
      `${accepted} events accepted, ${refused} refused in ${elapsed.toFixed(1)} s; ` +
        `answer median ${median(latencies).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
    );
    // The runs start after the answers: wait for the processor to catch up (two minutes at most).
    const until = Date.now() + 120_000;
    for (;;) {
      const [left] = await sql`select count(*)::int as n from trigger_events where processed_at is null`;
      if ((left?.n ?? 0) === 0 || Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const [processed] = await sql`
      select count(*)::int as n, count(processed_at)::int as done,
             extract(epoch from max(processed_at) - min(created_at))::float as seconds
      from trigger_events where created_at >= now() - make_interval(secs => ${elapsed + 180})`;
    const [runs] = await sql`select count(*)::int as n from runs`;
    log(
      `${String(processed?.done)} of ${String(processed?.n)} events processed ` +
        `(${Math.round((processed?.done ?? 0) / Math.max(0.001, processed?.seconds ?? 0))} events/s from first accepted to last processed); ` +
        `${String(runs?.n)} runs created`,
    );
    console.log(
      `trigger-api: ${Math.round(accepted / elapsed)} events/s p99 ${Math.round(percentile(latencies, 99))}ms`,
    );
  } finally {
    await server?.stop();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
