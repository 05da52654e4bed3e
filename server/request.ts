import "server-only";

/**
 * The client address as seen by the nearest trusted proxy. Proxies append the address they saw to the
 * right of X-Forwarded-For, so entries further left can be forged by the client: with
 * TRUST_PROXY_HOPS=n (default 1) the n-th entry from the right is used. Behind no proxy at all, set 0
 * and every request counts as one address ("direct").
 */
export function clientIp(headers: Headers, hops = trustedHops()): string {
  if (hops <= 0) return "direct";
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return chain[Math.max(0, chain.length - hops)] ?? headers.get("x-real-ip")?.trim() ?? "unknown";
}

function trustedHops(): number {
  const value = Number(process.env.TRUST_PROXY_HOPS ?? "1");
  return Number.isInteger(value) && value >= 0 ? value : 1;
}
