import { SERVICE_WINDOW_MS } from "../whatsapp/window";
import type { FlowGraph } from "./graph";
import { durationMinutes } from "./nodes/delay";
import { TIMEOUT_HANDLE, timeoutMinutes } from "./nodes/wait-for-reply";
import type { FlowEdge, FlowNode } from "./schema";

/**
 * The 24-hour customer-service window (../shared/WHATSAPP.md): free-form messages are delivered only
 * within 24 h of the contact's last inbound message; templates do not reopen it. A free-form send is
 * provably inside when, on every path from the trigger to it, the contact has just written (a keyword
 * trigger, or a reply branch of a wait-for-reply) and the pauses since then add up to less than 24 h.
 */
export const CUSTOMER_SERVICE_WINDOW_MINUTES = SERVICE_WINDOW_MS / 60_000;

/** Not provably inside the window (no recent inbound message known on some path, or too long ago). */
export const OUTSIDE = Number.POSITIVE_INFINITY;

/**
 * For each node a run can reach: the most minutes that may have passed, on the worst path, since the
 * contact's last inbound message when the run arrives there; OUTSIDE when unknown or ≥ 24 h.
 * Unreachable nodes are absent.
 *
 * A monotone data-flow fixpoint: values only grow and saturate at OUTSIDE, so loops terminate (a loop
 * through a timeout or a delay reaches OUTSIDE after a bounded number of rounds; a loop through a reply
 * branch restarts at 0).
 */
export function minutesSinceInbound(graph: FlowGraph): Map<string, number> {
  const value = new Map<string, number>();
  const queue: string[] = [];
  const queued = new Set<string>();
  const raise = (id: string, minutes: number) => {
    const saturated = minutes >= CUSTOMER_SERVICE_WINDOW_MINUTES ? OUTSIDE : minutes;
    const current = value.get(id);
    if (current !== undefined && current >= saturated) return;
    value.set(id, saturated);
    if (!queued.has(id)) {
      queued.add(id);
      queue.push(id);
    }
  };

  for (const trigger of graph.triggers) raise(trigger.id, trigger.config.kind === "keyword" ? 0 : OUTSIDE);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    queued.delete(id);
    const node = graph.nodes.get(id);
    const minutes = value.get(id);
    if (!node || minutes === undefined) continue;
    for (const edge of graph.out(id)) raise(edge.target, afterEdge(node, edge, minutes));
  }
  return value;
}

/** The minutes since the last inbound message after leaving `node` through `edge`. */
function afterEdge(node: FlowNode, edge: FlowEdge, minutes: number): number {
  switch (node.type) {
    case "wait-for-reply":
      // A reply branch: the contact just wrote. A timeout: the whole wait went by without a message.
      return edge.sourceHandle === TIMEOUT_HANDLE ? minutes + timeoutMinutes(node.config) : 0;
    case "delay":
      // "until" reads a time from the event: it may be any distance away.
      return node.config.mode === "duration" ? minutes + durationMinutes(node.config) : OUTSIDE;
    default:
      return minutes;
  }
}

export function isInsideWindow(minutes: number | undefined): boolean {
  return minutes !== undefined && minutes < CUSTOMER_SERVICE_WINDOW_MINUTES;
}
