import { MessageCircle } from "lucide-react";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "@/components/providers/locale-switcher";
import { CreateWorkspaceForm } from "@/components/workspace/create-workspace-form";
import { getCurrentUser } from "@/server/session";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("onboarding");
  return { title: t("title") };
}

export default async function OnboardingPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?callbackUrl=/onboarding");
  const t = await getTranslations("onboarding");
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-10">
      <div className="mb-6 flex items-center gap-2 text-xl font-semibold text-brand-700">
        <MessageCircle aria-hidden className="size-7" />
        Raqi
      </div>
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <p className="text-xs font-medium uppercase tracking-wide text-brand-700">
          {t("step", { step: 1, total: 1 })}
        </p>
        <h1 className="mt-1 text-lg font-semibold">{t("title")}</h1>
        <p className="mb-5 mt-1 text-sm text-slate-500">{t("subtitle", { name: user.name ?? user.email })}</p>
        <CreateWorkspaceForm />
      </div>
      <LocaleSwitcher className="mt-6" />
    </main>
  );
}
