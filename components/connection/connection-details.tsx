"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AlertTriangle, CheckCircle2, RefreshCw } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { toast } from "sonner";
import { useWorkspaceTemplates } from "@/components/builder/templates";
import { SendTestTemplateButton } from "@/components/messages/send-test-dialog";
import type { Connection } from "@/components/messages/types";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useErrorMessage } from "@/components/ui/use-error-message";
import { cn } from "@/lib/ui/cn";

type PhoneNumber = Connection["phoneNumbers"][number];

const QUALITY_TONE: Record<string, string> = {
  GREEN: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  YELLOW: "bg-amber-50 text-amber-800 ring-amber-200",
  RED: "bg-red-50 text-red-700 ring-red-200",
};

/** Meta's messaging limit tiers: how many people the number may start conversations with per 24 h. */
const TIER_LIMITS: Record<string, number> = {
  TIER_50: 50,
  TIER_250: 250,
  TIER_1K: 1000,
  TIER_2K: 2000,
  TIER_10K: 10_000,
  TIER_100K: 100_000,
};

const badge = "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset";

/** The connected sender: account, numbers, health, and what can be done with it. */
export function ConnectionDetails({ connection }: { connection: Connection }) {
  const t = useTranslations("channel.connection");
  const tc = useTranslations("common");
  const format = useFormatter();
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describeError = useErrorMessage();
  const templates = useWorkspaceTemplates();
  const isAdmin = workspace.can("admin");
  const broken = connection.status === "broken";

  const sync = useMutation(
    trpc.connection.syncTemplates.mutationOptions({
      onSuccess: async ({ count }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.template.list.queryKey() });
        toast.success(t("synced", { count }));
      },
      onError: (error) => toast.error(describeError(error)),
    }),
  );
  const disconnect = useMutation(
    trpc.connection.disconnect.mutationOptions({
      onSuccess: async () => {
        queryClient.setQueryData(trpc.connection.get.queryKey({ workspaceSlug: workspace.slug }), null);
        await queryClient.invalidateQueries({ queryKey: trpc.template.list.queryKey() });
        toast.success(t("disconnected"));
      },
      onError: (error) => toast.error(describeError(error)),
    }),
  );
  const approved = templates.data?.filter((tpl) => tpl.status === "APPROVED").length ?? 0;

  return (
    <div className="space-y-6" data-testid="connection-details">
      <Card>
        <CardHeader
          title={connection.businessName ?? t("title")}
          description={t("connectedSince", {
            date: format.dateTime(connection.createdAt, { dateStyle: "medium" }),
          })}
          actions={
            <div className="flex flex-wrap items-center gap-2">
              <span
                data-testid="connection-kind"
                className={cn(
                  badge,
                  connection.kind === "sandbox"
                    ? "bg-violet-50 text-violet-700 ring-violet-200"
                    : "bg-brand-50 text-brand-700 ring-brand-100",
                )}
              >
                {t(`kind.${connection.kind}`)}
              </span>
              <span
                data-testid="connection-status"
                data-status={connection.status}
                className={cn(
                  badge,
                  broken
                    ? "bg-red-50 text-red-700 ring-red-200"
                    : "bg-emerald-50 text-emerald-700 ring-emerald-200",
                )}
              >
                {broken ? (
                  <AlertTriangle aria-hidden className="size-3.5" />
                ) : (
                  <CheckCircle2 aria-hidden className="size-3.5" />
                )}
                {t(`status.${broken ? "broken" : "active"}`)}
              </span>
            </div>
          }
        />
        {broken ? (
          <div role="alert" className="border-b border-red-200 bg-red-50 px-5 py-3 text-sm text-red-800">
            <p className="font-medium">{t("brokenTitle")}</p>
            {connection.statusReason ? (
              <p className="mt-0.5" dir="auto">
                {connection.statusReason}
              </p>
            ) : null}
            <p className="mt-1">{isAdmin ? t("reconnectHint") : t("reconnectHintViewer")}</p>
          </div>
        ) : null}
        {connection.kind === "sandbox" ? (
          <p className="border-b border-slate-200 bg-violet-50/50 px-5 py-3 text-sm text-violet-900">
            {t("sandboxNote")}
          </p>
        ) : null}
        <dl className="grid gap-4 p-5 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-xs font-medium text-slate-500">{t("business")}</dt>
            <dd className="mt-0.5" dir="auto">
              {connection.businessName ?? "—"}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-slate-500">{t("wabaId")}</dt>
            <dd className="mt-0.5 font-mono text-[13px]" dir="ltr" data-testid="connection-waba">
              {connection.wabaId}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-slate-500">{t("templates")}</dt>
            <dd className="mt-0.5" data-testid="template-count">
              {templates.isPending
                ? tc("loading")
                : t("templateCount", { count: templates.data?.length ?? 0, approved })}
            </dd>
          </div>
        </dl>
        <div className="flex flex-wrap gap-2 border-t border-slate-200 px-5 py-4">
          <SendTestTemplateButton />
          {workspace.can("editor") ? (
            <Button
              variant="secondary"
              data-testid="sync-templates"
              disabled={sync.isPending || broken}
              onClick={() => sync.mutate({ workspaceSlug: workspace.slug })}
            >
              <RefreshCw aria-hidden className={cn("size-4", sync.isPending && "animate-spin")} />
              {sync.isPending ? t("syncing") : t("sync")}
            </Button>
          ) : null}
        </div>
      </Card>

      <Card>
        <CardHeader title={t("numbers")} description={t("numbersSubtitle")} />
        <ul className="divide-y divide-slate-100">
          {connection.phoneNumbers.map((n) => (
            <PhoneNumberRow key={n.id} number={n} />
          ))}
        </ul>
      </Card>

      {isAdmin ? (
        <Card className="border-red-200">
          <CardHeader title={t("disconnectTitle")} description={t("disconnectBody")} />
          <div className="p-5">
            <ConfirmDialog
              trigger={
                <Button variant="danger" data-testid="disconnect" disabled={disconnect.isPending}>
                  {t("disconnect")}
                </Button>
              }
              testId="disconnect-dialog"
              title={t("disconnectConfirmTitle")}
              description={t("disconnectConfirmBody")}
              confirmLabel={t("disconnect")}
              cancelLabel={tc("cancel")}
              onConfirm={() => disconnect.mutate({ workspaceSlug: workspace.slug })}
            />
          </div>
        </Card>
      ) : (
        <p
          className="rounded-md bg-slate-100 px-4 py-3 text-sm text-slate-600"
          data-testid="connection-readonly"
        >
          {t("adminsOnly")}
        </p>
      )}
    </div>
  );
}

function PhoneNumberRow({ number: n }: { number: PhoneNumber }) {
  const t = useTranslations("channel.connection");
  const format = useFormatter();
  const quality = n.qualityRating?.toUpperCase() ?? "UNKNOWN";
  const tier = n.messagingLimitTier?.toUpperCase() ?? null;
  const limit = tier ? TIER_LIMITS[tier] : undefined;
  return (
    <li data-testid="phone-number" className="grid gap-3 px-5 py-4 text-sm sm:grid-cols-4">
      <div className="sm:col-span-1">
        <p className="font-mono font-medium" dir="ltr">
          {n.displayPhoneNumber}
        </p>
        <p className="text-xs text-slate-500" dir="auto">
          {n.verifiedName ?? t("noVerifiedName")}
        </p>
        {n.isDefault ? <p className="mt-0.5 text-xs text-brand-700">{t("defaultNumber")}</p> : null}
      </div>
      <div>
        <p className="text-xs font-medium text-slate-500">{t("quality")}</p>
        <span
          data-testid="quality-rating"
          className={cn(
            badge,
            "mt-0.5",
            QUALITY_TONE[quality] ?? "bg-slate-100 text-slate-600 ring-slate-200",
          )}
        >
          {t.has(`qualityRating.${quality}`) ? t(`qualityRating.${quality}`) : quality}
        </span>
      </div>
      <div>
        <p className="text-xs font-medium text-slate-500">{t("limit")}</p>
        <p className="mt-0.5">
          {tier === "TIER_UNLIMITED"
            ? t("limitUnlimited")
            : limit !== undefined
              ? t("limitPerDay", { count: format.number(limit) })
              : (tier ?? "—")}
        </p>
      </div>
      <div>
        <p className="text-xs font-medium text-slate-500">{t("throughput")}</p>
        <p className="mt-0.5">{t("perSecond", { count: n.throughputPerSecond })}</p>
      </div>
    </li>
  );
}
