import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 px-4 text-center">
      <h1 className="text-2xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="max-w-md text-sm text-slate-600">{t("notFoundBody")}</p>
      <Link href="/" className="text-sm font-medium text-brand-700 hover:underline">
        {t("home")}
      </Link>
    </main>
  );
}
