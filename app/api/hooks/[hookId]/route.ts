import type { NextResponse } from "next/server";
import { apiJson } from "@/server/http/api-response";
import { MAX_HOOK_BODY_BYTES } from "@/lib/runs/hooks";
import { AppError, isAppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { TokenBuckets } from "@/server/rate-limit";
import {
  acceptHookDelivery,
  findHookEndpoint,
  touchHook,
  verifyHookDelivery,
} from "@/server/services/hooks/receive-hook";
import { readCappedBody } from "@/server/services/webhooks/read-capped-body";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Per hook: 10 deliveries a second sustained, bursts of 30. Charged before verification, so a flood of
 * unsigned requests costs no more than the rate either. */
const limiter = new TokenBuckets(10, 30);

function refusal(error: AppError, headers?: Record<string, string>): NextResponse {
  return apiJson(error.toJSON(), error.httpStatus, headers);
}

/**
 * POST /api/hooks/[hookId] — an integration webhook starts the flow whose trigger owns the hook. Signed
 * with `X-Raqi-Signature: sha256=<hex>` (HMAC-SHA256 of the raw body with the hook's secret) or
 * `Authorization: Bearer <secret>`; body ≤ 256 KB of JSON, mapped by the trigger's mapping; deduplicated
 * for 24 h by `Idempotency-Key` or the body's sha256. 202 `{event: {id, duplicate}, runs}`.
 */
export async function POST(
  request: Request,
  context: { params: Promise<{ hookId: string }> },
): Promise<NextResponse> {
  try {
    const { hookId } = await context.params;
    const hook = await findHookEndpoint(hookId);
    if (!hook) throw new AppError("NOT_FOUND", "No such webhook", { reason: "hook_not_found" });
    const wait = limiter.take(hook.id);
    if (wait > 0) {
      return refusal(
        new AppError("RATE_LIMITED", `Too many deliveries to this webhook: retry in ${wait} s`, {
          reason: "rate_limited",
        }),
        { "Retry-After": String(wait) },
      );
    }
    const body = await readCappedBody(request, MAX_HOOK_BODY_BYTES);
    if (!body.ok) {
      throw new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${MAX_HOOK_BODY_BYTES / 1024} KB`, {
        reason: "too_large",
      });
    }
    verifyHookDelivery(hook, body.bytes, request.headers);
    await touchHook(hook.id);
    const answer = await acceptHookDelivery(hook, body.bytes, request.headers);
    return apiJson(answer, 202);
  } catch (error) {
    if (isAppError(error)) return refusal(error);
    logger.error({ err: error }, "integration webhook failed");
    return apiJson(
      {
        error: {
          code: "INTERNAL",
          message: "Something went wrong on our side; retry with the same body or Idempotency-Key",
        },
      },
      500,
    );
  }
}
