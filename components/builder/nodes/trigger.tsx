"use client";

import type { NodeProps } from "@xyflow/react";
import { useTranslations } from "next-intl";
import { memo } from "react";
import { describeNode, nodeHandles, nodeTitle } from "../describe";
import type { BuilderNodeOf } from "../graph";
import { NodeFrame } from "./node-frame";

function TriggerNodeView({ id, data, selected }: NodeProps<BuilderNodeOf<"trigger">>) {
  const t = useTranslations("builder");
  const node = { type: "trigger" as const, config: data.config };
  const summary = describeNode(t, node);
  return (
    <NodeFrame
      id={id}
      type="trigger"
      title={nodeTitle(t, { type: "trigger", label: data.label })}
      summary={summary.text}
      incomplete={summary.incomplete}
      handles={nodeHandles(t, node)}
      selected={selected}
    >
      <p className="mt-1.5">
        <span className="rounded bg-amber-50 px-1.5 py-0.5 text-[10px] font-semibold uppercase tracking-wide text-amber-700">
          {t(`triggerKinds.${data.config.kind}`)}
        </span>
      </p>
    </NodeFrame>
  );
}

export const TriggerNode = memo(TriggerNodeView);
