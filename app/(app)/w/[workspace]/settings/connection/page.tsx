import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ConnectionSettings } from "@/components/connection/connection-settings";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("channel.connection");
  return { title: t("title") };
}

export default function Page() {
  return <ConnectionSettings />;
}
