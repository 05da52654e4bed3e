import { z } from "zod";
import type { FlowNodeOf } from "../schema";
import type { Finding, HandleSpec, NodeCheckContext } from "../types";

/**
 * Sends an approved template. `variables` maps every TemplateVariable key (lib/whatsapp/template.ts:
 * `body.1`, `header.media`, `button.0`, `payload.1` …) to a literal or a `{{event.…}}` / `{{contact.…}}` /
 * `{{reply.…}}` expression.
 */
export const templateSendConfig = z.object({
  templateName: z.string().max(512).default(""),
  language: z.string().max(15).default(""),
  variables: z.record(z.string().max(100), z.string().max(1024)).default({}),
});
export type TemplateSendConfig = z.infer<typeof templateSendConfig>;

export const templateSendHandles = (): HandleSpec[] => [
  { id: "sent", required: false },
  { id: "failed", required: false },
];

/** Node-level rules (config completeness, templates, limits). Graph-wide rules live in ../validate.ts. */
export function validateTemplateSend(_node: FlowNodeOf<"template-send">, _ctx: NodeCheckContext): Finding[] {
  return [];
}
