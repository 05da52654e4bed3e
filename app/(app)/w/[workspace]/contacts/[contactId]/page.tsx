import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ContactDetailPage } from "@/components/contacts/contact-detail-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("contacts");
  return { title: t("detail.title") };
}

export default async function Page({ params }: { params: Promise<{ contactId: string }> }) {
  const { contactId } = await params;
  return <ContactDetailPage contactId={contactId} />;
}
