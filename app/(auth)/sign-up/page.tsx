import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { auth } from "@/server/auth";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("auth");
  return { title: t("signUpTitle") };
}

export default async function SignUpPage({ searchParams }: PageProps<"/sign-up">) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl, "/onboarding");
  const session = await auth();
  if (session?.user) redirect(callbackUrl);
  const t = await getTranslations("auth");
  const email = typeof params.email === "string" ? params.email : undefined;
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">{t("signUpTitle")}</h1>
      <p className="mb-5 text-sm text-slate-500">{t("signUpSubtitle")}</p>
      <SignUpForm callbackUrl={callbackUrl} email={email} />
    </>
  );
}
