/**
 * `npm run bench:webhooks` — how many WhatsApp status updates the webhook route takes in and applies
 * per second on real Postgres, how fast it answers Meta, and whether any update is lost or applied
 * twice. Targets (issue 5): ≥ 5,000 updates/s end to end, p99 ack < 100 ms, lost 0, dup 0.
 *
 * A throwaway database on RAQI_TEST_PG_URL (default postgres://postgres@127.0.0.1:5432) is migrated
 * and seeded with one workspace, connection, number and N outbound messages with known wamids; the
 * production server runs against it. Concurrent senders then POST signed status webhooks (sent →
 * delivered → read, some failed; 100- and 1,000-update POSTs; shuffled; 20 % of the updates repeated
 * in other POSTs; a few POSTs replayed byte for byte) for DURATION, each sender waiting for its ack
 * before the next POST. At the end it waits until every stored event is processed and reads the
 * outcome from the database:
 * - updates/s: unique (wamid, status) updates acknowledged ÷ (last processed_at − first POST);
 * - p99: the 99th percentile of the time from sending a POST to its complete 200;
 * - lost: messages whose final row differs from what the acknowledged updates imply (status, the
 *   first time of each status, the failure's code);
 * - dup: extra applications — a (message, status) or (message, timestamp column) transition
 *   written more than once (recorded by a statement-level trigger that only the benchmark database
 *   has), plus webhook_events rows beyond one per distinct POST body.
 * `--smoke` runs ~5 s with fewer messages (npm test runs it so the benchmark never rots). When
 * Postgres is not reachable it reports "skipped" (and fails under CI=true), as npm test does.
 * Options: `--duration=<s>`, `--senders=<n>`, `--rate=<updates/s>` (offered load; default: every sender
 * POSTs again as soon as it has its ack, i.e. as fast as the server acknowledges). Last line: `webhook-ingest: 9000 updates/s p99 40ms lost 0 dup 0`.
 */
import crypto from "node:crypto";
import net from "node:net";
import path from "node:path";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { signPayload } from "../../lib/whatsapp/signature";
import { TEST_META_APP_SECRET, testPgUrl } from "../test/test-env.mjs";
import { ROOT, median, percentile, startAppServer } from "./support";

const smoke = process.argv.includes("--smoke");
function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = arg ? Number(arg.slice(name.length + 3)) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}
const DURATION_MS = option("duration", smoke ? 5 : 35) * 1000;
const SENDERS = option("senders", smoke ? 2 : 4);
/** `--rate=<updates/s>`: offer this load instead of sending each POST as soon as the last was acked. */
const RATE = process.argv.some((a) => a.startsWith("--rate=")) ? option("rate", 1) : 0;
/** Seeded messages: more than the run can use, so senders never run dry. */
const MESSAGES = smoke ? 60_000 : 600_000;
/** Updates are shuffled within windows of this many messages (order across POSTs is not guaranteed). */
const WINDOW = 2_000;
const DUPLICATE_SHARE = 0.2;
const REPLAY_SHARE = 0.03;
const LARGE_POST_SHARE = 0.4;
const PROCESS_TIMEOUT_MS = 180_000;

type StatusName = "sent" | "delivered" | "read" | "failed";
const RANK: Record<StatusName, number> = { sent: 2, failed: 3, delivered: 4, read: 5 };
const COLUMN: Record<StatusName, "sent_at" | "delivered_at" | "read_at" | "failed_at"> = {
  sent: "sent_at",
  delivered: "delivered_at",
  read: "read_at",
  failed: "failed_at",
};
const UNDELIVERABLE = 131026;

interface Update {
  index: number;
  status: StatusName;
  /** Unix seconds. */
  at: number;
}

interface Expected {
  rank: number;
  times: Partial<Record<StatusName, number>>;
}

const log = (message: string) => console.error(`[bench:webhooks] ${message}`);

function reachable(url: string): Promise<boolean> {
  const parsed = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: parsed.hostname || "127.0.0.1", port: Number(parsed.port || 5432) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(3000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

const run = crypto.randomBytes(4).toString("hex");
const wamidOf = (index: number) => `wamid.bench.${run}.${index}`;
const waIdOf = (index: number) => String(966_500_000_000 + index);
const BASE_TIME = Math.floor(Date.now() / 1000) - 3600;

/** The fate of message i: 65 % read, 20 % delivered, 10 % sent only, 5 % failed. */
function updatesOfMessage(index: number): Update[] {
  const at = BASE_TIME + (index % 3000);
  const roll = (index * 2654435761) % 100;
  const sent: Update = { index, status: "sent", at };
  if (roll < 65)
    return [sent, { index, status: "delivered", at: at + 1 }, { index, status: "read", at: at + 5 }];
  if (roll < 85) return [sent, { index, status: "delivered", at: at + 1 }];
  if (roll < 95) return [sent];
  return [sent, { index, status: "failed", at: at + 2 }];
}

/** Status updates in delivery order: windows of messages, shuffled, with repeats mixed in. */
class UpdateStream {
  private buffer: Update[] = [];
  private nextMessage = 0;

  take(count: number): Update[] {
    while (this.buffer.length < count && this.nextMessage < MESSAGES) this.refill();
    return this.buffer.splice(0, count);
  }

  private refill(): void {
    const end = Math.min(MESSAGES, this.nextMessage + WINDOW);
    const window: Update[] = [];
    for (let i = this.nextMessage; i < end; i += 1) window.push(...updatesOfMessage(i));
    this.nextMessage = end;
    const repeats = Math.round(window.length * DUPLICATE_SHARE);
    for (let i = 0; i < repeats; i += 1) {
      const original = window[Math.floor(Math.random() * window.length)];
      if (original) window.push({ ...original });
    }
    this.buffer.push(...shuffle(window));
  }
}

function statusBody(metaPhoneNumberId: string, wabaId: string, updates: Update[]): string {
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: wabaId,
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550001111", phone_number_id: metaPhoneNumberId },
              statuses: updates.map((u) => ({
                id: wamidOf(u.index),
                status: u.status,
                timestamp: String(u.at),
                recipient_id: waIdOf(u.index),
                ...(u.status === "failed"
                  ? {
                      errors: [
                        {
                          code: UNDELIVERABLE,
                          title: "Message undeliverable",
                          message: "Message undeliverable",
                          error_data: { details: "Receiver is incapable of receiving this message" },
                        },
                      ],
                    }
                  : {}),
              })),
            },
          },
        ],
      },
    ],
  });
}

async function seed(sql: postgres.Sql, ids: { workspace: string; waba: string; metaNumber: string }) {
  const connection = crypto.randomUUID();
  const number = crypto.randomUUID();
  await sql`insert into workspaces (id, slug, name) values (${ids.workspace}, ${`bench-${run}`}, 'Bench')`;
  await sql`insert into whatsapp_connections (id, workspace_id, kind, method, waba_id)
    values (${connection}, ${ids.workspace}, 'sandbox', 'sandbox', ${ids.waba})`;
  await sql`insert into phone_numbers (id, workspace_id, connection_id, meta_phone_number_id, display_phone_number, is_default)
    values (${number}, ${ids.workspace}, ${connection}, ${ids.metaNumber}, '15550001111', true)`;
  await sql`insert into messages (id, workspace_id, phone_number_id, direction, wamid, type, content, status, accepted_at)
    select gen_random_uuid()::text, ${ids.workspace}, ${number}, 'out', ${`wamid.bench.${run}.`} || (g - 1),
      'template', '{}'::jsonb, 'accepted', now()
    from generate_series(1, ${MESSAGES}) g`;
  await sql`analyze messages`;
  // Write the bulk load out now: a checkpoint flushing it mid-run would stall every commit behind its
  // I/O, which says something about bulk loads, not about webhooks.
  await sql`checkpoint`;
  // Every transition of a message row, one insert per UPDATE statement (transition tables): how the
  // benchmark sees a status applied twice. Only this throwaway database has it.
  await sql.unsafe(`
    create table bench_transitions (
      message_id text not null, status text, sent boolean, delivered boolean, read boolean, failed boolean);
    create function bench_record_transitions() returns trigger language plpgsql as $$
    begin
      insert into bench_transitions
      select n.id, case when n.status is distinct from o.status then n.status end,
        n.sent_at is distinct from o.sent_at, n.delivered_at is distinct from o.delivered_at,
        n.read_at is distinct from o.read_at, n.failed_at is distinct from o.failed_at
      from new_rows n join old_rows o on o.id = n.id;
      return null;
    end $$;
    create trigger bench_record_transitions after update on messages
      referencing old table as old_rows new table as new_rows
      for each statement execute function bench_record_transitions();`);
}

interface Post {
  id: number;
  body: string;
  signature: string;
  updates: Update[];
}

/** Main thread → sender: the next POST and when it is due (epoch ms), or the end. */
type Assignment = { id: number; body: string; signature: string; large: boolean; dueAt: number } | null;
/** Sender → main thread. */
type Report = { kind: "next" } | { kind: "result"; id: number; status: number; ms: number; large: boolean };

interface Sent {
  latencies: number[];
  /** Latencies of the 1,000-update POSTs alone. */
  largeLatencies: number[];
  /** Updates of each acknowledged POST (a replay appears once per ack, with its original's id). */
  acked: Pick<Post, "id" | "updates">[];
  refused: number;
  firstPostAt: number;
}

/** What the acknowledged POSTs imply: per message, the furthest status and each status's first time. */
function expectedOf(acked: Sent["acked"]) {
  const expected = new Map<number, Expected>();
  const unique = new Set<string>();
  const bodies = new Set<number>();
  for (const post of acked) {
    bodies.add(post.id);
    for (const u of post.updates) {
      unique.add(`${u.index}:${u.status}`);
      const state = expected.get(u.index) ?? { rank: 1, times: {} };
      state.rank = Math.max(state.rank, RANK[u.status]);
      state.times[u.status] = Math.min(state.times[u.status] ?? Infinity, u.at);
      expected.set(u.index, state);
    }
  }
  return { expected, unique: unique.size, bodies: bodies.size };
}

/**
 * A sender, in its own thread so that building the next bodies (main thread) or another sender's work
 * never delays the moment a response is seen: each POST is timed from just before it is sent to its
 * complete 200, and nothing else runs on that thread meanwhile.
 */
async function senderThread(baseUrl: string): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const assignments: ((a: Assignment) => void)[] = [];
  port.on("message", (a: Assignment) => assignments.shift()?.(a));
  const next = () =>
    new Promise<Assignment>((resolve) => {
      assignments.push(resolve);
      port.postMessage({ kind: "next" } satisfies Report);
    });
  for (let a = await next(); a; a = await next()) {
    const wait = a.dueAt - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const started = performance.now();
    const response = await fetch(`${baseUrl}/api/webhooks/whatsapp`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hub-signature-256": a.signature },
      body: a.body,
    });
    await response.text();
    const ms = performance.now() - started;
    port.postMessage({
      kind: "result",
      id: a.id,
      status: response.status,
      ms,
      large: a.large,
    } satisfies Report);
  }
  port.close();
}

/** Runs SENDERS sender threads for DURATION_MS, handing out POSTs from one shuffled stream. */
async function sendFor(baseUrl: string, ids: { waba: string; metaNumber: string }): Promise<Sent> {
  const stream = new UpdateStream();
  const sent: Sent = { latencies: [], largeLatencies: [], acked: [], refused: 0, firstPostAt: Date.now() };
  const inFlight = new Map<number, Post>();
  const recent: Post[] = [];
  let scheduled = 0;
  let nextId = 0;
  let ackedUpdates = 0;
  let lastReport = Date.now();
  let end = Date.now() + DURATION_MS;

  const assign = (): Assignment => {
    if (Date.now() >= end) return null;
    let post = recent.length > 0 && Math.random() < REPLAY_SHARE ? recent.shift() : undefined;
    if (!post) {
      const updates = stream.take(Math.random() < LARGE_POST_SHARE ? 1000 : 100);
      if (updates.length === 0) {
        log("every seeded message has had its updates: ending early (raise MESSAGES)");
        end = 0;
        return null;
      }
      const body = statusBody(ids.metaNumber, ids.waba, updates);
      post = { id: nextId++, body, signature: signPayload(body, TEST_META_APP_SECRET), updates };
      recent.push(post);
      if (recent.length > 50) recent.shift();
    }
    inFlight.set(post.id, post);
    // Open loop with --rate: a POST is due when the updates before it have had their share of time.
    const dueAt = RATE > 0 ? sent.firstPostAt + (scheduled / RATE) * 1000 : 0;
    scheduled += post.updates.length;
    return {
      id: post.id,
      body: post.body,
      signature: post.signature,
      large: post.updates.length >= 1000,
      dueAt,
    };
  };

  const record = (report: Extract<Report, { kind: "result" }>) => {
    sent.latencies.push(report.ms);
    if (report.large) sent.largeLatencies.push(report.ms);
    const post = inFlight.get(report.id);
    if (report.status === 200 && post) {
      sent.acked.push({ id: post.id, updates: post.updates });
      ackedUpdates += post.updates.length;
    } else {
      sent.refused += 1;
      log(`POST answered ${report.status}`);
    }
    if (Date.now() - lastReport > 5000) {
      lastReport = Date.now();
      log(`${sent.acked.length} POSTs acknowledged, ${ackedUpdates} updates (repeats included)`);
    }
  };

  sent.firstPostAt = Date.now();
  end = sent.firstPostAt + DURATION_MS;
  await Promise.all(
    Array.from({ length: SENDERS }, () => {
      // The thread runs this same file, through tsx's loader as the main thread does (a worker does
      // not inherit loader hooks in Node 20).
      const file = JSON.stringify(import.meta.url);
      const worker = new Worker(`import("tsx/esm/api").then((api) => api.tsImport(${file}, ${file}))`, {
        eval: true,
        workerData: { baseUrl },
      });
      return new Promise<void>((resolve, reject) => {
        worker.on("message", (report: Report) => {
          if (report.kind === "next") worker.postMessage(assign());
          else record(report);
        });
        worker.on("error", reject);
        worker.on("exit", () => resolve());
      });
    }),
  );
  return sent;
}

/**
 * Untimed POSTs first, as a server has long been serving before Meta's traffic arrives: the route's
 * modules loaded, the database pool's connections open. Statuses for a number no workspace has, so they
 * touch no seeded message. Returns how many events they stored.
 */
async function warmUp(baseUrl: string, wabaId: string): Promise<number> {
  let stored = 0;
  await Promise.all(
    Array.from({ length: SENDERS * 2 }, async (_, sender) => {
      for (let i = 0; i < 5; i += 1) {
        const updates = Array.from({ length: 100 }, (_, k) => ({
          index: MESSAGES + sender * 1000 + i * 100 + k,
          status: "sent" as const,
          at: BASE_TIME,
        }));
        const body = statusBody("100000000000000", wabaId, updates);
        const response = await fetch(`${baseUrl}/api/webhooks/whatsapp`, {
          method: "POST",
          headers: { "x-hub-signature-256": signPayload(body, TEST_META_APP_SECRET) },
          body,
        });
        if (response.status === 200) stored += 1;
        await response.text();
      }
    }),
  );
  return stored;
}

async function waitUntilProcessed(sql: postgres.Sql): Promise<{ lastProcessedAt: number; pending: number }> {
  const deadline = Date.now() + PROCESS_TIMEOUT_MS;
  for (;;) {
    const [row] = await sql<{ pending: number; last: Date | null }[]>`
      select count(*) filter (where processed_at is null)::int as pending, max(processed_at) as last
      from webhook_events`;
    const pending = row?.pending ?? 0;
    if (pending === 0 || Date.now() > deadline) {
      return { lastProcessedAt: row?.last ? new Date(row.last).getTime() : Date.now(), pending };
    }
    log(`waiting for ${pending} stored events to be processed`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function verify(
  sql: postgres.Sql,
  workspaceId: string,
  expected: Map<number, Expected>,
  bodies: number,
) {
  const rows = await sql<
    {
      wamid: string;
      status: string;
      sent_at: number | null;
      delivered_at: number | null;
      read_at: number | null;
      failed_at: number | null;
      error_code: number | null;
    }[]
  >`select wamid, status,
      extract(epoch from sent_at)::int as sent_at, extract(epoch from delivered_at)::int as delivered_at,
      extract(epoch from read_at)::int as read_at, extract(epoch from failed_at)::int as failed_at, error_code
    from messages where workspace_id = ${workspaceId}`;
  const nameOfRank = new Map<number, string>([
    [1, "accepted"],
    ...Object.entries(RANK).map(([name, rank]): [number, string] => [rank, name]),
  ]);
  let lost = 0;
  for (const row of rows) {
    const index = Number(row.wamid.slice(row.wamid.lastIndexOf(".") + 1));
    const want = expected.get(index) ?? { rank: 1, times: {} };
    const ok =
      row.status === nameOfRank.get(want.rank) &&
      (Object.keys(COLUMN) as StatusName[]).every((s) => (row[COLUMN[s]] ?? undefined) === want.times[s]) &&
      (want.times.failed === undefined ? row.error_code === null : row.error_code === UNDELIVERABLE);
    if (!ok) lost += 1;
  }
  const [transitions] = await sql<{ extra: number }[]>`
    select coalesce(sum(extra), 0)::int as extra from (
      select count(*) - 1 as extra from bench_transitions where status is not null group by message_id, status having count(*) > 1
      union all select count(*) - 1 from bench_transitions where sent group by message_id having count(*) > 1
      union all select count(*) - 1 from bench_transitions where delivered group by message_id having count(*) > 1
      union all select count(*) - 1 from bench_transitions where read group by message_id having count(*) > 1
      union all select count(*) - 1 from bench_transitions where failed group by message_id having count(*) > 1
    ) t`;
  const [events] = await sql<{ count: number }[]>`select count(*)::int as count from webhook_events`;
  const extraEvents = Math.max(0, (events?.count ?? 0) - bodies);
  return { lost, checked: rows.length, dupTransitions: transitions?.extra ?? 0, extraEvents };
}

async function main() {
  const adminUrl = testPgUrl();
  if (!(await reachable(adminUrl))) {
    const where = adminUrl.replace(/\/\/([^:@/]+):[^@/]+@/, "//$1:***@");
    if (process.env.CI === "true" || process.env.CI === "1")
      throw new Error(`Postgres not reachable at ${where}`);
    console.log(`webhook-ingest: skipped (Postgres not reachable at ${where}; set RAQI_TEST_PG_URL)`);
    return;
  }
  const name = `raqi_bench_${Date.now()}_${process.pid}`;
  const admin = postgres(adminUrl, { onnotice: () => {}, max: 1 });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const sql = postgres(url.toString(), { onnotice: () => {}, max: 2 });
  let server: Awaited<ReturnType<typeof startAppServer>> | undefined;
  try {
    await migrate(drizzle(sql), { migrationsFolder: path.join(ROOT, "db", "migrations") });
    const ids = {
      workspace: crypto.randomUUID(),
      waba: `waba-bench-${run}`,
      metaNumber: String(100_000_000_000_000 + Math.floor(Math.random() * 1e9)),
    };
    log(`seeding ${MESSAGES} messages into ${name}`);
    await seed(sql, ids);
    server = await startAppServer({ databaseUrl: url.toString() });
    const warmUps = await warmUp(server.baseUrl, ids.waba);

    log(
      `${SENDERS} senders for ${DURATION_MS / 1000} s${RATE > 0 ? ` offering ${RATE} updates/s` : ", each as fast as it is acked"}`,
    );
    const sent = await sendFor(server.baseUrl, ids);
    const { lastProcessedAt, pending } = await waitUntilProcessed(sql);
    const elapsed = (lastProcessedAt - sent.firstPostAt) / 1000;
    const { expected, unique, bodies } = expectedOf(sent.acked);
    const result = await verify(sql, ids.workspace, expected, bodies + warmUps);
    const rate = unique / elapsed;
    const p99 = percentile(sent.latencies, 99);
    log(
      `${sent.acked.length} POSTs acknowledged (${sent.refused} refused), ${unique} unique updates in ${elapsed.toFixed(1)} s; ` +
        `ack median ${median(sent.latencies).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${Math.max(...sent.latencies).toFixed(0)} ms ` +
        `(1,000-update POSTs: median ${median(sent.largeLatencies).toFixed(1)} ms, p99 ${percentile(sent.largeLatencies, 99).toFixed(1)} ms); ` +
        `senders in ${SENDERS} threads`,
    );
    log(
      `${result.checked} messages checked: ${result.lost} not in their expected state; ` +
        `${result.dupTransitions} transitions written twice; ${result.extraEvents} stored events beyond distinct bodies; ${pending} events unprocessed`,
    );
    if (sent.refused > 0) log(`${sent.refused} POSTs were not acknowledged (Meta would retry them)`);
    const lost = result.lost;
    const dup = result.dupTransitions + result.extraEvents;
    console.log(
      `webhook-ingest: ${Math.round(rate)} updates/s p99 ${Math.round(p99)}ms lost ${lost} dup ${dup}`,
    );
  } finally {
    await server?.stop();
    await sql.end({ timeout: 5 });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end({ timeout: 5 });
  }
}

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  senderThread((workerData as { baseUrl: string }).baseUrl).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
