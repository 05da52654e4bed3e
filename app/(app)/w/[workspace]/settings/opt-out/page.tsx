import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { OptOutSettings } from "@/components/contacts/opt-out-settings";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("channel.optOut");
  return { title: t("title") };
}

export default function Page() {
  return <OptOutSettings />;
}
