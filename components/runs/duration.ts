/** A run's or a step's length in whole units, as the duration messages (runs.duration.*) take it. */
export type DurationParts =
  | { unit: "under_second" }
  | { unit: "seconds"; s: number }
  | { unit: "minutes"; m: number; s: number }
  | { unit: "hours"; h: number; m: number }
  | { unit: "days"; d: number; h: number };

/** Splits a length in milliseconds into its two largest units (1 h 5 min, not 1 h 5 min 3 s). */
export function durationParts(ms: number): DurationParts {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  if (seconds < 1) return { unit: "under_second" };
  if (seconds < 60) return { unit: "seconds", s: seconds };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return { unit: "minutes", m: minutes, s: seconds % 60 };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: "hours", h: hours, m: minutes % 60 };
  return { unit: "days", d: Math.floor(hours / 24), h: hours % 24 };
}

/** From when a run (or step) began to when it ended, or to `now` while it goes on; null before it began. */
export function elapsed(start: Date | null, end: Date | null, now: number): number | null {
  if (!start) return null;
  return (end?.getTime() ?? now) - start.getTime();
}
