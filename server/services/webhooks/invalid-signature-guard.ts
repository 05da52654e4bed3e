import "server-only";

/**
 * A per-address brake on requests with a bad signature. The signature check is the real defence and
 * costs one HMAC; this only stops one address from making us read and hash 3 MB bodies in a loop.
 * Meta's own deliveries are correctly signed, so they are never counted and never slowed. In memory,
 * per process: enough for its purpose, and nothing to clean up in a database.
 */
export const INVALID_SIGNATURE_POLICY = { maxFailures: 20, windowMs: 60_000, maxTrackedAddresses: 10_000 };

interface Window {
  startedAt: number;
  failures: number;
}

const holder = globalThis as unknown as { __raqiInvalidSignatures?: Map<string, Window> };
const windows = (holder.__raqiInvalidSignatures ??= new Map<string, Window>());

/** Whether this address sent too many badly signed requests in the current window. */
export function isBlockedForInvalidSignatures(ip: string, now = Date.now()): boolean {
  const window = windows.get(ip);
  if (!window) return false;
  if (now - window.startedAt > INVALID_SIGNATURE_POLICY.windowMs) {
    windows.delete(ip);
    return false;
  }
  return window.failures >= INVALID_SIGNATURE_POLICY.maxFailures;
}

/** Counts one badly signed request from this address. */
export function recordInvalidSignature(ip: string, now = Date.now()): void {
  const window = windows.get(ip);
  if (window && now - window.startedAt <= INVALID_SIGNATURE_POLICY.windowMs) {
    window.failures += 1;
    return;
  }
  if (windows.size >= INVALID_SIGNATURE_POLICY.maxTrackedAddresses) {
    // Map keeps insertion order: forget the oldest windows first.
    for (const [key, old] of windows) {
      if (
        now - old.startedAt > INVALID_SIGNATURE_POLICY.windowMs ||
        windows.size >= INVALID_SIGNATURE_POLICY.maxTrackedAddresses
      ) {
        windows.delete(key);
      }
      if (windows.size < INVALID_SIGNATURE_POLICY.maxTrackedAddresses / 2) break;
    }
  }
  windows.set(ip, { startedAt: now, failures: 1 });
}

/** Tests: forget every counted failure. */
export function resetInvalidSignatureGuard(): void {
  windows.clear();
}
