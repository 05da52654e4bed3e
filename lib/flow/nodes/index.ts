import type { z } from "zod";
import type { NodeStep } from "../engine-types";
import type { FlowNodeOf, NodeConfigOf, NodeType } from "../schema";
import type { Finding, HandleSpec, NodeCheckContext } from "../types";
import { conditionConfig, conditionHandles, conditionStep, validateCondition } from "./condition";
import { delayConfig, delayHandles, delayStep, validateDelay } from "./delay";
import { optOutConfig, optOutHandles, optOutStep, validateOptOut } from "./opt-out";
import { sendTextConfig, sendTextHandles, sendTextStep, validateSendText } from "./send-text";
import {
  templateSendConfig,
  templateSendHandles,
  templateSendStep,
  validateTemplateSend,
} from "./template-send";
import { triggerConfig, triggerHandles, triggerStep, validateTrigger } from "./trigger";
import {
  validateWaitForReply,
  waitForReplyConfig,
  waitForReplyHandles,
  waitForReplyStep,
} from "./wait-for-reply";

export interface NodeDefinition<T extends NodeType> {
  type: T;
  config: z.ZodType<NodeConfigOf<T>, unknown>;
  /** The output handles, in display order (wait-for-reply's depend on its branches). */
  handles: (config: NodeConfigOf<T>) => HandleSpec[];
  /** Node-level findings; graph-wide rules (reachability, cycles, edges) are in ../validate.ts. */
  validate: (node: FlowNodeOf<T>, ctx: NodeCheckContext) => Finding[];
  /** A run may stay here for a while: a cycle through such a node is not a busy loop. */
  pauses: boolean;
  /** Sends a WhatsApp message. */
  sends: boolean;
  /** What a run does here (../engine.ts drives it): pure, returns effects instead of performing them. */
  step: NodeStep<T>;
}

function define<T extends NodeType>(def: NodeDefinition<T>): NodeDefinition<T> {
  return def;
}

/** Adding a node type = its file here, its canvas component, and one line in each registry. */
export const nodeDefinitions = {
  trigger: define({
    type: "trigger",
    config: triggerConfig,
    handles: triggerHandles,
    validate: validateTrigger,
    pauses: false,
    sends: false,
    step: triggerStep,
  }),
  condition: define({
    type: "condition",
    config: conditionConfig,
    handles: conditionHandles,
    validate: validateCondition,
    pauses: false,
    sends: false,
    step: conditionStep,
  }),
  "template-send": define({
    type: "template-send",
    config: templateSendConfig,
    handles: templateSendHandles,
    validate: validateTemplateSend,
    pauses: false,
    sends: true,
    step: templateSendStep,
  }),
  "wait-for-reply": define({
    type: "wait-for-reply",
    config: waitForReplyConfig,
    handles: waitForReplyHandles,
    validate: validateWaitForReply,
    pauses: true,
    sends: false,
    step: waitForReplyStep,
  }),
  "opt-out": define({
    type: "opt-out",
    config: optOutConfig,
    handles: optOutHandles,
    validate: validateOptOut,
    pauses: false,
    sends: false,
    step: optOutStep,
  }),
  delay: define({
    type: "delay",
    config: delayConfig,
    handles: delayHandles,
    validate: validateDelay,
    pauses: true,
    sends: false,
    step: delayStep,
  }),
  "send-text": define({
    type: "send-text",
    config: sendTextConfig,
    handles: sendTextHandles,
    validate: validateSendText,
    pauses: false,
    sends: true,
    step: sendTextStep,
  }),
} satisfies { [T in NodeType]: NodeDefinition<T> };

export function definitionOf<T extends NodeType>(type: T): NodeDefinition<T> {
  return nodeDefinitions[type] as unknown as NodeDefinition<T>;
}

/** A node's default config: its schema's defaults. */
export function defaultConfig<T extends NodeType>(type: T): NodeConfigOf<T> {
  return definitionOf(type).config.parse({});
}

/** The output handles of any node. */
export function handlesOf(node: { type: NodeType; config: unknown }): HandleSpec[] {
  const def = definitionOf(node.type) as NodeDefinition<NodeType>;
  return (def.handles as (c: unknown) => HandleSpec[])(node.config);
}
