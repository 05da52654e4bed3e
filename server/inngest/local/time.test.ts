import { describe, expect, it } from "vitest";
import { backoffMs, parseDuration, parseRetryAfter, resolveDeadline } from "./time";

describe("durations as the SDK sends them", () => {
  it("reads compound durations and treats an empty one as zero", () => {
    expect(parseDuration("1h30m")).toBe(90 * 60_000);
    expect(parseDuration("2w1d")).toBe(15 * 24 * 3600_000);
    expect(parseDuration("45s")).toBe(45_000);
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration("")).toBe(0);
    expect(parseDuration("soon")).toBeUndefined();
    expect(parseDuration("2026-01-01T00:00:00Z")).toBeUndefined();
  });

  it("resolves a duration from now and an ISO date as itself", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(resolveDeadline("1m", now)?.toISOString()).toBe("2026-01-01T00:01:00.000Z");
    expect(resolveDeadline("2026-02-03T04:05:06.000Z", now)?.toISOString()).toBe("2026-02-03T04:05:06.000Z");
    expect(resolveDeadline("nonsense", now)).toBeUndefined();
  });

  it("honours Retry-After in seconds or as a date, and backs off exponentially up to a cap", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("2026-01-01T00:00:10.000Z", now)).toBe(10_000);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect([0, 1, 2, 3, 10].map((attempt) => backoffMs(attempt, 1000, 5000))).toEqual([
      1000, 2000, 4000, 5000, 5000,
    ]);
  });
});
