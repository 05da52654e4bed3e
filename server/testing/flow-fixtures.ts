/**
 * Arrangement helpers for the flow integration tests: a workspace with an editor and a viewer, flows
 * made through flow.create, and documents that do or do not pass validation against the workspace's
 * (seeded) sample templates.
 */
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { flows, flowVersions } from "@/db/schema";
import type { FlowStarter } from "@/lib/flow/inputs";
import { emptyFlowDocument, type FlowDocument } from "@/lib/flow/schema";
import { starterDocument } from "@/lib/flow/starters";
import { addMember, createWorkspaceFixture, type MemberFixture, type WorkspaceFixture } from "./fixtures";

export interface FlowWorkspace extends WorkspaceFixture {
  slug: string;
  editor: MemberFixture;
  viewer: MemberFixture;
}

export async function createFlowWorkspace(label = "flows"): Promise<FlowWorkspace> {
  const fixture = await createWorkspaceFixture(label);
  const [editor, viewer] = await Promise.all([
    addMember(fixture.workspace, "editor"),
    addMember(fixture.workspace, "viewer"),
  ]);
  return { ...fixture, slug: fixture.workspace.slug, editor, viewer };
}

/** A flow created by the workspace's editor; by default from a starter, which validates without errors. */
export async function createFlowIn(
  ws: FlowWorkspace,
  name = "Order shipped",
  starter: FlowStarter = "order-shipped",
): Promise<string> {
  const { id } = await ws.editor.caller.flow.create({ workspaceSlug: ws.slug, name, starter });
  return id;
}

/** A document that publishes: the order-shipped starter. */
export function validDocument(): FlowDocument {
  return starterDocument("order-shipped");
}

/** The same valid document with its first node moved: a different draft that still publishes. */
export function movedDocument(document: FlowDocument, dx = 40): FlowDocument {
  return {
    ...document,
    nodes: document.nodes.map((node, index) =>
      index === 0 ? { ...node, position: { x: node.position.x + dx, y: node.position.y } } : node,
    ),
  };
}

/** A document that does not publish: it has no trigger. */
export function invalidDocument(): FlowDocument {
  return emptyFlowDocument();
}

/** The stored row of a flow, read directly (to prove that a refused call changed nothing). */
export async function storedFlow(flowId: string) {
  const db = await getDb();
  const [row] = await db.select().from(flows).where(eq(flows.id, flowId));
  return row;
}

export async function storedVersionCount(flowId: string): Promise<number> {
  const db = await getDb();
  const rows = await db
    .select({ number: flowVersions.number })
    .from(flowVersions)
    .where(eq(flowVersions.flowId, flowId));
  return rows.length;
}
