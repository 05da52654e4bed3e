/**
 * Durations and dates as the SDK sends them (INNGEST-PROTOCOL.md §6): `[Nw][Nd][Nh][Nm][Ns]`, "" for 0
 * (also what `sleep("1h30m")` arrives as, an SDK bug), or an ISO date for sleepUntil / a wait's deadline.
 */
const UNIT_MS: Record<string, number> = {
  w: 7 * 24 * 3600_000,
  d: 24 * 3600_000,
  h: 3600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
};

/** Milliseconds of a duration string, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return 0;
  const pattern = /(\d+(?:\.\d+)?)\s*(ms|w|d|h|m|s)/gy;
  let total = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(pattern)) {
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ""] ?? 0);
    consumed = (match.index ?? 0) + match[0].length;
  }
  return consumed === trimmed.length && consumed > 0 ? total : undefined;
}

/** The moment a duration or an ISO date (`name` of a Sleep op, a wait's timeout) points at. */
export function resolveDeadline(text: string, now: Date): Date | undefined {
  const ms = parseDuration(text);
  if (ms !== undefined) return new Date(now.getTime() + ms);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : new Date(at);
}

/** Retry-After as the SDK sends it: whole seconds, or a date (ISO or HTTP). */
export function parseRetryAfter(header: string | null, now: Date): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** Exponential backoff after the `attempt`-th failure (0-based): base, 2·base, 4·base … capped. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
}
