import { Plug } from "lucide-react";
import { PlannedPage } from "@/components/shell/planned-page";

export default function Page() {
  return <PlannedPage area="connection" icon={Plug} header={false} />;
}
