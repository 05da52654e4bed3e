import { Archive } from "lucide-react";
import { PlannedPage } from "@/components/shell/planned-page";

export default function Page() {
  return <PlannedPage area="retention" icon={Archive} header={false} />;
}
