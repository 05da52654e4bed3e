"use client";

import type { NodeProps } from "@xyflow/react";
import { useTranslations } from "next-intl";
import { memo } from "react";
import { describeNode, nodeHandles, nodeTitle } from "../describe";
import type { BuilderNodeOf } from "../graph";
import { NodeFrame } from "./node-frame";

function DelayNodeView({ id, data, selected }: NodeProps<BuilderNodeOf<"delay">>) {
  const t = useTranslations("builder");
  const node = { type: "delay" as const, config: data.config };
  const summary = describeNode(t, node);
  return (
    <NodeFrame
      id={id}
      type="delay"
      title={nodeTitle(t, { type: "delay", label: data.label })}
      summary={summary.text}
      incomplete={summary.incomplete}
      handles={nodeHandles(t, node)}
      selected={selected}
    />
  );
}

export const DelayNode = memo(DelayNodeView);
