import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { templates } from "@/db/schema";
import type { SendTestTemplateInput } from "@/lib/whatsapp/inputs";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { MemberContext } from "@/server/services/workspaces/types";
import { sendMessageWithRetry } from "./send-message";

/** "Send a test template": the real send path (suppression, pacing, retries), started by a member. */
export async function sendTestTemplate(
  ctx: MemberContext,
  input: Omit<SendTestTemplateInput, "workspaceSlug">,
) {
  const db = await getDb();
  const [template] = await db
    .select({ name: templates.name, language: templates.language })
    .from(templates)
    .where(and(eq(templates.workspaceId, ctx.workspace.id), eq(templates.id, input.templateId)))
    .limit(1);
  if (!template)
    throw new AppError("NOT_FOUND", "This template does not exist", { reason: "template_unknown" });
  const result = await sendMessageWithRetry(ctx.workspace.id, {
    to: input.to,
    content: { type: "template", name: template.name, language: template.language, values: input.values },
  });
  await recordAudit(
    ctx.workspace,
    ctx.user,
    "message.test_send",
    { type: "message", id: result.messageId },
    { template: template.name, language: template.language, status: result.status },
  );
  return result;
}
