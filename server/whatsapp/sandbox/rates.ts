import { pairKey } from "./store";

/**
 * Meta's send limits (../shared/WHATSAPP.md, "Throughput"): a phone number may send its limit in any
 * sliding second (130429), and one recipient gets 1 message per 6 s with bursts up to 45 (131056),
 * modelled as a token bucket. Counts only accepted sends, as Meta does.
 */
export const PAIR_INTERVAL_MS = 6_000;
export const PAIR_BURST = 45;
const WINDOW_MS = 1_000;

interface PhoneRates {
  /** Accepted sends inside the last second, oldest first. */
  window: number[];
  maxInAnySecond: number;
  pairViolations: number;
}

export class RateTracker {
  private readonly phones = new Map<string, PhoneRates>();
  private readonly pairs = new Map<string, { tokens: number; at: number }>();

  /** What sending now would break, without recording anything. */
  check(
    phoneNumberId: string,
    waId: string,
    limitPerSecond: number,
    now: number,
  ): { throughput: boolean; pair: boolean } {
    const rates = this.prune(phoneNumberId, now);
    return {
      throughput: rates.window.length + 1 > limitPerSecond,
      pair: this.pairTokens(phoneNumberId, waId, now) < 1,
    };
  }

  /** Records an accepted send (and counts it as a pair violation when the bucket was empty). */
  record(phoneNumberId: string, waId: string, now: number): void {
    const rates = this.prune(phoneNumberId, now);
    rates.window.push(now);
    rates.maxInAnySecond = Math.max(rates.maxInAnySecond, rates.window.length);
    const tokens = this.pairTokens(phoneNumberId, waId, now);
    if (tokens < 1) rates.pairViolations += 1;
    this.pairs.set(pairKey(phoneNumberId, waId), { tokens: Math.max(0, tokens - 1), at: now });
  }

  stats(phoneNumberId: string): { maxInAnySecond: number; pairViolations: number } {
    const rates = this.phones.get(phoneNumberId);
    return { maxInAnySecond: rates?.maxInAnySecond ?? 0, pairViolations: rates?.pairViolations ?? 0 };
  }

  private prune(phoneNumberId: string, now: number): PhoneRates {
    let rates = this.phones.get(phoneNumberId);
    if (!rates) {
      rates = { window: [], maxInAnySecond: 0, pairViolations: 0 };
      this.phones.set(phoneNumberId, rates);
    }
    let drop = 0;
    while (drop < rates.window.length && (rates.window[drop] ?? now) <= now - WINDOW_MS) drop += 1;
    if (drop > 0) rates.window.splice(0, drop);
    return rates;
  }

  private pairTokens(phoneNumberId: string, waId: string, now: number): number {
    const bucket = this.pairs.get(pairKey(phoneNumberId, waId));
    if (!bucket) return PAIR_BURST;
    return Math.min(PAIR_BURST, bucket.tokens + (now - bucket.at) / PAIR_INTERVAL_MS);
  }
}
