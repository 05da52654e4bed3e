import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MessagesPage } from "@/components/messages/messages-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("messageLog");
  return { title: t("title") };
}

export default function Page() {
  return <MessagesPage />;
}
