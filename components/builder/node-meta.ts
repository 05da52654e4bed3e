import {
  BellOff,
  Braces,
  Hourglass,
  MessageSquare,
  MessageSquareReply,
  MessageSquareText,
  Zap,
  type LucideIcon,
} from "lucide-react";
import type { NodeType } from "@/lib/flow/schema";

/** How each node type looks in the palette, on the canvas and in the side panel. */
export interface NodeLook {
  icon: LucideIcon;
  /** Tailwind classes for the icon tile. */
  tile: string;
  /** The minimap colour. */
  color: string;
}

export const NODE_LOOKS = {
  trigger: { icon: Zap, tile: "bg-amber-100 text-amber-700", color: "#f59e0b" },
  condition: { icon: Braces, tile: "bg-violet-100 text-violet-700", color: "#8b5cf6" },
  "template-send": { icon: MessageSquareText, tile: "bg-emerald-100 text-emerald-700", color: "#10b981" },
  "wait-for-reply": { icon: MessageSquareReply, tile: "bg-sky-100 text-sky-700", color: "#0ea5e9" },
  "opt-out": { icon: BellOff, tile: "bg-rose-100 text-rose-700", color: "#f43f5e" },
  delay: { icon: Hourglass, tile: "bg-slate-200 text-slate-700", color: "#64748b" },
  "send-text": { icon: MessageSquare, tile: "bg-teal-100 text-teal-700", color: "#14b8a6" },
} satisfies Record<NodeType, NodeLook>;

/** The data transfer type of a palette drag (also checked on drop). */
export const PALETTE_MIME = "application/raqi-node";
