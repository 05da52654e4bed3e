import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { auth, enabledOAuthProviders } from "@/server/auth";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("auth");
  return { title: t("signInTitle") };
}

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const session = await auth();
  if (session?.user) redirect(callbackUrl);
  const t = await getTranslations("auth");
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">{t("signInTitle")}</h1>
      <p className="mb-5 text-sm text-slate-500">{t("signInSubtitle")}</p>
      <SignInForm callbackUrl={callbackUrl} providers={enabledOAuthProviders()} />
    </>
  );
}
