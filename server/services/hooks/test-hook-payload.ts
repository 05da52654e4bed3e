import "server-only";
import { getDb } from "@/db/client";
import { triggerConfig } from "@/lib/flow/nodes/trigger";
import type { TestHookPayloadInput } from "@/lib/runs/hook-inputs";
import { DEFAULT_HOOK_MAPPING, mapHookBody, type HookMapping, type HookMappingError } from "@/lib/runs/hooks";
import { findFlow, readStoredDocument } from "@/server/services/flows/flow-rules";
import type { MemberContext } from "@/server/services/workspaces/types";

export type HookTestResult =
  | { ok: true; phone: string; name: string | null; data: Record<string, unknown> }
  | { ok: false; error: HookMappingError };

/**
 * "Send test payload": maps a sample body exactly as a delivery would be mapped (lib/runs/hooks.ts), with
 * no signature check, nothing stored and no run started. The mapping is the one being edited, or the
 * draft's.
 */
export async function testHookPayload(
  ctx: MemberContext,
  input: TestHookPayloadInput,
): Promise<HookTestResult> {
  const db = await getDb();
  const flow = await findFlow(db, ctx, input.flowId);
  let mapping: HookMapping = input.mapping ?? DEFAULT_HOOK_MAPPING;
  if (!input.mapping) {
    const node = readStoredDocument(flow.draft).nodes.find((n) => n.id === input.nodeId);
    const config = node?.type === "trigger" ? triggerConfig.safeParse(node.config) : undefined;
    if (config?.success) mapping = config.data.mapping;
  }
  const mapped = mapHookBody(input.sample, mapping);
  if (!mapped.ok) return mapped;
  const { phone, name, data } = mapped.payload;
  return { ok: true, phone, name: name ?? null, data };
}
