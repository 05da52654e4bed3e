import { KeyRound } from "lucide-react";
import { PlannedPage } from "@/components/shell/planned-page";

export default function Page() {
  return <PlannedPage area="apiKeys" icon={KeyRound} header={false} />;
}
