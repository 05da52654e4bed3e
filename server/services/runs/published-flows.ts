import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { flows, flowVersions, type RunPolicy } from "@/db/schema";
import { keywordTriggerMatches, type TriggerConfig } from "@/lib/flow/nodes/trigger";
import type { FlowDocument } from "@/lib/flow/schema";
import type { TriggerRequest } from "./start-runs";

export interface Candidate {
  flowId: string;
  version: number;
  runPolicy: RunPolicy;
  nodeId: string;
  config: TriggerConfig;
}

/** A published flow's trigger nodes, read once per batch of events. */
interface PublishedFlow {
  flowId: string;
  version: number;
  runPolicy: RunPolicy;
  triggers: { nodeId: string; config: TriggerConfig }[];
}

/**
 * The published flows of a workspace, highest priority first. The trigger processor reads them once per
 * batch (a publish takes effect from the next batch); a synchronous trigger reads them each time.
 */
export class PublishedFlows {
  private readonly byWorkspace = new Map<string, Promise<PublishedFlow[]>>();

  get(db: Executor, workspaceId: string): Promise<PublishedFlow[]> {
    let found = this.byWorkspace.get(workspaceId);
    if (!found) {
      found = readPublishedFlows(db, workspaceId);
      this.byWorkspace.set(workspaceId, found);
    }
    return found;
  }
}

async function readPublishedFlows(db: Executor, workspaceId: string): Promise<PublishedFlow[]> {
  const rows = await db
    .select({
      flowId: flows.id,
      version: flows.publishedVersion,
      runPolicy: flows.runPolicy,
      document: flowVersions.document,
    })
    .from(flows)
    .innerJoin(
      flowVersions,
      and(eq(flowVersions.flowId, flows.id), eq(flowVersions.number, flows.publishedVersion)),
    )
    .where(and(eq(flows.workspaceId, workspaceId), eq(flows.status, "published")))
    .orderBy(desc(flows.priority), asc(flows.createdAt));
  return rows.flatMap((row) =>
    row.version === null
      ? []
      : [
          {
            flowId: row.flowId,
            version: row.version,
            runPolicy: row.runPolicy,
            triggers: (row.document as FlowDocument).nodes.flatMap((node) =>
              node.type === "trigger" ? [{ nodeId: node.id, config: node.config as TriggerConfig }] : [],
            ),
          },
        ],
  );
}

/** The published flows whose trigger listens to this request, highest priority first. */
export function candidates(published: PublishedFlow[], req: TriggerRequest): Candidate[] {
  const found: Candidate[] = [];
  for (const flow of published) {
    if (req.flowId && flow.flowId !== req.flowId) continue;
    const trigger = flow.triggers.find(({ nodeId, config }) => {
      switch (req.source) {
        case "api":
          return config.kind === "event" && config.eventName.trim().toLowerCase() === req.name.toLowerCase();
        case "webhook":
          return config.kind === "webhook" && (!req.nodeId || nodeId === req.nodeId);
        case "keyword":
          return keywordTriggerMatches(config, req.name);
        case "manual":
          return !req.nodeId || nodeId === req.nodeId;
      }
    });
    if (trigger) {
      found.push({
        flowId: flow.flowId,
        version: flow.version,
        runPolicy: flow.runPolicy,
        nodeId: trigger.nodeId,
        config: trigger.config,
      });
    }
  }
  // An inbound keyword starts the first matching flow only.
  return req.source === "keyword" ? found.slice(0, 1) : found;
}
