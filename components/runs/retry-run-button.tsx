"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { RotateCcw } from "lucide-react";
import { useId } from "react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { nodeTitle } from "@/components/builder/describe";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useErrorMessage } from "@/components/ui/use-error-message";
import type { FlowDocument } from "@/lib/flow/schema";
import type { RunDetail } from "./types";

/**
 * "Retry from failed step" on a failed run (editors and up): asks first, saying which step runs again;
 * disabled with the reason when a retry is not safe (lib/runs/retry-safety.ts). Once retried, the run
 * is running again and the page follows it live.
 */
export function RetryRunButton({ detail, document }: { detail: RunDetail; document?: FlowDocument }) {
  const t = useTranslations("runs.detail");
  const tb = useTranslations("builder");
  const reasons = useTranslations("errors.reason");
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describeError = useErrorMessage();
  const reasonId = useId();
  const { run, retry } = detail;

  const stepId = retry?.safe ? retry.nodeId : retry?.step?.nodeId;
  const node = document?.nodes.find((n) => n.id === stepId);
  const step = node ? nodeTitle(tb, node) : (stepId ?? "");

  const mutation = useMutation(
    trpc.run.retry.mutationOptions({
      onSuccess: async () => {
        toast.success(t("retried", { step }));
        await queryClient.invalidateQueries({ queryKey: trpc.run.get.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.run.list.queryKey() });
      },
      onError: (error) => toast.error(describeError(error)),
    }),
  );

  if (!workspace.can("editor") || run.status !== "failed" || !retry) return null;

  if (!retry.safe) {
    const key = `retry_${retry.reason}`;
    const reason = reasons.has(key) ? reasons(key) : retry.reason;
    return (
      <div className="flex max-w-xs flex-col items-end gap-1">
        <Button variant="secondary" disabled aria-describedby={reasonId} data-testid="retry-run">
          <RotateCcw aria-hidden className="size-4 rtl:-scale-x-100" />
          {t("retry")}
        </Button>
        <p id={reasonId} className="text-end text-xs text-slate-500" data-testid="retry-run-reason">
          {t("retryUnavailable", { reason })}
        </p>
      </div>
    );
  }

  return (
    <ConfirmDialog
      trigger={
        <Button disabled={mutation.isPending} data-testid="retry-run">
          <RotateCcw aria-hidden className="size-4 rtl:-scale-x-100" />
          {mutation.isPending ? t("retrying") : t("retry")}
        </Button>
      }
      title={t("retryTitle")}
      description={t("retryBody", { step })}
      confirmLabel={t("retryConfirm")}
      cancelLabel={t("retryKeep")}
      confirmVariant="primary"
      onConfirm={() => mutation.mutate({ workspaceSlug: workspace.slug, runId: run.id })}
      testId="retry-run-dialog"
    />
  );
}
