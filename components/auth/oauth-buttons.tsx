"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

const LABELS = { github: "GitHub", google: "Google" } as const;

export function OAuthButtons({
  providers,
  callbackUrl,
}: {
  providers: ("github" | "google")[];
  callbackUrl: string;
}) {
  const t = useTranslations("auth");
  if (providers.length === 0) return null;
  return (
    <div className="space-y-2">
      <div className="flex items-center gap-3 text-xs text-slate-400">
        <span className="h-px flex-1 bg-slate-200" />
        {t("or")}
        <span className="h-px flex-1 bg-slate-200" />
      </div>
      {providers.map((p) => (
        <Button
          key={p}
          variant="secondary"
          className="w-full"
          onClick={() => void signIn(p, { redirectTo: callbackUrl })}
        >
          {t("continueWith", { provider: LABELS[p] })}
        </Button>
      ))}
    </div>
  );
}
