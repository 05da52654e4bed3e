import { z } from "zod";
import { workspaceScope } from "../auth/schemas";
import { EVENT_NAME_PATTERN } from "../flow/nodes/trigger";

/**
 * The REST trigger API's body (POST /api/v1/events) and the API-key forms. One schema for the route,
 * the OpenAPI document and the docs page.
 */

export const MAX_EVENTS_PER_REQUEST = 500;
export const MAX_EVENT_BODY_BYTES = 1024 * 1024;

export const triggerEventSchema = z.object({
  name: z
    .string()
    .min(1, "name is required")
    .max(100, "name is longer than 100 characters")
    .regex(EVENT_NAME_PATTERN, "name may contain letters, digits, '.', '_' and '-' only, e.g. order.shipped"),
  contact: z.object({
    phone: z.string().min(3, "contact.phone is required").max(32),
    name: z.string().max(200).optional(),
    attributes: z
      .record(z.string().max(100), z.unknown())
      .refine((v) => Object.keys(v).length <= 50, "contact.attributes holds at most 50 fields")
      .optional(),
  }),
  data: z.record(z.string(), z.unknown()).default({}),
  idempotencyKey: z.string().min(1).max(200).optional(),
});
export type TriggerEventInput = z.infer<typeof triggerEventSchema>;

export const triggerBatchSchema = z.object({
  events: z
    .array(triggerEventSchema)
    .min(1, "events is empty")
    .max(MAX_EVENTS_PER_REQUEST, `at most ${MAX_EVENTS_PER_REQUEST} events per request`),
});

/** One event, or `{events: [...]}`: a body with an `events` field is read as a batch (errors then name `events.N.…`). */
export function parseTriggerRequest(json: unknown) {
  const batch = typeof json === "object" && json !== null && "events" in json;
  const parsed = batch ? triggerBatchSchema.safeParse(json) : triggerEventSchema.safeParse(json);
  if (!parsed.success) return { success: false as const, error: parsed.error };
  return {
    success: true as const,
    events: "events" in parsed.data ? parsed.data.events : [parsed.data as TriggerEventInput],
  };
}

export const API_KEY_SCOPES = ["events:write"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const createApiKeySchema = workspaceScope.extend({
  name: z.string().trim().min(1, "apiKeyNameRequired").max(80, "apiKeyNameTooLong"),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, "apiKeyScopesRequired").default(["events:write"]),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export const apiKeyTarget = workspaceScope.extend({ apiKeyId: z.string().min(1).max(64) });

export const RUN_LIST_STATUSES = ["queued", "running", "completed", "failed", "cancelled"] as const;

export const listRunsSchema = workspaceScope.extend({
  flowId: z.string().max(64).optional(),
  status: z.enum(RUN_LIST_STATUSES).optional(),
  contactId: z.string().max(64).optional(),
  search: z.string().trim().max(100).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  page: z.number().int().min(1).max(10_000).default(1),
});
export type ListRunsInput = z.infer<typeof listRunsSchema>;

export const runTarget = workspaceScope.extend({ runId: z.string().min(1).max(64) });

export const flowOverlaySchema = workspaceScope.extend({
  flowId: z.string().min(1).max(64),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});

export const startManualRunSchema = workspaceScope.extend({
  flowId: z.string().min(1).max(64),
  phone: z.string().trim().min(1, "phoneRequired").max(32, "phoneInvalid"),
  name: z.string().trim().max(200).optional(),
  data: z.record(z.string(), z.unknown()).default({}),
});
export type StartManualRunInput = z.infer<typeof startManualRunSchema>;

export const updateRunSettingsSchema = workspaceScope.extend({
  flowId: z.string().min(1).max(64),
  runPolicy: z.enum(["skip", "restart", "queue"]),
  priority: z.number().int().min(-100).max(100),
});
