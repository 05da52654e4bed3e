import { findExpressions } from "@/lib/flow/interpolate";
import type { FlowDocument } from "@/lib/flow/schema";

/** An event a published flow listens to, and the event data its steps read. */
export interface EventTrigger {
  eventName: string;
  /** Dotted paths under `event`, e.g. `order_id`, `customer.tier`, in the order the flow uses them. */
  fields: string[];
}

/** A bare path a condition, a delay or a trigger filter reads, e.g. `event.order_id`. */
const BARE_EVENT_PATH = /^event\.([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)$/;

function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === "string") into.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, into);
  else if (value && typeof value === "object")
    for (const item of Object.values(value)) collectStrings(item, into);
}

/** The event data a document reads: `{{event.x}}` in texts and variables, and `event.x` paths in rules. */
export function eventFields(document: FlowDocument): string[] {
  const strings: string[] = [];
  for (const node of document.nodes) collectStrings(node.config, strings);
  const fields = new Set<string>();
  for (const text of strings) {
    const bare = BARE_EVENT_PATH.exec(text.trim());
    if (bare?.[1]) fields.add(bare[1]);
    for (const expression of findExpressions(text)) {
      if (!expression.problem && expression.root === "event" && expression.segments.length > 0)
        fields.add(expression.segments.join("."));
    }
  }
  return [...fields];
}

/** The event names a document's triggers listen to (event triggers only), with the data the flow reads. */
export function eventTriggers(document: FlowDocument): EventTrigger[] {
  const fields = eventFields(document);
  return document.nodes.flatMap((node) =>
    node.type === "trigger" && node.config.kind === "event" && node.config.eventName.trim()
      ? [{ eventName: node.config.eventName.trim(), fields }]
      : [],
  );
}

/**
 * Example `data` for these fields: nested objects for dotted paths, each value a placeholder naming the
 * field (`"<order_id>"`), so a reader sees at once what to put where.
 */
export function exampleData(fields: readonly string[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of fields) {
    const segments = field.split(".");
    let at = data;
    segments.forEach((segment, i) => {
      if (i === segments.length - 1) {
        if (!(segment in at)) at[segment] = `<${segment}>`;
        return;
      }
      const next = at[segment];
      if (next && typeof next === "object") at = next as Record<string, unknown>;
      else at = at[segment] = {};
    });
  }
  return data;
}

/** A shell-safe `curl` call of the events API with this body. */
export function curlExample(origin: string, body: unknown, idempotencyKey?: string): string {
  const json = JSON.stringify(body, null, 2).replace(/'/g, "'\\''");
  return [
    `curl -X POST ${origin}/api/v1/events \\`,
    `  -H "Authorization: Bearer rqk_your_api_key" \\`,
    `  -H "Content-Type: application/json" \\`,
    ...(idempotencyKey ? [`  -H "Idempotency-Key: ${idempotencyKey}" \\`] : []),
    `  -d '${json}'`,
  ].join("\n");
}
