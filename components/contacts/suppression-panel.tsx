"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { toast } from "sonner";
import type { ContactDetail } from "@/components/messages/types";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useErrorMessage } from "@/components/ui/use-error-message";
import { cn } from "@/lib/ui/cn";
import type { SuppressionScope } from "./suppression-badge";

const SCOPES: SuppressionScope[] = ["marketing", "all"];
const KNOWN_SOURCES = [
  "keyword",
  "button",
  "user_preferences",
  "meta_131050",
  "manual",
  "privacy_request",
  "api",
];

/**
 * Whether messages may reach the contact, per scope. Editors can stop messages (e.g. asked by phone);
 * only admins can lift a stop, and only with the contact's renewed consent.
 */
export function SuppressionPanel({ detail }: { detail: ContactDetail }) {
  const t = useTranslations("contacts.suppression");
  const tc = useTranslations("common");
  const format = useFormatter();
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describeError = useErrorMessage();
  const target = { workspaceSlug: workspace.slug, contactId: detail.contact.id };
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.contact.get.queryKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.contact.list.queryKey() });
  };
  const suppress = useMutation(
    trpc.contact.suppress.mutationOptions({
      onSuccess: async (_, input) => {
        toast.success(t(`suppressed.${input.scope}`));
        await refresh();
      },
      onError: (error) => toast.error(describeError(error)),
    }),
  );
  const lift = useMutation(
    trpc.contact.unsuppress.mutationOptions({
      onSuccess: async (_, input) => {
        toast.success(t(`lifted.${input.scope}`));
        await refresh();
      },
      onError: (error) => toast.error(describeError(error)),
    }),
  );
  const busy = suppress.isPending || lift.isPending;
  const allStopped = detail.suppressions.some((s) => s.scope === "all");

  return (
    <Card>
      <CardHeader title={t("title")} description={t("subtitle")} />
      <ul className="divide-y divide-slate-100">
        {SCOPES.map((scope) => {
          const found = detail.suppressions.find((s) => s.scope === scope);
          const source = found
            ? KNOWN_SOURCES.includes(found.source)
              ? t(`source.${found.source}`)
              : found.source
            : "";
          return (
            <li
              key={scope}
              data-testid={`suppression-${scope}`}
              data-suppressed={found ? "true" : "false"}
              className="flex flex-wrap items-center gap-3 px-5 py-3"
            >
              <div className="min-w-0 flex-1">
                <p className="text-sm font-medium text-slate-800">{t(`scope.${scope}`)}</p>
                <p className={cn("text-xs", found ? "text-red-700" : "text-slate-500")}>
                  {found
                    ? t("stoppedSince", {
                        date: format.dateTime(found.createdAt, { dateStyle: "medium", timeStyle: "short" }),
                        source,
                      })
                    : scope === "marketing" && allStopped
                      ? t("coveredByAll")
                      : t("allowed")}
                </p>
              </div>
              {found ? (
                workspace.can("admin") ? (
                  <ConfirmDialog
                    trigger={
                      <Button size="sm" variant="secondary" disabled={busy}>
                        {t("lift")}
                      </Button>
                    }
                    testId={`lift-${scope}-dialog`}
                    title={t(`liftTitle.${scope}`)}
                    description={t("liftBody")}
                    confirmLabel={t("liftConfirm")}
                    cancelLabel={tc("cancel")}
                    onConfirm={() => lift.mutate({ ...target, scope })}
                  />
                ) : (
                  <span className="text-xs text-slate-500">{t("adminsLift")}</span>
                )
              ) : workspace.can("editor") && !(scope === "marketing" && allStopped) ? (
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={busy}
                  onClick={() => suppress.mutate({ ...target, scope })}
                >
                  {t(`suppress.${scope}`)}
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
