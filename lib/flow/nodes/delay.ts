import { z } from "zod";
import { finding } from "../findings";
import { checkPath } from "../interpolate";
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
