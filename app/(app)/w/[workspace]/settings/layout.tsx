import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SettingsTabs } from "@/components/shell/settings-tabs";
import { PageHeader } from "@/components/ui/page-header";

export default async function SettingsLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspace: string }>;
}) {
  const { workspace } = await params;
  const t = await getTranslations("settings");
  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <SettingsTabs slug={workspace} />
      {children}
    </>
  );
}
