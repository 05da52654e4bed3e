/**
 * When a stored webhook event is tried again. Two reasons exist:
 * - statuses for messages we do not know yet: the send stores its wamid after Meta's answer, and a fast
 *   `sent` webhook can overtake it. The rest of the event is applied; only its statuses are retried.
 * - an unexpected error: the event's transaction rolled back, so the whole event is retried.
 */

/** Delays before retries 1…5 (statuses for unknown messages): 1 s, 5 s, 30 s, 2 min, 10 min. */
export const RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 120_000, 600_000] as const;

/** After this many retries, statuses for still-unknown messages are given up (the event is marked processed). */
export const MAX_UNKNOWN_STATUS_RETRIES = RETRY_DELAYS_MS.length;

/**
 * An event whose processing keeps throwing is retried with the same delays, capped at the last one,
 * then given up and logged as an error (about 1 h 15 min in all: long enough for a database restart).
 */
export const MAX_ERROR_RETRIES = 10;

const UNKNOWN_NOTE = / statuses for unknown messages/;

/** The delay before retry number `retry` (1-based). */
export function retryDelayMs(retry: number): number {
  const index = Math.min(Math.max(retry, 1), RETRY_DELAYS_MS.length) - 1;
  return RETRY_DELAYS_MS[index] ?? 600_000;
}

/** `last_error` of an event waiting for (or given up on) statuses of unknown messages. */
export function unknownStatusesNote(count: number): string {
  return `${count} statuses for unknown messages`;
}

/**
 * Whether a stored event's earlier attempt committed everything but statuses of unknown messages, so
 * a retry must apply its statuses only: opt-outs, preferences and template updates were applied then,
 * and re-applying them after a newer contrary update (a START, a RESUME) would move them backwards.
 */
export function isStatusesOnlyRetry(lastError: string | null): boolean {
  return lastError !== null && UNKNOWN_NOTE.test(lastError.split(";")[0] ?? "");
}

/** `last_error` after a failed attempt, keeping the statuses-only marker of an earlier attempt. */
export function failedAttemptNote(previous: string | null, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const text = `attempt failed: ${message}`.slice(0, 500);
  return isStatusesOnlyRetry(previous) ? `${(previous ?? "").split(";")[0]}; ${text}` : text;
}
