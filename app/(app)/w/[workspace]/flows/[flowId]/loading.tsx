import { getTranslations } from "next-intl/server";
import { BuilderSkeleton } from "@/components/builder/skeleton";

export default async function Loading() {
  const t = await getTranslations("common");
  return (
    <div className="fixed inset-x-0 bottom-0 top-14 z-10 flex flex-col bg-slate-50 md:start-64">
      <BuilderSkeleton label={t("loading")} />
    </div>
  );
}
