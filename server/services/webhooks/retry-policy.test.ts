import { describe, expect, it } from "vitest";
import {
  MAX_UNKNOWN_STATUS_RETRIES,
  failedAttemptNote,
  isStatusesOnlyRetry,
  retryDelayMs,
  unknownStatusesNote,
} from "./retry-policy";

describe("retry policy", () => {
  it("waits 1 s, 5 s, 30 s, 2 min, then 10 min", () => {
    expect([1, 2, 3, 4, 5, 9].map(retryDelayMs)).toEqual([1_000, 5_000, 30_000, 120_000, 600_000, 600_000]);
    expect(MAX_UNKNOWN_STATUS_RETRIES).toBe(5);
  });

  it("retries only statuses after a pass that committed the rest", () => {
    expect(isStatusesOnlyRetry(unknownStatusesNote(3))).toBe(true);
    expect(isStatusesOnlyRetry(null)).toBe(false);
    expect(isStatusesOnlyRetry(failedAttemptNote(null, new Error("connection reset")))).toBe(false);
  });

  it("keeps the statuses-only marker when such a retry fails", () => {
    const note = failedAttemptNote(unknownStatusesNote(2), new Error("deadlock detected"));

    expect(note).toBe("2 statuses for unknown messages; attempt failed: deadlock detected");
    expect(isStatusesOnlyRetry(note)).toBe(true);
  });
});
