import { Workflow } from "lucide-react";
import { PlannedPage } from "@/components/shell/planned-page";

export default function Page() {
  return <PlannedPage area="flows" icon={Workflow} />;
}
