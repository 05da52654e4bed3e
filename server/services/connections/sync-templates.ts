import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { templates } from "@/db/schema";
import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES, templateComponentSchema } from "@/lib/whatsapp/template";
import { logger } from "@/server/logger";
import { graphClient } from "@/server/whatsapp/channel";
import type { GraphCredentials } from "@/server/whatsapp/graph-client";
import type { ConnectionKind } from "@/db/schema";

const metaTemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  language: z.string(),
  status: z.enum(TEMPLATE_STATUSES),
  category: z.enum(TEMPLATE_CATEGORIES),
  parameter_format: z
    .string()
    .transform((v) => (v.toLowerCase() === "named" ? "named" : "positional"))
    .optional(),
  components: z.array(templateComponentSchema),
});
export type MirroredTemplate = z.infer<typeof metaTemplateSchema>;

/** Every template of the WABA, page by page (Meta pages with cursors). */
export async function fetchTemplates(
  kind: ConnectionKind,
  credentials: GraphCredentials,
  wabaId: string,
): Promise<MirroredTemplate[]> {
  const client = graphClient(kind);
  const found: MirroredTemplate[] = [];
  let after: string | undefined;
  for (let page = 0; page < 50; page++) {
    const result = await client.listTemplates(credentials, wabaId, { limit: 100, after });
    for (const raw of result.data) {
      const parsed = metaTemplateSchema.safeParse(raw);
      if (parsed.success) found.push(parsed.data);
      else
        logger.warn(
          { wabaId, problem: parsed.error.issues[0]?.message },
          "template skipped: unexpected shape",
        );
    }
    if (!result.next) break;
    after = result.next;
  }
  return found;
}

/** Mirrors Meta's templates into the workspace's table (matched by name and language). */
export async function storeTemplates(
  workspaceId: string,
  list: MirroredTemplate[],
  tx: Executor,
): Promise<number> {
  for (const t of list) {
    await tx
      .insert(templates)
      .values({
        workspaceId,
        name: t.name,
        language: t.language,
        category: t.category,
        status: t.status,
        parameterFormat: t.parameter_format ?? "positional",
        components: t.components,
        metaTemplateId: t.id,
      })
      .onConflictDoUpdate({
        target: [templates.workspaceId, templates.name, templates.language],
        set: {
          category: t.category,
          status: t.status,
          parameterFormat: t.parameter_format ?? "positional",
          components: t.components,
          metaTemplateId: t.id,
          updatedAt: sql`now()`,
        },
      });
  }
  return list.length;
}
