import { BarChart3 } from "lucide-react";
import { PlannedPage } from "@/components/shell/planned-page";

export default function Page() {
  return <PlannedPage area="analytics" icon={BarChart3} />;
}
