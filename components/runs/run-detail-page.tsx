"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Ban, SearchX, Workflow } from "lucide-react";
import Link from "next/link";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { toast } from "sonner";
import { isSettling } from "@/components/messages/message-times";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { BackLink, DetailLoadFailure } from "@/components/ui/detail-states";
import { LoadingState } from "@/components/ui/states";
import { useErrorMessage } from "@/components/ui/use-error-message";
import { elapsed } from "./duration";
import type { FlowDocument } from "@/lib/flow/schema";
import { RetryRunButton } from "./retry-run-button";
import { RunFailure } from "./run-failure";
import { RunStatusBadge } from "./run-status-badge";
import { useDurationText } from "./run-text";
import { RunTimeline } from "./run-timeline";
import { isLive, type RunDetail } from "./types";

/** While the run goes on (or a message it sent may still change), the page asks again this often. */
const LIVE_REFRESH_MS = 2000;

function stillMoving(detail: RunDetail | undefined): boolean {
  if (!detail) return false;
  return isLive(detail.run) || detail.messages.some((m) => isSettling(m));
}

/** One run: its flow and contact, how it started and how it is going, and every step it took. */
export function RunDetailPage({ runId }: { runId: string }) {
  const t = useTranslations("runs.detail");
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const detail = useQuery(
    trpc.run.get.queryOptions(
      { workspaceSlug: workspace.slug, runId },
      { refetchInterval: (query) => (stillMoving(query.state.data) ? LIVE_REFRESH_MS : false) },
    ),
  );
  const run = detail.data?.run;
  // node labels come from the version the run is pinned to (immutable: fetched once)
  const version = useQuery(
    trpc.flow.getVersion.queryOptions(
      { workspaceSlug: workspace.slug, flowId: run?.flowId ?? "", number: run?.flowVersion ?? 1 },
      { enabled: Boolean(run), staleTime: Infinity },
    ),
  );

  const back = <BackLink href={`/w/${workspace.slug}/runs`} label={t("back")} />;

  if (detail.isPending) return <LoadingState label={t("loading")} />;
  if (detail.isError) {
    return (
      <DetailLoadFailure
        error={detail.error}
        back={back}
        notFound={{ icon: SearchX, title: t("notFoundTitle"), description: t("notFoundBody") }}
        loadErrorTitle={t("loadError")}
        onRetry={() => void detail.refetch()}
      />
    );
  }

  const data = detail.data;
  return (
    <>
      {back}
      <RunHeader detail={data} document={version.data} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Card className="overflow-hidden">
          <CardHeader title={t("timeline.title")} description={t("timeline.subtitle")} />
          {version.isError ? (
            <p className="border-b border-slate-100 px-5 py-2 text-xs text-amber-800">
              {t("timeline.noLabels")}
            </p>
          ) : null}
          <RunTimeline detail={data} document={version.data} />
        </Card>
        <div className="space-y-6">
          <RunFacts detail={data} />
          <EventData event={data.run.event} />
        </div>
      </div>
    </>
  );
}

function RunHeader({ detail, document }: { detail: RunDetail; document?: FlowDocument }) {
  const t = useTranslations("runs.detail");
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describeError = useErrorMessage();
  const { run } = detail;
  const cancel = useMutation(
    trpc.run.cancel.mutationOptions({
      onSuccess: async () => {
        toast.success(t("cancelled"));
        await queryClient.invalidateQueries({ queryKey: trpc.run.get.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.run.list.queryKey() });
      },
      onError: (error) => toast.error(describeError(error)),
    }),
  );

  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0">
        <p className="text-sm text-slate-500">{t("eyebrow")}</p>
        <h1 className="flex flex-wrap items-center gap-x-3 gap-y-1 text-2xl font-semibold tracking-tight">
          <Link
            href={`/w/${workspace.slug}/flows/${run.flowId}?mode=runs&run=${run.id}`}
            className="truncate hover:text-brand-700 hover:underline"
            dir="auto"
            data-testid="run-flow-link"
          >
            {run.flowName}
          </Link>
          <span
            className="font-mono text-sm font-normal text-slate-500"
            dir="ltr"
            data-testid="run-version"
            title={t("versionTitle", { version: run.flowVersion })}
          >
            {t("version", { version: run.flowVersion })}
          </span>
          <RunStatusBadge run={run} className="text-sm" />
        </h1>
        {run.failureCode || run.failureMessage ? (
          <RunFailure
            className="mt-2 text-sm"
            code={run.failureCode}
            message={run.failureMessage}
            params={run.failureParams}
          />
        ) : null}
      </div>
      <div className="flex items-start gap-2">
        <RetryRunButton detail={detail} document={document} />
        <Button variant="secondary" asChild>
          <Link href={`/w/${workspace.slug}/flows/${run.flowId}?mode=runs&run=${run.id}`}>
            <Workflow aria-hidden className="size-4" />
            {t("showOnCanvas")}
          </Link>
        </Button>
        {workspace.can("editor") && isLive(run) ? (
          <ConfirmDialog
            trigger={
              <Button variant="danger" disabled={cancel.isPending} data-testid="cancel-run">
                <Ban aria-hidden className="size-4" />
                {t("cancel")}
              </Button>
            }
            title={t("cancelTitle")}
            description={t("cancelBody")}
            confirmLabel={t("cancelConfirm")}
            cancelLabel={t("keepRunning")}
            onConfirm={() => cancel.mutate({ workspaceSlug: workspace.slug, runId: run.id })}
            testId="cancel-run-dialog"
          />
        ) : null}
      </div>
    </div>
  );
}

/** Who the run talks to, what started it, and when. */
function RunFacts({ detail }: { detail: RunDetail }) {
  const t = useTranslations("runs.detail.facts");
  const tt = useTranslations("runs.trigger");
  const format = useFormatter();
  const workspace = useWorkspace();
  const duration = useDurationText();
  const now = useNow({ updateInterval: 1000 });
  const { run } = detail;
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "medium" });
  const length = elapsed(run.startedAt ?? run.createdAt, run.endedAt, now.getTime());

  return (
    <Card>
      <CardHeader title={t("title")} />
      <dl className="divide-y divide-slate-100 text-sm">
        <div className="px-5 py-3">
          <dt className="text-xs font-medium text-slate-500">{t("contact")}</dt>
          <dd className="mt-0.5">
            {run.contactId ? (
              <Link
                href={`/w/${workspace.slug}/contacts/${run.contactId}`}
                className="group block hover:text-brand-700"
                data-testid="run-contact-link"
              >
                {run.contactName ? (
                  <span dir="auto" className="block font-medium group-hover:underline">
                    {run.contactName}
                  </span>
                ) : null}
                <span
                  dir="ltr"
                  className="block text-start font-mono text-xs text-slate-600"
                  data-testid="run-contact-phone"
                >
                  {run.contactPhone}
                </span>
              </Link>
            ) : (
              <span className="text-slate-500">{t("noContact")}</span>
            )}
          </dd>
        </div>
        <div className="px-5 py-3">
          <dt className="text-xs font-medium text-slate-500">{t("trigger")}</dt>
          <dd className="mt-0.5" data-testid="run-trigger">
            {tt(run.triggerSource)}
          </dd>
        </div>
        <div className="px-5 py-3">
          <dt className="text-xs font-medium text-slate-500">{t("started")}</dt>
          <dd className="mt-0.5">{when(run.startedAt ?? run.createdAt)}</dd>
        </div>
        {run.endedAt ? (
          <div className="px-5 py-3">
            <dt className="text-xs font-medium text-slate-500">{t("ended")}</dt>
            <dd className="mt-0.5">{when(run.endedAt)}</dd>
          </div>
        ) : null}
        <div className="px-5 py-3">
          <dt className="text-xs font-medium text-slate-500">{t("duration")}</dt>
          <dd className="mt-0.5" data-testid="run-duration">
            {length === null ? "—" : duration(length)}
          </dd>
        </div>
      </dl>
    </Card>
  );
}

/** The data the run started with ({{event.…}} in the flow reads it). */
function EventData({ event }: { event: Record<string, unknown> | null }) {
  const t = useTranslations("runs.detail.event");
  const empty = !event || Object.keys(event).length === 0;
  return (
    <Card>
      <CardHeader title={t("title")} description={t("subtitle")} />
      {empty ? (
        <p className="px-5 py-4 text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <pre
          dir="ltr"
          data-testid="run-event-data"
          className="max-h-72 overflow-auto whitespace-pre-wrap break-all px-5 py-4 text-start font-mono text-xs text-slate-700"
        >
          {JSON.stringify(event, null, 2)}
        </pre>
      )}
    </Card>
  );
}
