import type { NodeTypes } from "@xyflow/react";
import type { NodeType } from "@/lib/flow/schema";
import { ConditionNode } from "./condition";
import { DelayNode } from "./delay";
import { OptOutNode } from "./opt-out";
import { SendTextNode } from "./send-text";
import { TemplateSendNode } from "./template-send";
import { TriggerNode } from "./trigger";
import { WaitForReplyNode } from "./wait-for-reply";

/** The canvas component of each node type; defined once at module level so React Flow never remounts. */
export const nodeTypes = {
  trigger: TriggerNode,
  condition: ConditionNode,
  "template-send": TemplateSendNode,
  "wait-for-reply": WaitForReplyNode,
  "opt-out": OptOutNode,
  delay: DelayNode,
  "send-text": SendTextNode,
} satisfies Record<NodeType, NodeTypes[string]>;
