import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { LAST_WORKSPACE_COOKIE } from "@/lib/workspace-cookie";
import { getCurrentUser } from "@/server/session";
import { listMyWorkspaces } from "@/server/services/workspaces/list-my-workspaces";

export const dynamic = "force-dynamic";

export default async function Home() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const workspaces = await listMyWorkspaces(user.id);
  if (workspaces.length === 0) redirect("/onboarding");
  const last = (await cookies()).get(LAST_WORKSPACE_COOKIE)?.value;
  const target = workspaces.find((w) => w.slug === last) ?? workspaces[0];
  redirect(target ? `/w/${target.slug}` : "/onboarding");
}
