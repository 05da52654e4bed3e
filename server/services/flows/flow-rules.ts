import "server-only";
import { and, eq, ne, sql, type SQLWrapper } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { flows, users, type FlowStatus } from "@/db/schema";
import { parseFlowDocument, type FlowDocument } from "@/lib/flow/schema";
import type { Finding } from "@/lib/flow/types";
import { validate } from "@/lib/flow/validate";
import { AppError } from "@/server/errors";
import type { WorkspaceTemplate } from "@/server/services/templates/list-templates";
import type { MemberContext } from "@/server/services/workspaces/types";

/** How a user is named in lists: their name, else their email (null once the account is deleted). */
export const userDisplayName = sql<string | null>`coalesce(${users.name}, ${users.email})`;

/** How many nodes a stored document has, counted in the database so lists never load whole documents. */
export function nodeCountOf(document: SQLWrapper) {
  return sql<number>`coalesce(jsonb_array_length(${document}->'nodes'), 0)::int`;
}

export interface FlowRow {
  id: string;
  name: string;
  description: string;
  status: FlowStatus;
  draft: FlowDocument;
  revision: number;
  publishedVersion: number | null;
  /** What a new trigger does for a contact already in a run of this flow, and the keyword priority. */
  runPolicy: "skip" | "restart" | "queue";
  priority: number;
  updatedAt: Date;
  updatedByName: string | null;
}

const flowColumns = {
  id: flows.id,
  name: flows.name,
  description: flows.description,
  status: flows.status,
  draft: flows.draft,
  revision: flows.revision,
  publishedVersion: flows.publishedVersion,
  runPolicy: flows.runPolicy,
  priority: flows.priority,
  updatedAt: flows.updatedAt,
  updatedByName: userDisplayName,
};

const noSuchFlow = () => new AppError("NOT_FOUND", "No such flow in this workspace");

/**
 * A flow of the caller's workspace. A flow of another workspace is NOT_FOUND like one that does not
 * exist. With `lock`, the row is held for the rest of the transaction (publish, archive, delete …).
 */
export async function findFlow(
  db: Executor,
  ctx: MemberContext,
  flowId: string,
  options: { lock?: boolean } = {},
): Promise<FlowRow> {
  const query = db
    .select(flowColumns)
    .from(flows)
    .leftJoin(users, eq(users.id, flows.updatedBy))
    .where(and(eq(flows.id, flowId), eq(flows.workspaceId, ctx.workspace.id)));
  const [row] = options.lock ? await query.for("update", { of: flows }) : await query;
  if (!row) throw noSuchFlow();
  return row;
}

/** An archived flow is read-only until it is unarchived. */
export function assertNotArchived(flow: Pick<FlowRow, "status">): void {
  if (flow.status === "archived") {
    throw new AppError("PRECONDITION_FAILED", "This flow is archived: unarchive it to change it", {
      reason: "archived",
    });
  }
}

/** The editor offers to reload or to overwrite: it needs to know what it would overwrite. */
export function staleRevision(current: Pick<FlowRow, "revision" | "updatedAt" | "updatedByName">): AppError {
  return new AppError("CONFLICT", "This flow was changed since you opened it: reload it or overwrite", {
    reason: "stale",
    currentRevision: current.revision,
    updatedAt: current.updatedAt,
    updatedByName: current.updatedByName,
  });
}

/** Reads a document as stored, migrating older versions; a stored document always parsed once. */
export function readStoredDocument(raw: unknown): FlowDocument {
  const parsed = parseFlowDocument(raw);
  if (!parsed.ok) {
    throw new AppError("INTERNAL", "A stored flow document could not be read", { problems: parsed.problems });
  }
  return parsed.document;
}

/** Reads a document sent by a client: every structural problem is reported at once, with its path. */
export function readSubmittedDocument(raw: unknown): FlowDocument {
  const parsed = parseFlowDocument(raw);
  if (!parsed.ok) {
    throw new AppError("BAD_REQUEST", "The flow document is not valid", { problems: parsed.problems });
  }
  return parsed.document;
}

/** The findings of a document against the workspace's templates. */
export function findingsOf(document: FlowDocument, templates: WorkspaceTemplate[]): Finding[] {
  return validate(document, { templates });
}

/**
 * Replaces the draft with a single conditional UPDATE (WHERE revision = expected), so two saves of the same
 * revision cannot both win, whatever the isolation level; `expectedRevision: null` overwrites any revision.
 * Only when nothing was updated is the row read again, to say why.
 */
export async function writeDraft(
  db: Executor,
  ctx: MemberContext,
  flowId: string,
  document: FlowDocument,
  expectedRevision: number | null,
): Promise<{ revision: number; updatedAt: Date }> {
  const [written] = await db
    .update(flows)
    .set({
      draft: document,
      revision: sql`${flows.revision} + 1`,
      updatedAt: sql`now()`,
      updatedBy: ctx.user.id,
    })
    .where(
      and(
        eq(flows.id, flowId),
        eq(flows.workspaceId, ctx.workspace.id),
        ne(flows.status, "archived"),
        expectedRevision === null ? undefined : eq(flows.revision, expectedRevision),
      ),
    )
    .returning({ revision: flows.revision, updatedAt: flows.updatedAt });
  if (written) return written;
  const current = await findFlow(db, ctx, flowId);
  assertNotArchived(current);
  throw staleRevision(current);
}
