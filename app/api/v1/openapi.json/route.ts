import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/runs/openapi";
import { env } from "@/server/env";

export const dynamic = "force-dynamic";

/** GET /api/v1/openapi.json — the events API as OpenAPI 3.1. */
export function GET(): NextResponse {
  return NextResponse.json(openApiDocument(env().APP_URL), {
    headers: { "Cache-Control": "public, max-age=300" },
  });
}
