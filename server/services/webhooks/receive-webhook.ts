import "server-only";
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb, type Database } from "@/db/client";
import { webhookEvents } from "@/db/schema";
import { verifySignature } from "@/lib/whatsapp/signature";
import { extractUpdates, parseWebhookPayload, type WebhookUpdate } from "@/lib/whatsapp/webhook";
import { env } from "@/server/env";

export type ReceiveRejection = {
  ok: false;
  status: 400 | 401;
  code: "invalid_signature" | "invalid_json" | "invalid_payload";
  message: string;
};

export type ReceiveResult =
  /** Stored (eventId) or a replay of a stored POST (eventId null): either way Meta gets its 200. */
  { ok: true; eventId: number | null; updates: WebhookUpdate[] } | ReceiveRejection;

/**
 * The work after the response gets the first go at a new event; the sweeper takes it only after
 * this long (the process died, or the task failed before it could schedule a retry).
 */
export const SWEEP_GRACE_SECONDS = 10;

const utf8 = new TextDecoder("utf-8", { fatal: true });

function reject(status: 400 | 401, code: ReceiveRejection["code"], message: string): ReceiveRejection {
  return { ok: false, status, code, message };
}

const statements = new WeakMap<Database, ReturnType<typeof prepareInsertEvent>>();

/**
 * The one statement between Meta and its 200, prepared once per database: an unprepared statement
 * with parameters costs postgres.js an extra round trip (describe, then bind) and the planner a plan.
 * The payload is the text as received (not a re-serialisation): what Meta signed is what is kept.
 */
function prepareInsertEvent(db: Database) {
  return db
    .insert(webhookEvents)
    .values({
      bodyHash: sql.placeholder("bodyHash"),
      payload: sql`${sql.placeholder("payload")}::jsonb`,
      updateCount: sql.placeholder("updateCount"),
      nextAttemptAt: sql`now() + ${sql.raw(`interval '${SWEEP_GRACE_SECONDS} seconds'`)}`,
    })
    .onConflictDoNothing({ target: webhookEvents.bodyHash })
    .returning({ id: webhookEvents.id })
    .prepare("webhook_events_insert");
}

async function insertEventStatement() {
  const db = await getDb();
  let statement = statements.get(db);
  if (!statement) {
    statement = prepareInsertEvent(db);
    statements.set(db, statement);
  }
  return statement;
}

/**
 * Checks and stores one webhook POST, in this order: signature over the raw bytes (nothing is parsed
 * or stored before it passes), JSON, Meta's shape, then one insert keyed by the body's sha256 so a
 * replayed POST stores nothing. Processing happens later (processWebhookEvent or the sweeper).
 */
export async function receiveWebhook(raw: Uint8Array, signature: string | null): Promise<ReceiveResult> {
  if (!verifySignature(raw, signature, env().META_APP_SECRET)) {
    return reject(
      401,
      "invalid_signature",
      signature
        ? "X-Hub-Signature-256 does not match the body: it must be sha256=<HMAC-SHA256 of the raw body with the app secret>"
        : "X-Hub-Signature-256 is missing",
    );
  }

  let text: string;
  let json: unknown;
  try {
    text = utf8.decode(raw);
  } catch {
    return reject(400, "invalid_json", "The body is not UTF-8 text");
  }
  try {
    json = JSON.parse(text);
  } catch (error) {
    return reject(
      400,
      "invalid_json",
      `The body is not JSON: ${error instanceof Error ? error.message : "parse error"}`,
    );
  }
  // Postgres jsonb cannot hold NUL characters; Meta never sends them.
  if (text.includes("\\u0000"))
    return reject(400, "invalid_payload", "The body contains a NUL character (\\u0000)");
  const parsed = parseWebhookPayload(json);
  if (!parsed.ok)
    return reject(400, "invalid_payload", `The body is not a WhatsApp webhook: ${parsed.error}`);
  const updates = extractUpdates(parsed.payload);

  const [row] = await (
    await insertEventStatement()
  ).execute({
    bodyHash: crypto.createHash("sha256").update(raw).digest("hex"),
    payload: text,
    updateCount: updates.length,
  });
  return { ok: true, eventId: row?.id ?? null, updates };
}
