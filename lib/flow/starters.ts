import type { TemplateSummary } from "../whatsapp/template";
import { definitionOf } from "./nodes/index";
import {
  FLOW_DOCUMENT_VERSION,
  type FlowDocument,
  type FlowEdge,
  type FlowNode,
  type NodeConfigOf,
  type NodeType,
} from "./schema";
import type { ReplyBranch } from "./nodes/wait-for-reply";

/**
 * Starter flows a user can create from the flows list, and the sample templates they send. The samples are
 * seeded into every new workspace outside production (server/services/workspaces/create-workspace.ts), so
 * each starter validates with zero errors at once.
 */

export const STARTER_IDS = ["order-shipped", "appointment-reminder", "marketing-broadcast"] as const;
export type StarterId = (typeof STARTER_IDS)[number];

export interface StarterInfo {
  id: StarterId;
  /** English, for the API and logs; the UI shows `flows.starters.<id>.title` / `.summary`. */
  name: string;
  description: string;
  nameKey: string;
  descriptionKey: string;
}

function info(id: StarterId, name: string, description: string): StarterInfo {
  return {
    id,
    name,
    description,
    nameKey: `flows.starters.${id}.title`,
    descriptionKey: `flows.starters.${id}.summary`,
  };
}

export const STARTERS: readonly StarterInfo[] = [
  info(
    "order-shipped",
    "Order shipped",
    "Tell customers their order is on its way, with Track order and Talk to us buttons.",
  ),
  info(
    "appointment-reminder",
    "Appointment reminder",
    "Remind customers a day before their appointment; they confirm or reschedule, with a second reminder if they do not answer.",
  ),
  info(
    "marketing-broadcast",
    "Marketing broadcast",
    "Send the weekly offer to your contacts, with a Shop now link and a Stop promotions opt-out.",
  ),
];

/* ── sample templates ─────────────────────────────────────────────────────────── */

const quickReplies = (...texts: string[]) => ({
  type: "BUTTONS" as const,
  buttons: texts.map((text) => ({ type: "QUICK_REPLY" as const, text })),
});

/** The development sample templates, as Meta would list them once reviewed. */
export const SAMPLE_TEMPLATES: TemplateSummary[] = [
  {
    name: "order_shipped",
    language: "en_US",
    status: "APPROVED",
    category: "UTILITY",
    parameterFormat: "positional",
    components: [
      {
        type: "BODY",
        text: "Hi {{1}}, your order {{2}} has shipped.",
        example: { body_text: [["Pablo", "#1042"]] },
      },
      quickReplies("Track order", "Talk to us"),
    ],
  },
  {
    name: "order_shipped",
    language: "ar",
    status: "APPROVED",
    category: "UTILITY",
    parameterFormat: "positional",
    components: [
      {
        type: "BODY",
        text: "مرحبًا {{1}}، تم شحن طلبك {{2}}.",
        example: { body_text: [["سارة", "#1042"]] },
      },
      quickReplies("تتبّع الطلب", "تحدّث إلينا"),
    ],
  },
  {
    name: "appointment_reminder",
    language: "en_US",
    status: "APPROVED",
    category: "UTILITY",
    parameterFormat: "positional",
    components: [
      {
        type: "BODY",
        text: "Hi {{1}}, a reminder of your appointment on {{2}}.",
        example: { body_text: [["Pablo", "Tuesday 14 May at 3 pm"]] },
      },
      quickReplies("Confirm", "Reschedule"),
    ],
  },
  {
    name: "weekly_offer",
    language: "en_US",
    status: "APPROVED",
    category: "MARKETING",
    parameterFormat: "named",
    components: [
      {
        type: "HEADER",
        format: "IMAGE",
        example: { header_handle: ["https://example.com/weekly-offer.jpg"] },
      },
      {
        type: "BODY",
        text: "Hi {{first_name}}, this week: {{offer}}",
        example: {
          body_text_named_params: [
            { param_name: "first_name", example: "Pablo" },
            { param_name: "offer", example: "20% off all shoes" },
          ],
        },
      },
      quickReplies("Shop now", "Stop promotions"),
    ],
  },
  {
    name: "spring_sale",
    language: "en_US",
    status: "PENDING",
    category: "MARKETING",
    parameterFormat: "positional",
    components: [
      {
        type: "BODY",
        text: "Spring sale: {{1}} off everything until Sunday.",
        example: { body_text: [["30%"]] },
      },
      quickReplies("Shop now", "Stop promotions"),
    ],
  },
  {
    name: "old_promo",
    language: "en_US",
    status: "PAUSED",
    category: "MARKETING",
    parameterFormat: "positional",
    components: [
      {
        type: "BODY",
        text: "Last chance, {{1}}: our summer deals end tonight.",
        example: { body_text: [["Pablo"]] },
      },
    ],
  },
];

/* ── building documents ──────────────────────────────────────────────────────── */

/** Vertical and horizontal spacing of the starters' layout (top to bottom, branches side by side). */
const ROW = 170;
const COLUMN = 300;

/** A node with its config completed by the type's schema defaults, as a stored document holds it. */
export function buildNode<T extends NodeType>(
  type: T,
  id: string,
  label: string,
  at: { x: number; y: number },
  config: Partial<NodeConfigOf<T>>,
): FlowNode {
  return { id, type, label, position: at, config: definitionOf(type).config.parse(config) } as FlowNode;
}

/** A reply branch chosen by tapping the quick-reply button with this text. */
export function buttonBranch(id: string, text: string): ReplyBranch {
  return { id, kind: "button", label: text, button: text, keywords: [] };
}

export function buildEdge(source: string, sourceHandle: string, target: string): FlowEdge {
  return { id: `${source}--${sourceHandle}--${target}`, source, sourceHandle, target };
}

const at = (column: number, row: number) => ({ x: column * COLUMN, y: row * ROW });

function orderShipped(): FlowDocument {
  const nodes = [
    buildNode("trigger", "trigger", "Order shipped", at(0, 0), { kind: "event", eventName: "order.shipped" }),
    buildNode("template-send", "notify", "Shipping notice", at(0, 1), {
      templateName: "order_shipped",
      language: "en_US",
      variables: { "body.1": "{{contact.name}}", "body.2": "{{event.order_id}}" },
    }),
    buildNode("wait-for-reply", "wait", "Wait for an answer", at(0, 2), {
      timeout: { amount: 23, unit: "hours" },
      branches: [buttonBranch("track", "Track order"), buttonBranch("talk", "Talk to us")],
    }),
    buildNode("send-text", "tracking-link", "Tracking link", at(-0.5, 3), {
      text: "Here is where your parcel is: {{event.tracking_url}}",
    }),
    buildNode("send-text", "handover", "Hand over to a teammate", at(0.5, 3), {
      text: "A teammate will reply here shortly.",
    }),
  ];
  const edges = [
    buildEdge("trigger", "next", "notify"),
    buildEdge("notify", "sent", "wait"),
    buildEdge("wait", "track", "tracking-link"),
    buildEdge("wait", "talk", "handover"),
  ];
  return { version: FLOW_DOCUMENT_VERSION, nodes, edges };
}

function appointmentReminder(): FlowDocument {
  const reminder = {
    templateName: "appointment_reminder",
    language: "en_US",
    variables: { "body.1": "{{contact.name}}", "body.2": "{{event.appointment_time}}" },
  };
  const nodes = [
    buildNode("trigger", "trigger", "Appointment booked", at(0, 0), {
      kind: "event",
      eventName: "appointment.booked",
    }),
    buildNode("delay", "day-before", "A day before", at(0, 1), {
      mode: "until",
      untilPath: "event.appointment_at",
      offsetMinutes: 1440,
    }),
    buildNode("template-send", "remind", "Reminder", at(0, 2), reminder),
    buildNode("wait-for-reply", "wait", "Wait for an answer", at(0, 3), {
      timeout: { amount: 23, unit: "hours" },
      branches: [buttonBranch("confirm", "Confirm"), buttonBranch("reschedule", "Reschedule")],
    }),
    buildNode("send-text", "thanks", "Thanks", at(-1, 4), {
      text: "Thank you, {{contact.name}}: see you on {{event.appointment_time}}.",
    }),
    buildNode("send-text", "reschedule-link", "Reschedule link", at(0, 4), {
      text: "No problem: pick a new time here: {{event.reschedule_url}}",
    }),
    buildNode("template-send", "remind-again", "Second reminder", at(1, 4), reminder),
  ];
  const edges = [
    buildEdge("trigger", "next", "day-before"),
    buildEdge("day-before", "next", "remind"),
    buildEdge("remind", "sent", "wait"),
    buildEdge("wait", "confirm", "thanks"),
    buildEdge("wait", "reschedule", "reschedule-link"),
    buildEdge("wait", "timeout", "remind-again"),
  ];
  return { version: FLOW_DOCUMENT_VERSION, nodes, edges };
}

function marketingBroadcast(): FlowDocument {
  const nodes = [
    buildNode("trigger", "trigger", "Send the weekly offer", at(0, 0), { kind: "manual" }),
    buildNode("template-send", "offer", "Weekly offer", at(0, 1), {
      templateName: "weekly_offer",
      language: "en_US",
      variables: {
        "header.media": "https://example.com/weekly-offer.jpg",
        "body.first_name": "{{contact.name}}",
        "body.offer": "20% off all shoes until Sunday",
      },
    }),
    buildNode("wait-for-reply", "wait", "Wait for an answer", at(0, 2), {
      timeout: { amount: 23, unit: "hours" },
      branches: [buttonBranch("shop", "Shop now"), buttonBranch("stop", "Stop promotions")],
    }),
    buildNode("send-text", "shop-link", "Shop link", at(-0.5, 3), {
      text: "Happy shopping! Here is the offer: https://example.com/shop",
    }),
    buildNode("opt-out", "unsubscribe", "Stop promotions", at(0.5, 3), {
      scope: "marketing",
      confirmationText:
        "Done: you will not receive promotions from us any more. Order updates still reach you.",
    }),
  ];
  const edges = [
    buildEdge("trigger", "next", "offer"),
    buildEdge("offer", "sent", "wait"),
    buildEdge("wait", "shop", "shop-link"),
    buildEdge("wait", "stop", "unsubscribe"),
  ];
  return { version: FLOW_DOCUMENT_VERSION, nodes, edges };
}

const BUILDERS: Record<StarterId, () => FlowDocument> = {
  "order-shipped": orderShipped,
  "appointment-reminder": appointmentReminder,
  "marketing-broadcast": marketingBroadcast,
};

export function isStarterId(id: string): id is StarterId {
  return (STARTER_IDS as readonly string[]).includes(id);
}

/** A fresh copy of a starter document (callers may change it freely). */
export function starterDocument(id: StarterId): FlowDocument {
  return BUILDERS[id]();
}
