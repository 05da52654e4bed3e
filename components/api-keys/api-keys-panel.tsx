"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { BookOpen, KeyRound, Plus, ShieldAlert } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { useErrorMessage } from "@/components/ui/use-error-message";
import { cn } from "@/lib/ui/cn";
import { CreateApiKeyDialog } from "./create-api-key-dialog";

/** Settings → API keys: the workspace's keys for the events API, created and revoked by admins. */
export function ApiKeysPanel() {
  const t = useTranslations("apiKeys");
  const tc = useTranslations("common");
  const format = useFormatter();
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describeError = useErrorMessage();
  const isAdmin = workspace.can("admin");
  const [creating, setCreating] = useState(false);
  const scope = { workspaceSlug: workspace.slug };
  const keys = useQuery(trpc.apiKey.list.queryOptions(scope, { enabled: isAdmin }));
  const revoke = useMutation(
    trpc.apiKey.revoke.mutationOptions({
      onSuccess: async () => {
        toast.success(t("revoked"));
        await queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() });
      },
      onError: (error) => toast.error(describeError(error)),
    }),
  );
  const docs = `/w/${workspace.slug}/developers`;
  const docsLink = (
    <Button variant="secondary" asChild>
      <Link href={docs}>
        <BookOpen aria-hidden className="size-4" />
        {t("docs")}
      </Link>
    </Button>
  );

  if (!isAdmin) {
    return (
      <EmptyState
        icon={ShieldAlert}
        title={t("forbiddenTitle")}
        description={t("forbiddenBody")}
        action={docsLink}
      />
    );
  }

  const createButton = (
    <Button onClick={() => setCreating(true)} data-testid="create-api-key">
      <Plus aria-hidden className="size-4" />
      {t("createKey")}
    </Button>
  );

  let body: React.ReactNode;
  if (keys.isPending) body = <LoadingState label={tc("loading")} />;
  else if (keys.isError)
    body = (
      <div className="p-5">
        <ErrorState
          title={tc("errorTitle")}
          message={describeError(keys.error)}
          action={
            <Button variant="secondary" onClick={() => void keys.refetch()}>
              {tc("retry")}
            </Button>
          }
        />
      </div>
    );
  else if (keys.data.length === 0)
    body = (
      <div className="p-5">
        <EmptyState
          icon={KeyRound}
          title={t("emptyTitle")}
          description={t("emptyBody")}
          action={
            <div className="flex flex-wrap justify-center gap-2">
              {createButton}
              {docsLink}
            </div>
          }
        />
      </div>
    );
  else
    body = (
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="api-keys-table">
          <thead className="bg-slate-50 text-xs uppercase text-slate-500">
            <tr>
              <th className="px-5 py-2 text-start font-medium">{t("table.name")}</th>
              <th className="px-5 py-2 text-start font-medium">{t("table.key")}</th>
              <th className="px-5 py-2 text-start font-medium">{t("table.scopes")}</th>
              <th className="px-5 py-2 text-start font-medium">{t("table.created")}</th>
              <th className="px-5 py-2 text-start font-medium">{t("table.lastUsed")}</th>
              <th className="px-5 py-2 text-start font-medium">{t("table.status")}</th>
              <th className="px-5 py-2" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {keys.data.map((key) => (
              <tr
                key={key.id}
                data-testid={`api-key-row-${key.id}`}
                data-revoked={key.revokedAt ? "true" : "false"}
                className={cn(key.revokedAt && "text-slate-400")}
              >
                <td className="px-5 py-3 font-medium" dir="auto" data-testid="api-key-name">
                  {key.name}
                </td>
                <td className="whitespace-nowrap px-5 py-3">
                  <code
                    dir="ltr"
                    className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs"
                    data-testid="api-key-prefix"
                  >
                    {key.prefix}…
                  </code>
                </td>
                <td className="px-5 py-3">
                  {key.scopes.map((s) => (
                    <span
                      key={s}
                      dir="ltr"
                      className="me-1 inline-block rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-600"
                    >
                      {s}
                    </span>
                  ))}
                </td>
                <td className="whitespace-nowrap px-5 py-3 text-slate-500">
                  {format.dateTime(key.createdAt, { dateStyle: "medium" })}
                </td>
                <td className="whitespace-nowrap px-5 py-3 text-slate-500">
                  {key.lastUsedAt
                    ? format.dateTime(key.lastUsedAt, { dateStyle: "medium", timeStyle: "short" })
                    : t("never")}
                </td>
                <td className="whitespace-nowrap px-5 py-3" data-testid="api-key-status">
                  {key.revokedAt ? (
                    <span className="text-slate-500">
                      {t("revokedOn", { date: format.dateTime(key.revokedAt, { dateStyle: "medium" }) })}
                    </span>
                  ) : (
                    <span className="inline-flex items-center rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700 ring-1 ring-inset ring-brand-100">
                      {t("active")}
                    </span>
                  )}
                </td>
                <td className="px-5 py-3 text-end">
                  {key.revokedAt ? null : (
                    <ConfirmDialog
                      trigger={
                        <Button
                          size="sm"
                          variant="ghost"
                          className="text-red-600"
                          disabled={revoke.isPending}
                          data-testid="revoke-api-key"
                        >
                          {t("revoke")}
                        </Button>
                      }
                      title={t("revokeTitle", { name: key.name })}
                      description={t("revokeBody")}
                      confirmLabel={t("revoke")}
                      cancelLabel={tc("cancel")}
                      onConfirm={() => revoke.mutate({ ...scope, apiKeyId: key.id })}
                      testId="revoke-api-key-dialog"
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );

  return (
    <>
      <Card className="overflow-hidden">
        <CardHeader
          title={t("title")}
          description={t("subtitle")}
          actions={
            keys.data && keys.data.length > 0 ? (
              <div className="flex gap-2">
                {docsLink}
                {createButton}
              </div>
            ) : undefined
          }
        />
        {body}
      </Card>
      <CreateApiKeyDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
