/**
 * Cron triggers, minute precision, in UTC as Inngest does: five fields (minute hour day-of-month month
 * day-of-week) with `*`, lists, ranges and steps. A `TZ=…` prefix is not supported (the schedule stays UTC).
 * Ticks missed while the executor was down are skipped, as in Inngest.
 */
import type { RegisteredFunction } from "./context";

export interface CronFields {
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  anyDay: boolean;
  anyWeekday: boolean;
}

const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];
const MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const MACROS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

function parseValue(text: string, field: number): number {
  const lower = text.toLowerCase();
  if (field === 3 && MONTH_NAMES.includes(lower)) return MONTH_NAMES.indexOf(lower) + 1;
  if (field === 4 && DAY_NAMES.includes(lower)) return DAY_NAMES.indexOf(lower);
  if (!/^\d+$/.test(text)) throw new Error(`not a number: ${text}`);
  return Number(text);
}

function parseField(text: string, field: number): Set<number> {
  const [min, max] = RANGES[field] ?? [0, 0];
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const [range = "", stepText] = part.split("/");
    const step = stepText === undefined ? 1 : parseValue(stepText, -1);
    let from: number;
    let to: number;
    if (range === "*") {
      [from, to] = [min, max];
    } else if (range.includes("-")) {
      const [a = "", b = ""] = range.split("-");
      [from, to] = [parseValue(a, field), parseValue(b, field)];
    } else {
      from = parseValue(range, field);
      to = stepText === undefined ? from : max;
    }
    if (step < 1 || from < min || to > max || from > to) throw new Error(`out of range: ${part}`);
    for (let v = from; v <= to; v += step) values.add(field === 4 && v === 7 ? 0 : v);
  }
  return values;
}

export function parseCron(expression: string): CronFields {
  const text = MACROS[expression.trim().toLowerCase()] ?? expression.trim();
  if (/^(TZ|CRON_TZ)=/i.test(text)) throw new Error("time zones are not supported");
  const parts = text.split(/\s+/);
  if (parts.length !== 5) throw new Error("expected five fields");
  const [minutes, hours, days, months, weekdays] = parts.map((part, i) => parseField(part, i));
  if (!minutes || !hours || !days || !months || !weekdays) throw new Error("expected five fields");
  return {
    minutes,
    hours,
    days,
    months,
    weekdays,
    anyDay: parts[2] === "*",
    anyWeekday: parts[4] === "*",
  };
}

/** The first minute strictly after `after` that the schedule names (UTC), within about 4 years. */
export function nextCronTime(fields: CronFields, after: Date): Date | undefined {
  const t = new Date(after.getTime());
  t.setUTCSeconds(0, 0);
  t.setUTCMinutes(t.getUTCMinutes() + 1);
  const limit = after.getTime() + 4 * 366 * 24 * 3600_000;
  while (t.getTime() < limit) {
    if (!fields.months.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0);
      continue;
    }
    // Standard cron: when both day fields are restricted, either may match.
    const dayOk = fields.days.has(t.getUTCDate());
    const weekdayOk = fields.weekdays.has(t.getUTCDay());
    const dateOk =
      fields.anyDay && fields.anyWeekday
        ? true
        : fields.anyDay
          ? weekdayOk
          : fields.anyWeekday
            ? dayOk
            : dayOk || weekdayOk;
    if (!dateOk) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0);
      continue;
    }
    if (!fields.hours.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0);
      continue;
    }
    if (!fields.minutes.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1);
      continue;
    }
    return t;
  }
  return undefined;
}

/** A cron trigger of a synced function and its next tick. */
export interface CronSchedule {
  functionId: string;
  expression: string;
  fields: CronFields;
  next: Date;
}

/** The cron triggers of `functions`, keeping the next tick of those already scheduled. */
export function scheduleCrons(
  functions: Iterable<RegisteredFunction>,
  previous: CronSchedule[],
  now: Date,
): CronSchedule[] {
  const kept = new Map(previous.map((c) => [`${c.functionId} ${c.expression}`, c]));
  const schedules: CronSchedule[] = [];
  for (const fn of functions) {
    for (const trigger of fn.config.triggers) {
      if (!("cron" in trigger)) continue;
      const existing = kept.get(`${fn.id} ${trigger.cron}`);
      if (existing) {
        schedules.push(existing);
        continue;
      }
      try {
        const fields = parseCron(trigger.cron);
        const next = nextCronTime(fields, now);
        if (next) schedules.push({ functionId: fn.id, expression: trigger.cron, fields, next });
      } catch {
        // Reported when the app synced (registry.ts).
      }
    }
  }
  return schedules;
}
