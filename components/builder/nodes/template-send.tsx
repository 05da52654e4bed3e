"use client";

import type { NodeProps } from "@xyflow/react";
import { useTranslations } from "next-intl";
import { memo } from "react";
import { describeNode, nodeHandles, nodeTitle } from "../describe";
import type { BuilderNodeOf } from "../graph";
import { NodeFrame } from "./node-frame";

function TemplateSendNodeView({ id, data, selected }: NodeProps<BuilderNodeOf<"template-send">>) {
  const t = useTranslations("builder");
  const node = { type: "template-send" as const, config: data.config };
  const summary = describeNode(t, node);
  return (
    <NodeFrame
      id={id}
      type="template-send"
      title={nodeTitle(t, { type: "template-send", label: data.label })}
      summary={summary.text}
      incomplete={summary.incomplete}
      handles={nodeHandles(t, node)}
      selected={selected}
    />
  );
}

export const TemplateSendNode = memo(TemplateSendNodeView);
