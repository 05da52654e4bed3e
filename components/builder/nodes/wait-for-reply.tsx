"use client";

import type { NodeProps } from "@xyflow/react";
import { useTranslations } from "next-intl";
import { memo } from "react";
import { describeNode, nodeHandles, nodeTitle } from "../describe";
import type { BuilderNodeOf } from "../graph";
import { NodeFrame } from "./node-frame";

function WaitForReplyNodeView({ id, data, selected }: NodeProps<BuilderNodeOf<"wait-for-reply">>) {
  const t = useTranslations("builder");
  const node = { type: "wait-for-reply" as const, config: data.config };
  const summary = describeNode(t, node);
  return (
    <NodeFrame
      id={id}
      type="wait-for-reply"
      title={nodeTitle(t, { type: "wait-for-reply", label: data.label })}
      summary={summary.text}
      incomplete={summary.incomplete}
      handles={nodeHandles(t, node)}
      selected={selected}
    />
  );
}

export const WaitForReplyNode = memo(WaitForReplyNodeView);
