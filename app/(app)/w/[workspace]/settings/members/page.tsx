import { MembersPanel } from "@/components/workspace/members-panel";

export default function MembersPage() {
  return <MembersPanel />;
}
