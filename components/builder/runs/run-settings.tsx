"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { useErrorMessage } from "@/components/ui/use-error-message";
import { updateRunSettingsSchema } from "@/lib/runs/inputs";
import { cn } from "@/lib/ui/cn";

const POLICIES = ["skip", "restart", "queue"] as const;

/**
 * What happens when a contact already in a run of this flow triggers it again (skip, restart or queue),
 * and the flow's priority among keyword triggers. Editors change them; everyone else reads them.
 */
export function RunSettings({
  flowId,
  runPolicy,
  priority,
}: {
  flowId: string;
  runPolicy: (typeof POLICIES)[number];
  priority: number;
}) {
  const t = useTranslations("runs.settings");
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describeError = useErrorMessage();
  const canEdit = workspace.can("editor");
  const save = useMutation(trpc.run.updateSettings.mutationOptions());
  const form = useForm({
    resolver: zodResolver(updateRunSettingsSchema),
    defaultValues: { workspaceSlug: workspace.slug, flowId, runPolicy, priority },
  });
  const chosen = useWatch({ control: form.control, name: "runPolicy" });
  const { errors, isDirty, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (input) => {
    try {
      const saved = await save.mutateAsync(input);
      form.reset({ ...input, runPolicy: saved.runPolicy, priority: saved.priority });
      await queryClient.invalidateQueries({ queryKey: trpc.flow.get.queryKey() });
      toast.success(t("saved"));
    } catch (error) {
      toast.error(describeError(error));
    }
  });

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={t("title")}
      className="space-y-4"
      data-testid="run-settings"
    >
      <fieldset disabled={!canEdit}>
        <legend className="text-xs font-semibold uppercase tracking-wide text-slate-500">
          {t("policy")}
        </legend>
        <p className="mt-1 text-xs text-slate-500">{t("policyHint")}</p>
        <div className="mt-2 space-y-1.5">
          {POLICIES.map((policy) => (
            <label
              key={policy}
              className={cn(
                "flex cursor-pointer items-start gap-2 rounded-md border p-2 text-sm",
                chosen === policy ? "border-brand-500 bg-brand-50/50" : "border-slate-200",
              )}
            >
              <input
                type="radio"
                value={policy}
                className="mt-0.5 accent-brand-600"
                data-testid={`run-policy-${policy}`}
                {...form.register("runPolicy")}
              />
              <span>
                <span className="block font-medium text-slate-800">{t(`policies.${policy}.label`)}</span>
                <span className="block text-xs text-slate-500">{t(`policies.${policy}.hint`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label
          htmlFor="run-priority"
          className="text-xs font-semibold uppercase tracking-wide text-slate-500"
        >
          {t("priority")}
        </label>
        <input
          id="run-priority"
          type="number"
          min={-100}
          max={100}
          step={1}
          dir="ltr"
          disabled={!canEdit}
          aria-invalid={Boolean(errors.priority)}
          aria-describedby="run-priority-hint"
          className="mt-1 block h-9 w-28 rounded-md border border-slate-300 bg-white px-3 text-start text-sm shadow-xs focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/20 aria-[invalid=true]:border-red-500 disabled:bg-slate-100"
          {...form.register("priority", { valueAsNumber: true })}
        />
        <p
          id="run-priority-hint"
          className={cn("mt-1 text-xs", errors.priority ? "text-red-600" : "text-slate-500")}
        >
          {errors.priority ? t("priorityRange") : t("priorityHint")}
        </p>
      </div>
      {canEdit ? (
        <Button type="submit" size="sm" disabled={!isDirty || isSubmitting} data-testid="run-settings-save">
          {isSubmitting ? t("saving") : t("save")}
        </Button>
      ) : (
        <p className="text-xs text-slate-500">{t("editorsOnly")}</p>
      )}
    </form>
  );
}
