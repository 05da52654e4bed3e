import type { ComponentType } from "react";
import type { NodeType } from "@/lib/flow/schema";
import { ConditionPanel } from "./condition";
import { DelayPanel } from "./delay";
import { OptOutPanel } from "./opt-out";
import { SendTextPanel } from "./send-text";
import { TemplateSendPanel } from "./template-send";
import { TriggerPanel } from "./trigger";
import type { PanelProps } from "./types";
import { WaitForReplyPanel } from "./wait-for-reply";

/** The side-panel form of each node type. */
export const panelComponents = {
  trigger: TriggerPanel,
  condition: ConditionPanel,
  "template-send": TemplateSendPanel,
  "wait-for-reply": WaitForReplyPanel,
  "opt-out": OptOutPanel,
  delay: DelayPanel,
  "send-text": SendTextPanel,
} satisfies { [T in NodeType]: ComponentType<PanelProps<T>> };
