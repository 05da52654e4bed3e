import type { NodeConfigOf, NodeType } from "@/lib/flow/schema";

export interface PanelProps<T extends NodeType> {
  nodeId: string;
  config: NodeConfigOf<T>;
  readOnly: boolean;
}
