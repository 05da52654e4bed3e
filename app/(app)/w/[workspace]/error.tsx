"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/states";

export default function WorkspaceError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("common");
  return (
    <ErrorState
      title={t("errorTitle")}
      message={t("errorBody")}
      action={
        <Button variant="secondary" onClick={reset}>
          {t("retry")}
        </Button>
      }
    />
  );
}
