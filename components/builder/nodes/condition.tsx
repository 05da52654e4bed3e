"use client";

import type { NodeProps } from "@xyflow/react";
import { useTranslations } from "next-intl";
import { memo } from "react";
import { describeNode, nodeHandles, nodeTitle } from "../describe";
import type { BuilderNodeOf } from "../graph";
import { NodeFrame } from "./node-frame";

function ConditionNodeView({ id, data, selected }: NodeProps<BuilderNodeOf<"condition">>) {
  const t = useTranslations("builder");
  const node = { type: "condition" as const, config: data.config };
  const summary = describeNode(t, node);
  return (
    <NodeFrame
      id={id}
      type="condition"
      title={nodeTitle(t, { type: "condition", label: data.label })}
      summary={summary.text}
      incomplete={summary.incomplete}
      handles={nodeHandles(t, node)}
      selected={selected}
    >
      <p className="mt-1.5">
        <span className="rounded bg-violet-50 px-1.5 py-0.5 text-[10px] font-semibold uppercase tracking-wide text-violet-700">
          {t(`match.${data.config.match}`)}
        </span>
      </p>
    </NodeFrame>
  );
}

export const ConditionNode = memo(ConditionNodeView);
