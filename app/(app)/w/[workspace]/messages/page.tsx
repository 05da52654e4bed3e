import { MessagesSquare } from "lucide-react";
import { PlannedPage } from "@/components/shell/planned-page";

export default function Page() {
  return <PlannedPage area="messages" icon={MessagesSquare} />;
}
