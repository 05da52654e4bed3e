"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Info } from "lucide-react";
import { useTranslations } from "next-intl";
import { useForm, useWatch, type FieldErrors } from "react-hook-form";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { applyServerErrors } from "@/components/ui/server-errors";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { useErrorMessage } from "@/components/ui/use-error-message";
import {
  DEFAULT_OPT_IN_KEYWORDS,
  DEFAULT_OPT_OUT_KEYWORDS,
  optOutSettingsSchema,
  type OptOutSettings as Keywords,
} from "@/lib/whatsapp/opt-out";
import { cn } from "@/lib/ui/cn";
import { KeywordList } from "./keyword-list";

type ListName = keyof Keywords;

/** Settings → Opt-out: the words that stop (and restart) messages to a contact. Admins edit them. */
export function OptOutSettings() {
  const t = useTranslations("channel.optOut");
  const tc = useTranslations("common");
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const describeError = useErrorMessage();
  const settings = useQuery(trpc.optOut.get.queryOptions({ workspaceSlug: workspace.slug }));

  if (settings.isPending) return <LoadingState label={t("loading")} />;
  if (settings.isError) {
    return (
      <ErrorState
        title={t("loadError")}
        message={describeError(settings.error)}
        action={
          <Button variant="secondary" onClick={() => void settings.refetch()}>
            {tc("retry")}
          </Button>
        }
      />
    );
  }
  return (
    <div className="space-y-6">
      <HowMatchingWorks />
      <OptOutForm
        // a saved or reset list is a new starting point for the form
        key={JSON.stringify(settings.data)}
        settings={settings.data}
      />
    </div>
  );
}

function HowMatchingWorks() {
  const t = useTranslations("channel.optOut.rules");
  return (
    <div className="flex gap-3 rounded-lg border border-sky-200 bg-sky-50 p-4 text-sm text-sky-950">
      <Info aria-hidden className="mt-0.5 size-4 shrink-0 text-sky-600" />
      <div className="space-y-1">
        <p>{t("whole")}</p>
        <p>{t("always")}</p>
        <p>{t("optIn")}</p>
      </div>
    </div>
  );
}

/** The first error of a list: the list's own (too many) or one of its keywords'. */
function listError(errors: FieldErrors<Keywords>, name: ListName): { message?: string; index?: number } {
  const entry = errors[name] as
    | ({ message?: string; root?: { message?: string } } & Record<number, { message?: string } | undefined>)
    | undefined;
  if (!entry) return {};
  if (entry.message) return { message: entry.message };
  if (entry.root?.message) return { message: entry.root.message };
  for (const [key, value] of Object.entries(entry)) {
    const index = Number(key);
    if (Number.isInteger(index) && value && typeof value === "object" && "message" in value) {
      return { message: (value as { message?: string }).message, index };
    }
  }
  return {};
}

function OptOutForm({ settings }: { settings: Keywords & { customised: boolean } }) {
  const t = useTranslations("channel.optOut");
  const tc = useTranslations("common");
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describeError = useErrorMessage();
  const canEdit = workspace.can("admin");
  const queryKey = trpc.optOut.get.queryKey({ workspaceSlug: workspace.slug });
  const update = useMutation(trpc.optOut.update.mutationOptions());
  const reset = useMutation(
    trpc.optOut.reset.mutationOptions({
      onSuccess: (fresh) => {
        queryClient.setQueryData(queryKey, fresh);
        toast.success(t("resetDone"));
      },
      onError: (error) => toast.error(describeError(error)),
    }),
  );
  const form = useForm<Keywords>({
    resolver: zodResolver(optOutSettingsSchema),
    mode: "onChange",
    defaultValues: { optOutKeywords: settings.optOutKeywords, optInKeywords: settings.optInKeywords },
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  const optOut = useWatch({ control: form.control, name: "optOutKeywords" });
  const optIn = useWatch({ control: form.control, name: "optInKeywords" });

  const change = (name: ListName, next: string[]) =>
    form.setValue(name, next, { shouldDirty: true, shouldValidate: true });

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const saved = await update.mutateAsync({ workspaceSlug: workspace.slug, ...values });
      queryClient.setQueryData(queryKey, saved);
      toast.success(t("saved"));
    } catch (error) {
      const message = applyServerErrors(error, form.setError, ["optOutKeywords", "optInKeywords"]);
      if (message) toast.error(describeError(error));
    }
  });

  return (
    <Card>
      <CardHeader
        title={t("title")}
        description={canEdit ? t("subtitle") : t("adminsOnly")}
        actions={
          <span
            data-testid="opt-out-customised"
            className={cn(
              "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
              settings.customised
                ? "bg-brand-50 text-brand-700 ring-brand-100"
                : "bg-slate-100 text-slate-600 ring-slate-200",
            )}
          >
            {settings.customised ? t("customised") : t("usingDefaults")}
          </span>
        }
      />
      <form onSubmit={onSubmit} noValidate aria-label={t("title")}>
        <div className="grid gap-6 p-5 md:grid-cols-2">
          <KeywordList
            id="opt-out-keywords"
            title={t("optOutTitle")}
            description={t("optOutBody")}
            keywords={optOut}
            defaults={DEFAULT_OPT_OUT_KEYWORDS}
            readOnly={!canEdit}
            error={listError(errors, "optOutKeywords")}
            onChange={(next) => change("optOutKeywords", next)}
          />
          <KeywordList
            id="opt-in-keywords"
            title={t("optInTitle")}
            description={t("optInBody")}
            keywords={optIn}
            defaults={DEFAULT_OPT_IN_KEYWORDS}
            readOnly={!canEdit}
            error={listError(errors, "optInKeywords")}
            onChange={(next) => change("optInKeywords", next)}
          />
        </div>
        {canEdit ? (
          <div className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 px-5 py-4">
            <ConfirmDialog
              trigger={
                <Button
                  variant="ghost"
                  data-testid="opt-out-reset"
                  disabled={reset.isPending || !settings.customised}
                >
                  {t("reset")}
                </Button>
              }
              testId="opt-out-reset-dialog"
              title={t("resetTitle")}
              description={t("resetBody")}
              confirmLabel={t("reset")}
              cancelLabel={tc("cancel")}
              onConfirm={() => reset.mutate({ workspaceSlug: workspace.slug })}
            />
            <div className="flex gap-2">
              {isDirty ? (
                <Button variant="secondary" onClick={() => form.reset()}>
                  {t("discard")}
                </Button>
              ) : null}
              <Button type="submit" data-testid="opt-out-save" disabled={isSubmitting || !isDirty}>
                {isSubmitting ? tc("saving") : tc("save")}
              </Button>
            </div>
          </div>
        ) : (
          <p
            data-testid="opt-out-readonly"
            className="border-t border-slate-200 bg-slate-50 px-5 py-3 text-sm text-slate-600"
          >
            {t("adminsOnly")}
          </p>
        )}
      </form>
    </Card>
  );
}
