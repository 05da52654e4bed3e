"use client";

import type { NodeProps } from "@xyflow/react";
import { useTranslations } from "next-intl";
import { memo } from "react";
import { describeNode, nodeHandles, nodeTitle } from "../describe";
import type { BuilderNodeOf } from "../graph";
import { NodeFrame } from "./node-frame";

function OptOutNodeView({ id, data, selected }: NodeProps<BuilderNodeOf<"opt-out">>) {
  const t = useTranslations("builder");
  const node = { type: "opt-out" as const, config: data.config };
  const summary = describeNode(t, node);
  return (
    <NodeFrame
      id={id}
      type="opt-out"
      title={nodeTitle(t, { type: "opt-out", label: data.label })}
      summary={summary.text}
      incomplete={summary.incomplete}
      handles={nodeHandles(t, node)}
      selected={selected}
    />
  );
}

export const OptOutNode = memo(OptOutNodeView);
