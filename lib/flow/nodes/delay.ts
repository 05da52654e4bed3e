import { z } from "zod";
import type { FlowNodeOf } from "../schema";
import type { Finding, HandleSpec, NodeCheckContext } from "../types";

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

/** Node-level rules (config completeness, templates, limits). Graph-wide rules live in ../validate.ts. */
export function validateDelay(_node: FlowNodeOf<"delay">, _ctx: NodeCheckContext): Finding[] {
  return [];
}
