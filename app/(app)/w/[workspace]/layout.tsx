import { notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { getCurrentUser } from "@/server/session";
import { listMyWorkspaces } from "@/server/services/workspaces/list-my-workspaces";
import { resolveMember } from "@/server/services/workspaces/resolve-member";

export const dynamic = "force-dynamic";

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspace: string }>;
}) {
  const { workspace: slug } = await params;
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/w/${slug}`)}`);
  const member = await resolveMember(user, slug);
  if (!member) notFound();
  const workspaces = await listMyWorkspaces(user.id);
  return (
    <AppShell
      workspace={{ ...member.workspace, role: member.role, membershipId: member.membershipId }}
      workspaces={workspaces.map(({ slug: s, name, role }) => ({ slug: s, name, role }))}
      user={{ name: user.name, email: user.email }}
    >
      {children}
    </AppShell>
  );
}
