import type { LucideIcon } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/states";

/** A page whose feature is not built yet: says plainly what will live here. */
export async function PlannedPage({
  area,
  icon,
  header = true,
}: {
  area: string;
  icon: LucideIcon;
  header?: boolean;
}) {
  const t = await getTranslations("planned");
  return (
    <>
      {header ? <PageHeader title={t(`${area}.title`)} /> : null}
      <EmptyState icon={icon} title={t(`${area}.emptyTitle`)} description={t(`${area}.emptyBody`)} />
    </>
  );
}
