import { AuditLogPanel } from "@/components/workspace/audit-log-panel";

export default function AuditPage() {
  return <AuditLogPanel />;
}
