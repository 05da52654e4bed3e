import "server-only";

/**
 * An in-process token bucket per key: `rate` tokens a second, up to `burst`. Good enough for one app
 * instance; several instances each allow the rate (put a shared limiter in front when that matters).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {}

  /** Takes `cost` tokens; returns 0 when allowed, else the seconds until it would be. */
  take(key: string, cost = 1, nowMs = Date.now()): number {
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: nowMs };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((nowMs - bucket.at) / 1000) * this.rate);
    bucket.at = nowMs;
    if (this.buckets.size > 50_000) this.buckets.clear();
    this.buckets.set(key, bucket);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return 0;
    }
    return Math.ceil((cost - bucket.tokens) / this.rate);
  }
}
