import "server-only";
import { NextResponse } from "next/server";

/**
 * Headers of every machine-facing API answer (events API, integration hooks, Meta's webhooks): never
 * cached, and never compressed by the server — `no-transform` makes Next's compression skip these small
 * JSON bodies, whose gzip stream costs more CPU than the bytes it saves (it halved the events API's
 * throughput). Pages and static files are still compressed.
 */
export const API_HEADERS = { "cache-control": "no-store, no-transform" } as const;

/** A JSON answer of a machine-facing API, with API_HEADERS. */
export function apiJson(body: unknown, status = 200, headers?: Record<string, string>): NextResponse {
  return NextResponse.json(body, { status, headers: { ...API_HEADERS, ...headers } });
}
