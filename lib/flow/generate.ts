import { CONDITION_OPERATORS, type ConditionRule } from "./condition";
import { MAX_NODES, FLOW_DOCUMENT_VERSION, type FlowDocument, type FlowEdge, type FlowNode } from "./schema";
import { buildEdge, buildNode, buttonBranch } from "./starters";

/**
 * A large valid flow (zero errors against SAMPLE_TEMPLATES) for the builder benchmark and validation
 * timing: a trigger, then a chain of blocks that each use every node type, then a short tail of
 * conditions and delays to reach exactly `nodeCount` nodes. The same seed always gives the same flow.
 *
 * One block (9 nodes), entered at its template-send and left through `exit` (the next block's first node):
 *
 *   template-send ─sent→ wait-for-reply ─button 1→ send-text → condition ─true→ delay → send-text → exit
 *                                │                               └─false→ exit
 *                                ├─button 2→ send-text → exit
 *                                ├─keywords→ opt-out (marketing) → exit
 *                                ├─any text→ send-text → exit
 *                                └─timeout→ exit
 *
 * Every free-form send follows a reply branch with less than 24 h of pauses since, so the 24-hour-window
 * analysis passes; there is no loop.
 */

const BLOCK_SIZE = 9;
const COLUMNS = BLOCK_SIZE;
const CELL = { x: 280, y: 180 };

interface SampleSend {
  templateName: string;
  language: string;
  variables: Record<string, string>;
  buttons: [string, string];
}

const SENDS: SampleSend[] = [
  {
    templateName: "order_shipped",
    language: "en_US",
    variables: { "body.1": "{{contact.name}}", "body.2": "{{event.order_id}}" },
    buttons: ["Track order", "Talk to us"],
  },
  {
    templateName: "order_shipped",
    language: "ar",
    variables: { "body.1": "{{contact.name}}", "body.2": "{{event.order_id}}" },
    buttons: ["تتبّع الطلب", "تحدّث إلينا"],
  },
  {
    templateName: "appointment_reminder",
    language: "en_US",
    variables: { "body.1": "{{contact.name}}", "body.2": "{{event.appointment_time}}" },
    buttons: ["Confirm", "Reschedule"],
  },
  {
    templateName: "weekly_offer",
    language: "en_US",
    variables: {
      "header.media": "https://example.com/offer.jpg",
      "body.first_name": "{{contact.name}}",
      "body.offer": "{{event.offer}}",
    },
    buttons: ["Shop now", "Stop promotions"],
  },
];

const RULE_OPERATORS = CONDITION_OPERATORS;

/** mulberry32: a tiny seeded generator, enough for varied but reproducible flows. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function ruleFor(op: (typeof RULE_OPERATORS)[number], n: number): ConditionRule {
  const path =
    ["reply.text", "event.order.total", "contact.attributes.tier", "event.items.0.sku"][n % 4] ?? "";
  switch (op) {
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return { path, op, value: String(10 + n), values: [] };
    case "regex":
      return { path, op, value: "^(yes|ok)\\b", values: [] };
    case "in":
      return { path, op, value: "", values: ["gold", "silver"] };
    default:
      return { path, op, value: `value ${n}`, values: [] };
  }
}

export function generateFlow(nodeCount: number, seed = 1): FlowDocument {
  if (!Number.isInteger(nodeCount) || nodeCount < 2 || nodeCount > MAX_NODES) {
    throw new RangeError(`generateFlow needs 2 to ${MAX_NODES} nodes, not ${nodeCount}`);
  }
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  let placed = 0;
  const cell = () => {
    const i = placed++;
    return { x: (i % COLUMNS) * CELL.x, y: Math.floor(i / COLUMNS) * CELL.y };
  };
  /** Outputs waiting for the next block's (or the tail's) first node. */
  let exits: { source: string; handle: string }[] = [];
  const connectExits = (target: string) => {
    for (const exit of exits) edges.push(buildEdge(exit.source, exit.handle, target));
    exits = [];
  };

  nodes.push(
    buildNode("trigger", "n0", "Order shipped", cell(), {
      kind: "event",
      eventName: "order.shipped",
      filter: [{ path: "event.order.total", op: "gte", value: "1", values: [] }],
    }),
  );
  exits = [{ source: "n0", handle: "next" }];

  const blocks = Math.floor((nodeCount - 1) / BLOCK_SIZE);
  for (let b = 0; b < blocks; b++) {
    const id = (k: number) => `b${b}-${k}`;
    const send = pick(SENDS);
    connectExits(id(0));
    nodes.push(
      buildNode("template-send", id(0), `Send ${send.templateName} ${b + 1}`, cell(), {
        templateName: send.templateName,
        language: send.language,
        variables: send.variables,
      }),
      buildNode("wait-for-reply", id(1), `Wait ${b + 1}`, cell(), {
        timeout: { amount: 30 + Math.floor(next() * 600), unit: "minutes" },
        branches: [
          buttonBranch("first", send.buttons[0]),
          buttonBranch("second", send.buttons[1]),
          { id: "stop", kind: "keywords", label: "Stop", button: "", keywords: ["stop", "إيقاف"] },
          { id: "other", kind: "any_text", label: "Anything else", button: "", keywords: [] },
        ],
      }),
      buildNode("send-text", id(2), `Answer ${b + 1}`, cell(), {
        text: `Thanks {{contact.name}}, about order {{event.order_id}}: ${b + 1}`,
      }),
      buildNode("condition", id(3), `Check ${b + 1}`, cell(), {
        match: next() < 0.5 ? "all" : "any",
        rules: [ruleFor(pick(RULE_OPERATORS), b), ruleFor(pick(RULE_OPERATORS), b + 1)],
      }),
      buildNode("delay", id(4), `Pause ${b + 1}`, cell(), {
        mode: "duration",
        duration: { amount: 1 + Math.floor(next() * 120), unit: "minutes" },
      }),
      buildNode("send-text", id(5), `Follow-up ${b + 1}`, cell(), {
        text: "Anything else we can help with?",
      }),
      buildNode("send-text", id(6), `Handover ${b + 1}`, cell(), {
        text: "A teammate will reply here shortly.",
      }),
      buildNode("opt-out", id(7), `Opt out ${b + 1}`, cell(), {
        scope: "marketing",
        confirmationText: "You will not receive promotions any more.",
      }),
      buildNode("send-text", id(8), `Reply ${b + 1}`, cell(), {
        text: "We read every message: {{reply.text}}",
      }),
    );
    edges.push(
      buildEdge(id(0), "sent", id(1)),
      buildEdge(id(1), "first", id(2)),
      buildEdge(id(1), "second", id(6)),
      buildEdge(id(1), "stop", id(7)),
      buildEdge(id(1), "other", id(8)),
      buildEdge(id(2), "sent", id(3)),
      buildEdge(id(3), "true", id(4)),
      buildEdge(id(4), "next", id(5)),
    );
    exits = [
      { source: id(1), handle: "timeout" },
      { source: id(3), handle: "false" },
      { source: id(5), handle: "sent" },
      { source: id(6), handle: "sent" },
      { source: id(7), handle: "next" },
      { source: id(8), handle: "sent" },
    ];
  }

  // The tail: alternate conditions and delays until the count is reached.
  for (let t = 0; nodes.length < nodeCount; t++) {
    const id = `t${t}`;
    connectExits(id);
    if (t % 2 === 0) {
      nodes.push(
        buildNode("condition", id, `Tail check ${t + 1}`, cell(), {
          rules: [ruleFor(pick(RULE_OPERATORS), t)],
        }),
      );
      exits = [{ source: id, handle: "true" }];
    } else {
      nodes.push(
        buildNode("delay", id, `Tail pause ${t + 1}`, cell(), {
          duration: { amount: 1 + Math.floor(next() * 48), unit: "hours" },
        }),
      );
      exits = [{ source: id, handle: "next" }];
    }
  }
  return { version: FLOW_DOCUMENT_VERSION, nodes, edges };
}
