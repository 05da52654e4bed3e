import "server-only";

/** The client address as the nearest proxy reports it; "unknown" when there is none (direct local calls). */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
}
