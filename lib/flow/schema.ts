import { z } from "zod";
import { migrateFlowDocument, unsupportedVersion } from "./migrations";
import { conditionConfig } from "./nodes/condition";
import { delayConfig } from "./nodes/delay";
import { optOutConfig } from "./nodes/opt-out";
import { sendTextConfig } from "./nodes/send-text";
import { templateSendConfig } from "./nodes/template-send";
import { triggerConfig } from "./nodes/trigger";
import { waitForReplyConfig } from "./nodes/wait-for-reply";

/**
 * The flow document, version 1: the single source of truth that the editor draws, the validator checks
 * and the engine runs. Configs are structurally typed but may be incomplete (a node just dropped on the
 * canvas); completeness is the validator's job, so a draft can always be saved.
 * A later version comes with a pure migration vN → vN+1 in ./migrations.ts.
 */
export const FLOW_DOCUMENT_VERSION = 1 as const;

export const NODE_TYPES = [
  "trigger",
  "condition",
  "template-send",
  "wait-for-reply",
  "opt-out",
  "delay",
  "send-text",
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const MAX_NODES = 1000;
export const MAX_EDGES = 3000;

const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "ids use letters, digits, _ and -");

const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

const base = { id: idSchema, position: positionSchema, label: z.string().max(80).optional() };

export const flowNodeSchema = z.discriminatedUnion("type", [
  z.object({ ...base, type: z.literal("trigger"), config: triggerConfig }),
  z.object({ ...base, type: z.literal("condition"), config: conditionConfig }),
  z.object({ ...base, type: z.literal("template-send"), config: templateSendConfig }),
  z.object({ ...base, type: z.literal("wait-for-reply"), config: waitForReplyConfig }),
  z.object({ ...base, type: z.literal("opt-out"), config: optOutConfig }),
  z.object({ ...base, type: z.literal("delay"), config: delayConfig }),
  z.object({ ...base, type: z.literal("send-text"), config: sendTextConfig }),
]);
export type FlowNode = z.infer<typeof flowNodeSchema>;
export type FlowNodeOf<T extends NodeType> = Extract<FlowNode, { type: T }>;
export type NodeConfigOf<T extends NodeType> = FlowNodeOf<T>["config"];

export const flowEdgeSchema = z.object({
  id: idSchema,
  source: idSchema,
  /** The output handle of the source node (`next`, `true`, `sent`, a reply-branch id, `timeout` …). */
  sourceHandle: z.string().min(1).max(40),
  target: idSchema,
});
export type FlowEdge = z.infer<typeof flowEdgeSchema>;

export const flowDocumentSchema = z.object({
  version: z.literal(FLOW_DOCUMENT_VERSION),
  nodes: z.array(flowNodeSchema).max(MAX_NODES),
  edges: z.array(flowEdgeSchema).max(MAX_EDGES),
  viewport: z
    .object({ x: z.number().finite(), y: z.number().finite(), zoom: z.number().positive() })
    .optional(),
});
export type FlowDocument = z.infer<typeof flowDocumentSchema>;

export function emptyFlowDocument(): FlowDocument {
  return { version: FLOW_DOCUMENT_VERSION, nodes: [], edges: [] };
}

export type ParseResult = { ok: true; document: FlowDocument } | { ok: false; problems: string[] };

/**
 * Reads a stored or imported document: unknown versions are refused with a clear message, older ones
 * are migrated, and every structural problem is reported on its own line ("nodes.3.config.timeout.amount: …").
 */
export function parseFlowDocument(raw: unknown): ParseResult {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, problems: ["The flow document must be a JSON object with version, nodes and edges"] };
  }
  const version = (raw as { version?: unknown }).version;
  if (version === undefined) {
    return {
      ok: false,
      problems: [`The flow document has no version: this Raqi reads version ${FLOW_DOCUMENT_VERSION}`],
    };
  }
  if (typeof version !== "number") {
    return { ok: false, problems: [unsupportedVersion(version, FLOW_DOCUMENT_VERSION)] };
  }
  const migrated = migrateFlowDocument(
    { ...(raw as Record<string, unknown>), version },
    FLOW_DOCUMENT_VERSION,
  );
  if (!migrated.ok) return { ok: false, problems: [migrated.problem] };
  const parsed = flowDocumentSchema.safeParse(migrated.document);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map(
        (i) => `${i.path.length ? i.path.join(".") : "document"}: ${i.message}`,
      ),
    };
  }
  return { ok: true, document: parsed.data };
}
