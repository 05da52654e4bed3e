import { beforeEach, describe, expect, it } from "vitest";
import {
  INVALID_SIGNATURE_POLICY,
  isBlockedForInvalidSignatures,
  recordInvalidSignature,
  resetInvalidSignatureGuard,
} from "./invalid-signature-guard";

beforeEach(resetInvalidSignatureGuard);

describe("invalid signature guard", () => {
  it("blocks an address after the allowed number of bad signatures, for the rest of the window", () => {
    const now = 1_000_000;
    for (let i = 0; i < INVALID_SIGNATURE_POLICY.maxFailures - 1; i += 1)
      recordInvalidSignature("198.51.100.7", now);
    expect(isBlockedForInvalidSignatures("198.51.100.7", now)).toBe(false);

    recordInvalidSignature("198.51.100.7", now);

    expect(isBlockedForInvalidSignatures("198.51.100.7", now + 1_000)).toBe(true);
    expect(isBlockedForInvalidSignatures("198.51.100.8", now + 1_000)).toBe(false);
    expect(isBlockedForInvalidSignatures("198.51.100.7", now + INVALID_SIGNATURE_POLICY.windowMs + 1)).toBe(
      false,
    );
  });

  it("forgets old addresses instead of growing without bound", () => {
    const now = 2_000_000;
    for (let i = 0; i < INVALID_SIGNATURE_POLICY.maxTrackedAddresses + 10; i += 1)
      recordInvalidSignature(`ip-${i}`, now);
    for (let i = 0; i < INVALID_SIGNATURE_POLICY.maxFailures; i += 1) recordInvalidSignature("latest", now);

    expect(isBlockedForInvalidSignatures("latest", now)).toBe(true);
  });
});
