import type { NextResponse } from "next/server";
import { apiJson } from "@/server/http/api-response";
import { MAX_EVENT_BODY_BYTES, parseTriggerRequest } from "@/lib/runs/inputs";
import { env } from "@/server/env";
import { AppError, isAppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { TokenBuckets } from "@/server/rate-limit";
import { requireApiKey } from "@/server/services/api-keys/api-keys";
import { receiveEvents } from "@/server/services/runs/receive-events";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Per key: EVENTS_API_RATE_LIMIT requests a second sustained, bursts of twice that (each may carry 500 events). */
let limiter: TokenBuckets | undefined;
function limiterFor(): TokenBuckets {
  const rate = env().EVENTS_API_RATE_LIMIT;
  return (limiter ??= new TokenBuckets(rate, rate * 2));
}

function refusal(error: AppError, headers?: Record<string, string>): NextResponse {
  return apiJson(error.toJSON(), error.httpStatus, headers);
}

/**
 * POST /api/v1/events — start flows from a business event. Bearer API key (scope events:write);
 * body `{name, contact: {phone, name?, attributes?}, data, idempotencyKey?}` or `{events: [...]}` (≤ 500);
 * `Idempotency-Key` honoured for 24 h. 202 with the event ids once they are stored: their runs start right
 * after the answer, and `GET /api/v1/events/{id}` tells which started.
 */
export async function POST(request: Request): Promise<NextResponse> {
  try {
    const principal = await requireApiKey(request, "events:write");
    const wait = limiterFor().take(principal.apiKeyId);
    if (wait > 0) {
      return refusal(
        new AppError("RATE_LIMITED", `Too many requests for this API key: retry in ${wait} s`, {
          reason: "rate_limited",
        }),
        { "Retry-After": String(wait) },
      );
    }
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (declared > MAX_EVENT_BODY_BYTES) throw tooLarge();
    const raw = await request.text();
    if (Buffer.byteLength(raw) > MAX_EVENT_BODY_BYTES) throw tooLarge();
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new AppError("BAD_REQUEST", "The body is not valid JSON", { reason: "invalid_json" });
    }
    const parsed = parseTriggerRequest(json);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 20)
        .map((i) => ({ path: i.path.join("."), message: i.message }));
      const first = issues[0];
      throw new AppError(
        "BAD_REQUEST",
        first ? `${first.path || "body"}: ${first.message}` : "Invalid body",
        {
          reason: "invalid_body",
          issues,
        },
      );
    }
    const { events } = parsed;
    const idempotencyKey = request.headers.get("idempotency-key");
    if (idempotencyKey !== null && (idempotencyKey.length === 0 || idempotencyKey.length > 200)) {
      throw new AppError("BAD_REQUEST", "Idempotency-Key must be 1 to 200 characters", {
        reason: "invalid_idempotency_key",
      });
    }
    const accepted = await receiveEvents(principal, events, idempotencyKey);
    return apiJson({ events: accepted }, 202);
  } catch (error) {
    if (isAppError(error)) return refusal(error);
    logger.error({ err: error }, "events API failed");
    return apiJson(
      {
        error: {
          code: "INTERNAL",
          message: "Something went wrong on our side; retry with the same Idempotency-Key",
        },
      },
      500,
    );
  }
}

function tooLarge(): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${MAX_EVENT_BODY_BYTES / 1024} KB`, {
    reason: "too_large",
  });
}
