import { z } from "zod";

/**
 * The shapes of the SDK protocol (INNGEST-PROTOCOL.md, npm `inngest` 4.24.0): function configs as synced,
 * the ops of a 206 answer, and events. Parsed leniently: unknown fields pass through and are ignored.
 */

const concurrencyOption = z.object({
  limit: z.number(),
  key: z.string().optional(),
  scope: z.enum(["fn", "env", "account"]).optional(),
});

export const functionConfigSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  triggers: z
    .array(
      z.union([
        z.object({ event: z.string(), expression: z.string().optional() }),
        z.object({ cron: z.string(), jitter: z.string().optional() }),
      ]),
    )
    .default([]),
  steps: z.record(
    z.string(),
    z.object({
      id: z.string(),
      name: z.string().optional(),
      runtime: z.object({ type: z.string(), url: z.string() }),
      retries: z.object({ attempts: z.number().optional() }).optional(),
    }),
  ),
  idempotency: z.string().optional(),
  rateLimit: z.object({ key: z.string().optional(), limit: z.number(), period: z.string() }).optional(),
  throttle: z
    .object({
      key: z.string().optional(),
      limit: z.number(),
      period: z.string(),
      burst: z.number().optional(),
    })
    .optional(),
  cancel: z
    .array(z.object({ event: z.string(), if: z.string().optional(), timeout: z.string().optional() }))
    .optional(),
  concurrency: z.union([z.number(), concurrencyOption, z.array(concurrencyOption)]).optional(),
});
export type FunctionConfig = z.infer<typeof functionConfigSchema>;

/** Options of a function config this executor honours; any other set option is ignored (logged at debug). */
export const SUPPORTED_OPTIONS = new Set([
  "id",
  "name",
  "triggers",
  "steps",
  "idempotency",
  "rateLimit",
  "throttle",
  "cancel",
  "concurrency",
]);

/** Inngest's default when a function sets no `retries`: 4 retries, so 5 attempts. */
export const DEFAULT_RETRIES = 4;

export function maxAttemptsOf(config: FunctionConfig): number {
  const step = Object.values(config.steps)[0];
  return (step?.retries?.attempts ?? DEFAULT_RETRIES) + 1;
}

export function runtimeUrlOf(config: FunctionConfig): string | undefined {
  return Object.values(config.steps)[0]?.runtime.url;
}

/** In-band sync answer (`PUT <serve>` with `x-inngest-sync-kind: in_band`). */
export const inBandSyncAnswerSchema = z.looseObject({
  app_id: z.string(),
  url: z.string(),
  functions: z.array(z.unknown()),
});

/** Out-of-band registration (`POST /fn/register`). */
export const registerRequestSchema = z.looseObject({
  url: z.string(),
  appName: z.string(),
  functions: z.array(z.unknown()),
});

export const OP_CODES = [
  "StepRun",
  "StepPlanned",
  "StepError",
  "StepFailed",
  "Sleep",
  "WaitForEvent",
  "InvokeFunction",
  "RunComplete",
  "DiscoveryRequest",
] as const;

export const opSchema = z.looseObject({
  id: z.string().min(1),
  op: z.string(),
  name: z.string().optional(),
  displayName: z.string().optional(),
  opts: z.record(z.string(), z.unknown()).nullish(),
  data: z.unknown().optional(),
  error: z.unknown().optional(),
});
export type Op = z.infer<typeof opSchema>;

export const opsSchema = z.union([z.array(opSchema), opSchema.transform((op) => [op])]);

/** What a failed function or step reports: at least a name and a message. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  [key: string]: unknown;
}

export function toSerializedError(value: unknown, fallback = "Unknown error"): SerializedError {
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const message =
      typeof record.message === "string"
        ? record.message
        : typeof record.error === "string"
          ? record.error
          : fallback;
    return { ...record, name: typeof record.name === "string" ? record.name : "Error", message };
  }
  if (typeof value === "string" && value) return { name: "Error", message: value };
  return { name: "Error", message: fallback };
}

/** An event as the event API receives it. */
export const incomingEventSchema = z.looseObject({
  name: z.string().min(1),
  data: z.record(z.string(), z.unknown()).nullish(),
  id: z.string().optional(),
  ts: z.number().optional(),
  user: z.unknown().optional(),
  v: z.string().optional(),
});
export type IncomingEvent = z.infer<typeof incomingEventSchema>;

/** An event as functions see it (`event`, `events[]`, a matched wait's result). */
export interface RunEvent {
  name: string;
  data: Record<string, unknown>;
  id: string;
  ts: number;
  [key: string]: unknown;
}

export const INVOKED_EVENT = "inngest/function.invoked";
export const FAILED_EVENT = "inngest/function.failed";
export const CRON_EVENT = "inngest/scheduled.timer";
