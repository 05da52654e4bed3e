"use client";

import type { NodeProps } from "@xyflow/react";
import { useTranslations } from "next-intl";
import { memo } from "react";
import { describeNode, nodeHandles, nodeTitle } from "../describe";
import type { BuilderNodeOf } from "../graph";
import { NodeFrame } from "./node-frame";

function SendTextNodeView({ id, data, selected }: NodeProps<BuilderNodeOf<"send-text">>) {
  const t = useTranslations("builder");
  const node = { type: "send-text" as const, config: data.config };
  const summary = describeNode(t, node);
  return (
    <NodeFrame
      id={id}
      type="send-text"
      title={nodeTitle(t, { type: "send-text", label: data.label })}
      summary={summary.text}
      incomplete={summary.incomplete}
      handles={nodeHandles(t, node)}
      selected={selected}
    />
  );
}

export const SendTextNode = memo(SendTextNodeView);
