import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { getDb, type Transaction } from "@/db/client";
import { flows } from "@/db/schema";
import type { ImportFlowInput } from "@/lib/flow/inputs";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { MemberContext } from "@/server/services/workspaces/types";
import { readFlowFile } from "./read-flow-file";

const IMPORTED = " (imported)";

/** The file's name, or "… (imported)", "… (imported 2)" … when a flow of the workspace has it already. */
async function freeName(tx: Transaction, ctx: MemberContext, name: string): Promise<string> {
  const candidates = [
    name,
    `${name}${IMPORTED}`,
    ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => `${name} (imported ${n})`),
  ];
  const rows = await tx
    .select({ name: flows.name })
    .from(flows)
    .where(and(eq(flows.workspaceId, ctx.workspace.id), inArray(flows.name, candidates)));
  const taken = new Set(rows.map((r) => r.name));
  return candidates.find((c) => !taken.has(c)) ?? `${name}${IMPORTED}`;
}

/**
 * Creates a new draft flow from an exported file (or a bare flow document); it never overwrites a flow.
 * A name given by the importer is used as it is; the file's own name avoids the names already in use.
 */
export async function importFlow(
  ctx: MemberContext,
  input: Omit<ImportFlowInput, "workspaceSlug">,
): Promise<{ id: string }> {
  const file = readFlowFile(input.file);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const name = input.name ?? (await freeName(tx, ctx, file.name ?? "Imported flow"));
    const [flow] = await tx
      .insert(flows)
      .values({
        workspaceId: ctx.workspace.id,
        name,
        description: file.description ?? "",
        draft: file.document,
        createdBy: ctx.user.id,
        updatedBy: ctx.user.id,
      })
      .returning({ id: flows.id });
    if (!flow) throw new Error("the imported flow was not inserted");
    await recordAudit(
      ctx.workspace,
      ctx.user,
      "flow.import",
      { type: "flow", id: flow.id },
      { name, nodeCount: file.document.nodes.length },
      tx,
    );
    return flow;
  });
}
