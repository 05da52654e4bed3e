"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { Eye, EyeOff, RefreshCw } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { CopyButton } from "@/components/api-keys/copy-button";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useErrorMessage } from "@/components/ui/use-error-message";
import { hookCurlExample } from "@/lib/runs/hook-example";
import { HOOK_AUTH_KINDS, type HookAuthKind } from "@/lib/runs/hook-mapping";
import { cn } from "@/lib/ui/cn";
import type { AppRouter } from "@/server/api/root";
import { inputClass, PanelField } from "./fields";

type HookView = NonNullable<inferRouterOutputs<AppRouter>["hook"]["get"]>;

/**
 * The webhook of a trigger: its address, how callers authenticate, the secret (shown only on request
 * or right after a rotation) and a curl call that signs `exampleBody`. Editors create the hook by
 * opening the step; viewers see it read-only.
 */
export function WebhookHookCard({
  flowId,
  nodeId,
  canEdit,
  exampleBody,
}: {
  flowId: string;
  nodeId: string;
  canEdit: boolean;
  exampleBody: string;
}) {
  const t = useTranslations("hooks");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describeError = useErrorMessage();
  const { slug } = useWorkspace();
  const target = { workspaceSlug: slug, flowId, nodeId };
  const hook = useQuery(trpc.hook.get.queryOptions(target, { refetchOnWindowFocus: true }));
  const remember = (view: HookView) => queryClient.setQueryData(trpc.hook.get.queryKey(target), view);
  const ensure = useMutation(trpc.hook.ensure.mutationOptions({ onSuccess: remember }));

  // An editor opening a webhook trigger without a hook creates it: the address is what they came for.
  const asked = useRef(false);
  const ensureHook = ensure.mutate;
  useEffect(() => {
    if (!canEdit || asked.current || !hook.isSuccess || hook.data !== null) return;
    asked.current = true;
    ensureHook({ workspaceSlug: slug, flowId, nodeId });
  }, [canEdit, hook.isSuccess, hook.data, ensureHook, slug, flowId, nodeId]);

  if (hook.isError || ensure.isError) {
    return (
      <div
        role="alert"
        className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-xs text-red-700"
      >
        <p>
          {t("loadFailed")} {describeError(hook.error ?? ensure.error)}
        </p>
        <Button
          size="sm"
          variant="secondary"
          onClick={() => {
            asked.current = false;
            ensure.reset();
            void hook.refetch();
          }}
        >
          {t("retry")}
        </Button>
      </div>
    );
  }
  if (hook.isPending || (hook.data === null && canEdit)) {
    return (
      <p className="text-xs text-slate-500" aria-busy="true">
        {ensure.isPending ? t("creating") : t("loading")}
      </p>
    );
  }
  if (hook.data === null) return <p className="text-xs text-slate-500">{t("notCreated")}</p>;
  return <HookDetails hook={hook.data} canEdit={canEdit} exampleBody={exampleBody} onChanged={remember} />;
}

function HookDetails({
  hook,
  canEdit,
  exampleBody,
  onChanged,
}: {
  hook: HookView;
  canEdit: boolean;
  exampleBody: string;
  onChanged: (view: HookView) => void;
}) {
  const t = useTranslations("hooks");
  const format = useFormatter();
  const trpc = useTRPC();
  const describeError = useErrorMessage();
  const { slug } = useWorkspace();
  const target = { workspaceSlug: slug, flowId: hook.flowId, nodeId: hook.nodeId };
  const [secret, setSecret] = useState<string | null>(null);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const onError = (error: unknown) => toast.error(describeError(error));
  const setAuthKind = useMutation(trpc.hook.setAuthKind.mutationOptions({ onSuccess: onChanged, onError }));
  const reveal = useMutation(
    trpc.hook.revealSecret.mutationOptions({ onSuccess: (r) => setSecret(r.secret), onError }),
  );
  const rotate = useMutation(
    trpc.hook.rotateSecret.mutationOptions({
      onSuccess: (r) => {
        setSecret(r.secret);
        onChanged(r.hook);
        toast.success(t("rotated"));
      },
      onError,
    }),
  );
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const example = hookCurlExample({
    url: hook.url,
    authKind: hook.authKind,
    body: exampleBody,
    secret: secret ?? undefined,
  });

  return (
    <div className="space-y-3" data-testid="webhook-hook">
      <PanelField id="hook-url" label={t("address")} hint={t("addressHelp")}>
        <div className="flex items-center gap-2">
          <input
            id="hook-url"
            dir="ltr"
            readOnly
            value={hook.url}
            className={cn(inputClass, "h-9 min-w-0 flex-1 font-mono text-xs")}
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton value={hook.url} label={t("copyAddress")} testId="hook-url-copy" />
        </div>
      </PanelField>
      <ul className="space-y-0.5 text-xs text-slate-500">
        <li>{t("createdAt", { date: when(hook.createdAt) })}</li>
        {hook.rotatedAt ? <li>{t("rotatedAt", { date: when(hook.rotatedAt) })}</li> : null}
        <li data-testid="hook-last-received">
          {hook.lastReceivedAt ? t("lastReceived", { date: when(hook.lastReceivedAt) }) : t("neverReceived")}
        </li>
      </ul>

      <PanelField id="hook-auth" label={t("authKind")} hint={t(`authHelp.${hook.authKind}`)}>
        <select
          id="hook-auth"
          className={cn(inputClass, "h-9")}
          value={hook.authKind}
          disabled={!canEdit || setAuthKind.isPending}
          onChange={(e) => setAuthKind.mutate({ ...target, authKind: e.currentTarget.value as HookAuthKind })}
        >
          {HOOK_AUTH_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`authKinds.${kind}`)}
            </option>
          ))}
        </select>
      </PanelField>

      {canEdit ? (
        <div className="space-y-2">
          <p className="text-xs font-medium text-slate-700">{t("secret")}</p>
          {secret ? (
            <div className="flex items-center gap-2">
              <code
                dir="ltr"
                data-testid="hook-secret"
                className="min-w-0 flex-1 truncate rounded bg-slate-100 px-2 py-1.5 font-mono text-xs text-slate-800"
              >
                {secret}
              </code>
              <CopyButton value={secret} label={t("copySecret")} />
            </div>
          ) : (
            <p className="text-xs text-slate-500">{t("secretHidden")}</p>
          )}
          <div className="flex flex-wrap gap-2">
            {secret ? (
              <Button size="sm" variant="secondary" onClick={() => setSecret(null)}>
                <EyeOff aria-hidden className="size-4" />
                {t("hide")}
              </Button>
            ) : (
              <Button
                size="sm"
                variant="secondary"
                disabled={reveal.isPending}
                onClick={() => reveal.mutate(target)}
              >
                <Eye aria-hidden className="size-4" />
                {reveal.isPending ? t("revealing") : t("reveal")}
              </Button>
            )}
            <ConfirmDialog
              open={confirmRotate}
              onOpenChange={setConfirmRotate}
              trigger={
                <Button size="sm" variant="secondary" disabled={rotate.isPending}>
                  <RefreshCw aria-hidden className="size-4" />
                  {t("rotate")}
                </Button>
              }
              title={t("rotateTitle")}
              description={t("rotateBody")}
              confirmLabel={t("rotateConfirm")}
              cancelLabel={t("cancel")}
              onConfirm={() => rotate.mutate(target)}
              testId="hook-rotate-dialog"
            />
          </div>
        </div>
      ) : null}

      <div className="space-y-1">
        <div className="flex items-center justify-between gap-2">
          <p className="text-xs font-medium text-slate-700">{t("example")}</p>
          <CopyButton value={example} label={t("copyExample")} testId="hook-example-copy" />
        </div>
        <pre
          dir="ltr"
          data-testid="hook-example"
          className="max-h-48 overflow-auto rounded-md bg-slate-900 p-2 text-start font-mono text-[11px] leading-relaxed text-slate-100"
        >
          <code>{example}</code>
        </pre>
        <p className="text-xs text-slate-500">{t("exampleHelp")}</p>
      </div>
    </div>
  );
}
