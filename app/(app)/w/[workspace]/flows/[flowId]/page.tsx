import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { FlowBuilder } from "@/components/builder/builder";
import { isAppError } from "@/server/errors";
import { getFlow, type FlowDetail } from "@/server/services/flows/get-flow";
import { getCurrentUser } from "@/server/session";
import { resolveMember } from "@/server/services/workspaces/resolve-member";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("builder");
  return { title: t("pageTitle") };
}

/**
 * The flow builder. The flow is read here, with the page, so the canvas draws on the first render instead
 * of after a second round trip; the client keeps it in the query cache under flow.get.
 */
export default async function FlowBuilderPage({
  params,
}: {
  params: Promise<{ workspace: string; flowId: string }>;
}) {
  const { workspace: slug, flowId } = await params;
  const user = await getCurrentUser();
  const member = user ? await resolveMember(user, slug) : null;
  if (!member) notFound();
  let flow: FlowDetail | undefined;
  try {
    flow = await getFlow(member, flowId);
  } catch (error) {
    // An unknown flow is shown by the builder's own "does not exist" state (with a way back).
    if (!isAppError(error) || error.code !== "NOT_FOUND") throw error;
  }
  return <FlowBuilder flowId={flowId} initialFlow={flow} />;
}
