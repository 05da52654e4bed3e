import { z } from "zod";
import { unexpectedInput } from "../engine-content";
import { stepFailure } from "../engine-failures";
import type { NodeStep, StepResult } from "../engine-types";
import { finding } from "../findings";
import { checkPath, lookupPath, stringifyValue } from "../interpolate";
import type { FlowNodeOf } from "../schema";
import { INTERPOLATION_ROOTS, type Finding, type HandleSpec, type NodeCheckContext } from "../types";

/** Pauses the run for a duration, or until a time read from the context (minus an offset). */
export const delayConfig = z.object({
  mode: z.enum(["duration", "until"]).default("duration"),
  duration: z
    .object({ amount: z.number().int().min(1).max(100_000), unit: z.enum(["minutes", "hours", "days"]) })
    .default({ amount: 1, unit: "hours" }),
  /** until: a path to an ISO time, e.g. `event.appointment.at`. */
  untilPath: z.string().max(200).default(""),
  /** until: minutes before that time (e.g. 1440 = a day before). */
  offsetMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 60)
    .default(0),
});
export type DelayConfig = z.infer<typeof delayConfig>;

export const delayHandles = (): HandleSpec[] => [{ id: "next", required: false }];

export function durationMinutes(config: DelayConfig): number {
  const { amount, unit } = config.duration;
  return unit === "days" ? amount * 1440 : unit === "hours" ? amount * 60 : amount;
}

/** The longest delay: a run parked for longer is more likely a typo (hours meant as days) than a plan. */
export const MAX_DELAY_DAYS = 30;

/** Node-level rules (config completeness, templates, limits). Graph-wide rules live in ../validate.ts. */
export function validateDelay(node: FlowNodeOf<"delay">, _ctx: NodeCheckContext): Finding[] {
  const { config } = node;
  const at = { nodeId: node.id };
  if (config.mode === "until") {
    const path = config.untilPath.trim();
    switch (checkPath(path)) {
      case "missing":
        return [finding("delay.until_path_missing", at)];
      case "invalid":
        return [finding("delay.until_path_invalid", at, { path })];
      case "unknown_root":
        return [
          finding("delay.until_unknown_root", at, {
            root: path.split(".", 1)[0] ?? "",
            roots: INTERPOLATION_ROOTS.join(", "),
          }),
        ];
      case undefined:
        return [];
    }
  }
  const minutes = durationMinutes(config);
  if (minutes > MAX_DELAY_DAYS * 1440) {
    return [
      finding("delay.too_long", at, {
        days: Math.round((minutes / 1440) * 10) / 10,
        maxDays: MAX_DELAY_DAYS,
      }),
    ];
  }
  return [];
}

/** An ISO 8601 date, or date and time with an optional offset (`2025-05-14`, `2025-05-14T15:00:00+04:00`). */
const ISO_TIME =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Epoch values below this (March 1973 in milliseconds) are refused rather than read: they are almost
 * always epoch seconds (1747126800) or a compact date (20250514), which read as milliseconds would be a
 * moment in 1970 and silently skip the delay.
 */
export const MIN_EPOCH_MS = 100_000_000_000;

/**
 * A time from the run's context as epoch milliseconds: a number or a string of digits (epoch ms, at
 * least MIN_EPOCH_MS), or an ISO 8601 string. A date and time without an offset is read as UTC, so the
 * result never depends on the server's time zone; a date alone is midnight UTC. Anything else is not a
 * time.
 */
export function readTime(value: unknown): number | undefined {
  const epoch =
    typeof value === "number"
      ? value
      : typeof value === "string" && /^\s*\d{1,16}\s*$/.test(value)
        ? Number(value)
        : undefined;
  if (epoch !== undefined) return Number.isFinite(epoch) && epoch >= MIN_EPOCH_MS ? epoch : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  const match = ISO_TIME.exec(text);
  if (!match) return undefined;
  const [, date, time, zone] = match;
  const offset =
    zone === undefined
      ? "Z"
      : zone.length === 5
        ? `${zone.slice(0, 3)}:${zone.slice(3)}`
        : zone.length === 3
          ? `${zone}:00`
          : zone;
  const ms = Date.parse(time === undefined ? `${date}T00:00:00Z` : `${date}T${time}${offset}`);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Sleeps for the duration, or until the time read from the context minus the offset. A time already
 * past goes on at once (a reminder "a day before" an appointment booked for tomorrow morning).
 */
export const delayStep: NodeStep<"delay"> = {
  enter(node, ctx): StepResult {
    const { config } = node;
    let until: number;
    if (config.mode === "duration") {
      until = ctx.now + durationMinutes(config) * 60_000;
    } else {
      const path = config.untilPath.trim();
      const value = lookupPath(ctx.scope, path);
      if (value === undefined || value === null) {
        return { type: "fail", failure: stepFailure("until_missing", { path }) };
      }
      const time = readTime(value);
      if (time === undefined) {
        return {
          type: "fail",
          failure: stepFailure("until_invalid", { path, value: (stringifyValue(value) ?? "").slice(0, 100) }),
        };
      }
      until = time - config.offsetMinutes * 60_000;
      if (until <= ctx.now) return { type: "continue", handle: "next" };
    }
    return { type: "effect", effect: { type: "sleep", untilMs: until }, until };
  },
  resume: (_node, input) =>
    input.type === "slept" ? { type: "continue", handle: "next" } : unexpectedInput(input),
};
