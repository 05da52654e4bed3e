/**
 * The flow runtime's clock: the time the engine sees, and the time the local executor fires sleeps and
 * wait timeouts by. Real time, except in tests that move it forward to reach a timeout at once.
 */
const holder = globalThis as unknown as { __raqiClockOffsetMs?: number };

export function now(): number {
  return Date.now() + (holder.__raqiClockOffsetMs ?? 0);
}

/** Tests: moves the runtime's clock forward by `ms` (sleeps and wait timeouts that fall due fire). */
export function advanceClock(ms: number): void {
  holder.__raqiClockOffsetMs = (holder.__raqiClockOffsetMs ?? 0) + ms;
}

/** Tests: back to real time. */
export function resetClock(): void {
  holder.__raqiClockOffsetMs = 0;
}
