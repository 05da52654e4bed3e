import { GeneralSettings } from "@/components/workspace/general-settings";

export default function GeneralSettingsPage() {
  return <GeneralSettings />;
}
