/** How long after delivery a "read" is still worth waiting for on screen. */
const READ_WATCH_MS = 10 * 60 * 1000;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a yyyy-mm-dd string is a day as the date inputs give it. */
export function isDay(value: string): boolean {
  return DAY.test(value) && dayStart(value) !== undefined;
}

/** Local midnight of a yyyy-mm-dd day, `plusDays` later; undefined for anything else. */
export function dayStart(day: string, plusDays = 0): Date | undefined {
  if (!DAY.test(day)) return undefined;
  const [y = 0, m = 1, d = 1] = day.split("-").map(Number);
  const picked = new Date(y, m - 1, d);
  // 2024-02-31 would roll over into March: not a day anyone picked
  if (picked.getFullYear() !== y || picked.getMonth() !== m - 1 || picked.getDate() !== d) return undefined;
  return new Date(y, m - 1, d + plusDays);
}

/**
 * Whether a message's status may still change while someone watches: not yet sent or delivered, or
 * delivered so recently that the read receipt may be on its way. Pages poll while any message settles.
 */
export function isSettling(
  message: { status: string; deliveredAt: Date | null; createdAt: Date },
  now: number = Date.now(),
): boolean {
  if (message.status === "pending" || message.status === "accepted" || message.status === "sent") return true;
  if (message.status !== "delivered") return false;
  const since = (message.deliveredAt ?? message.createdAt).getTime();
  return now - since < READ_WATCH_MS;
}
