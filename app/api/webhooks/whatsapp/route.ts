import { logger } from "@/server/logger";
import { clientIp } from "@/server/request";
import { runAfterResponse } from "@/server/services/webhooks/after-response";
import {
  isBlockedForInvalidSignatures,
  recordInvalidSignature,
} from "@/server/services/webhooks/invalid-signature-guard";
import { processSoon } from "@/server/services/webhooks/processing-queue";
import { readCappedBody, type CappedBody } from "@/server/services/webhooks/read-capped-body";
import { receiveWebhook } from "@/server/services/webhooks/receive-webhook";
import { verifySubscription } from "@/server/services/webhooks/verify-subscription";
import { API_HEADERS } from "@/server/http/api-response";

/**
 * Meta's webhook endpoint (one URL per app, ../shared/WHATSAPP.md "Webhooks"). GET answers the
 * subscription check; POST verifies, stores and answers 200 at once, then processes the event after
 * the response. Anything but 200 makes Meta retry for up to 7 days, so only a failure to store answers
 * 500; bad input answers 4xx and stores nothing.
 */
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function text(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: { ...API_HEADERS, "content-type": "text/plain; charset=utf-8" },
  });
}

function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: API_HEADERS });
}

export function GET(request: Request): Response {
  const challenge = verifySubscription(new URL(request.url).searchParams);
  return challenge === null
    ? text(403, "Verification failed: wrong hub.mode or hub.verify_token")
    : text(200, challenge);
}

export async function POST(request: Request): Promise<Response> {
  const ip = clientIp(request.headers);
  if (isBlockedForInvalidSignatures(ip)) {
    return jsonError(
      429,
      "rate_limited",
      "Too many requests with an invalid signature; try again in a minute",
    );
  }
  let body: CappedBody;
  try {
    body = await readCappedBody(request);
  } catch {
    return jsonError(400, "unreadable_body", "The request body could not be read");
  }
  if (!body.ok) return jsonError(413, "payload_too_large", "Webhook bodies are limited to 3 MB");

  try {
    const received = await receiveWebhook(body.bytes, request.headers.get("x-hub-signature-256"));
    if (!received.ok) {
      if (received.code === "invalid_signature") recordInvalidSignature(ip);
      return jsonError(received.status, received.code, received.message);
    }
    const { eventId, updates } = received;
    if (eventId !== null) runAfterResponse(() => processSoon(eventId, updates));
    return Response.json({ ok: true }, { headers: API_HEADERS });
  } catch (error) {
    logger.error({ err: error }, "webhook could not be stored; Meta will retry it");
    return jsonError(500, "internal", "The webhook could not be stored; retry later");
  }
}
