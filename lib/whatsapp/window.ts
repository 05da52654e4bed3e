/**
 * The 24-hour customer-service window (../shared/WHATSAPP.md, "Sending"): free-form messages reach a
 * contact only within 24 h of their last inbound message; every inbound message resets it, and
 * templates (sendable any time) do not open it. Outside it Meta answers 131047.
 */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

function validTime(date: Date | null | undefined): number | null {
  const time = date?.getTime();
  return time === undefined || Number.isNaN(time) ? null : time;
}

/** Whether a free-form message may be sent now, given when the contact last wrote (never: false). */
export function isInsideServiceWindow(
  lastInboundAt: Date | null | undefined,
  now: Date = new Date(),
): boolean {
  const last = validTime(lastInboundAt);
  // A last message stamped slightly in the future (clock skew) still means "just wrote".
  return last !== null && now.getTime() - last < SERVICE_WINDOW_MS;
}

/** When the window opened by the contact's last message closes; null when they never wrote. */
export function serviceWindowClosesAt(lastInboundAt: Date | null | undefined): Date | null {
  const last = validTime(lastInboundAt);
  return last === null ? null : new Date(last + SERVICE_WINDOW_MS);
}
