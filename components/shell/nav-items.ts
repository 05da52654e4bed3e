import {
  BarChart3,
  CodeXml,
  FileText,
  History,
  MessagesSquare,
  Settings,
  ShieldCheck,
  Users,
  Workflow,
  type LucideIcon,
} from "lucide-react";

/** The sidebar, in order. `key` names the page's messages (nav.<key>) and its path segment. */
export const NAV_ITEMS: { key: string; path: string; icon: LucideIcon }[] = [
  { key: "flows", path: "flows", icon: Workflow },
  { key: "templates", path: "templates", icon: FileText },
  { key: "contacts", path: "contacts", icon: Users },
  { key: "messages", path: "messages", icon: MessagesSquare },
  { key: "runs", path: "runs", icon: History },
  { key: "analytics", path: "analytics", icon: BarChart3 },
  { key: "privacyRequests", path: "privacy-requests", icon: ShieldCheck },
  { key: "developers", path: "developers", icon: CodeXml },
  { key: "settings", path: "settings", icon: Settings },
];
