import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AcceptInvitation } from "@/components/auth/accept-invitation";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { Button } from "@/components/ui/button";
import { auth } from "@/server/auth";
import { isAppError } from "@/server/errors";
import { previewInvitation, type InvitationPreview } from "@/server/services/invitations/accept-invitation";

export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: PageProps<"/invite/[token]">) {
  const { token } = await params;
  const t = await getTranslations("invite");
  const tr = await getTranslations("roles");
  let invitation: InvitationPreview | null = null;
  try {
    invitation = await previewInvitation(token);
  } catch (error) {
    if (!isAppError(error)) throw error;
  }
  if (!invitation) {
    return <Message title={t("invalidTitle")} body={t("invalidBody")} />;
  }
  if (invitation.status !== "pending") {
    return <Message title={t(`${invitation.status}Title`)} body={t("askAgain")} />;
  }
  const session = await auth();
  const here = `/invite/${token}`;
  const wrongAccount =
    session?.user?.email && session.user.email.toLowerCase() !== invitation.email.toLowerCase();
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-lg font-semibold">{t("title", { workspace: invitation.workspaceName })}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {t("body", { email: invitation.email, role: tr(invitation.role) })}
        </p>
      </div>
      {!session?.user ? (
        <div className="space-y-2">
          <Button asChild className="w-full">
            <Link
              href={`/sign-up?email=${encodeURIComponent(invitation.email)}&callbackUrl=${encodeURIComponent(here)}`}
            >
              {t("signUpToAccept")}
            </Link>
          </Button>
          <Button asChild variant="secondary" className="w-full">
            <Link href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`}>{t("signInToAccept")}</Link>
          </Button>
        </div>
      ) : wrongAccount ? (
        <div className="space-y-3">
          <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
            {t("wrongAccount", { email: invitation.email, current: session.user.email ?? "" })}
          </p>
          <SignOutButton
            variant="secondary"
            className="w-full"
            redirectTo={`/sign-in?callbackUrl=${encodeURIComponent(here)}`}
          >
            {t("switchAccount")}
          </SignOutButton>
        </div>
      ) : (
        <AcceptInvitation token={token} />
      )}
    </div>
  );
}

function Message({ title, body }: { title: string; body: string }) {
  return (
    <div role="alert">
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="mt-1 text-sm text-slate-600">{body}</p>
      <Link href="/" className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline">
        Raqi →
      </Link>
    </div>
  );
}
