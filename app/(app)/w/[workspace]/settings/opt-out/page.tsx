import { BellOff } from "lucide-react";
import { PlannedPage } from "@/components/shell/planned-page";

export default function Page() {
  return <PlannedPage area="optOut" icon={BellOff} header={false} />;
}
