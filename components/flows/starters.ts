import { CalendarClock, FilePlus2, Megaphone, Truck, type LucideIcon } from "lucide-react";
import type { FlowStarter } from "@/lib/flow/inputs";

/**
 * The picture of each way a new flow can begin; FLOW_STARTERS gives their order, and the words live in
 * messages under `flows.starters.<id>`.
 */
export const STARTER_ICONS = {
  blank: FilePlus2,
  "order-shipped": Truck,
  "appointment-reminder": CalendarClock,
  "marketing-broadcast": Megaphone,
} as const satisfies Record<FlowStarter, LucideIcon>;
