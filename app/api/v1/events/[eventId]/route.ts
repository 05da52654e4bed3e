import type { NextResponse } from "next/server";
import { apiJson } from "@/server/http/api-response";
import { AppError, isAppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { requireApiKey } from "@/server/services/api-keys/api-keys";
import { getEventStatus } from "@/server/services/runs/receive-events";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * GET /api/v1/events/{id} — an event sent through POST /api/v1/events: pending until its runs are
 * started (usually within milliseconds), then processed with what each listening flow did.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ eventId: string }> },
): Promise<NextResponse> {
  try {
    const principal = await requireApiKey(request, "events:write");
    const { eventId } = await params;
    const event = /^[0-9a-f-]{36}$/i.test(eventId) ? await getEventStatus(principal, eventId) : null;
    if (!event) {
      throw new AppError(
        "NOT_FOUND",
        `No event ${eventId.slice(0, 64)} was sent with this workspace's keys`,
        {
          reason: "event_not_found",
        },
      );
    }
    return apiJson({ event });
  } catch (error) {
    if (isAppError(error)) return apiJson(error.toJSON(), error.httpStatus);
    logger.error({ err: error }, "events API failed");
    return apiJson({ error: { code: "INTERNAL", message: "Something went wrong on our side; retry" } }, 500);
  }
}
