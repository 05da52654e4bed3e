import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>;

export type RunList = Outputs["run"]["list"];
export type RunListItem = RunList["runs"][number];
export type RunStatus = RunListItem["status"];
export type RunDetail = Outputs["run"]["get"];
export type RunStep = RunDetail["steps"][number];
export type RunMessage = RunDetail["messages"][number];
export type RunReply = RunDetail["replies"][number];
export type RunOverlay = Outputs["run"]["overlay"];
export type StartManualResult = Outputs["run"]["startManual"];
export type RunOutcome = StartManualResult["runs"][number]["outcome"];

/** Whether a run may still change while someone watches it: pages poll while it does. */
export function isLive(run: { status: string }): boolean {
  return run.status === "running" || run.status === "queued";
}
