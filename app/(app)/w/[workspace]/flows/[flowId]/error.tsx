"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/states";

export default function FlowBuilderError({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations("builder");
  const tc = useTranslations("common");
  const params = useParams<{ workspace: string }>();
  return (
    <div className="fixed inset-x-0 bottom-0 top-14 z-10 overflow-y-auto bg-slate-50 p-6 md:start-64">
      <ErrorState
        title={t("crashTitle")}
        message={t("crashBody")}
        action={
          <div className="flex flex-wrap justify-center gap-2">
            <Button variant="secondary" asChild>
              <Link href={`/w/${params.workspace}/flows`}>
                <ArrowLeft aria-hidden className="size-4 rtl:rotate-180" />
                {t("backToFlows")}
              </Link>
            </Button>
            <Button variant="secondary" onClick={reset}>
              {tc("retry")}
            </Button>
          </div>
        }
      />
    </div>
  );
}
