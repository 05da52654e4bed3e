import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RunDetailPage } from "@/components/runs/run-detail-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("runs");
  return { title: t("detail.title") };
}

export default async function Page({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  return <RunDetailPage runId={runId} />;
}
