"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Play } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { DialogShell } from "@/components/builder/dialog-shell";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useErrorMessage } from "@/components/ui/use-error-message";
import { startManualRunSchema } from "@/lib/runs/inputs";
import { jsonObjectText, parseJsonObject } from "./json-data";
import type { RunOutcome } from "./types";

/** The form: the shared schema's phone and name, and the event data as JSON text. */
const runForContactForm = startManualRunSchema
  .pick({ workspaceSlug: true, flowId: true, phone: true, name: true })
  .extend({ data: jsonObjectText });

const STARTED: readonly RunOutcome[] = ["started", "queued", "restarted"];

/**
 * "Run for contact": starts the flow's published version for one phone number, with the event data its
 * `{{event.…}}` values read, and says what came of it (started, queued behind another run, skipped …)
 * with a link to the run.
 */
export function RunForContactDialog({
  flowId,
  open,
  onOpenChange,
}: {
  flowId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("runs.startManual");
  return (
    <DialogShell
      open={open}
      onOpenChange={onOpenChange}
      title={t("title")}
      description={t("subtitle")}
      testId="run-for-contact-dialog"
    >
      {open ? <RunForContactForm flowId={flowId} onDone={() => onOpenChange(false)} /> : null}
    </DialogShell>
  );
}

function RunForContactForm({ flowId, onDone }: { flowId: string; onDone: () => void }) {
  const t = useTranslations("runs.startManual");
  const to = useTranslations("runs.outcome");
  const tc = useTranslations("common");
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describeError = useErrorMessage();
  const [refusal, setRefusal] = useState<string | null>(null);
  const start = useMutation(trpc.run.startManual.mutationOptions());
  const form = useForm({
    resolver: zodResolver(runForContactForm),
    mode: "onTouched",
    defaultValues: { workspaceSlug: workspace.slug, flowId, phone: "", name: "", data: "{}" },
  });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (input) => {
    setRefusal(null);
    try {
      const result = await start.mutateAsync({
        workspaceSlug: input.workspaceSlug,
        flowId: input.flowId,
        phone: input.phone,
        ...(input.name ? { name: input.name } : {}),
        data: parseJsonObject(input.data) ?? {},
      });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.run.list.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.run.overlay.queryKey() }),
      ]);
      const outcome = result.runs[0];
      if (!outcome) {
        toast.error(t("nothing"));
        return;
      }
      const message = (
        <span data-testid="run-outcome" data-outcome={outcome.outcome}>
          {to(outcome.outcome)}{" "}
          {outcome.runId ? (
            <Link
              href={`/w/${workspace.slug}/runs/${outcome.runId}`}
              className="font-medium text-brand-700 underline"
            >
              {t("openRun")}
            </Link>
          ) : null}
        </span>
      );
      if (STARTED.includes(outcome.outcome)) toast.success(message);
      else toast.warning(message);
      onDone();
    } catch (error) {
      const details = (error as { data?: { details?: { field?: unknown } | null } | null }).data?.details;
      const text = describeError(error);
      if (details?.field === "contact.phone") form.setError("phone", { type: "server", message: text });
      else setRefusal(text);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={t("title")} className="space-y-4 p-5">
      <FormField id="run-phone" label={t("phone")} hint={t("phoneHint")} error={errors.phone?.message}>
        <Input
          id="run-phone"
          type="tel"
          dir="ltr"
          autoFocus
          autoComplete="off"
          placeholder="+1 650 555 0100"
          className="text-start"
          aria-invalid={Boolean(errors.phone)}
          aria-describedby={errors.phone ? "run-phone-error" : undefined}
          {...form.register("phone")}
        />
      </FormField>
      <FormField id="run-name" label={t("name")} hint={t("nameHint")} error={errors.name?.message}>
        <Input id="run-name" dir="auto" autoComplete="off" {...form.register("name")} />
      </FormField>
      <FormField id="run-data" label={t("data")} hint={t("dataHint")} error={errors.data?.message}>
        <textarea
          id="run-data"
          dir="ltr"
          rows={6}
          spellCheck={false}
          aria-invalid={Boolean(errors.data)}
          aria-describedby={errors.data ? "run-data-error" : undefined}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-start font-mono text-xs shadow-xs focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/20 aria-[invalid=true]:border-red-500"
          {...form.register("data")}
        />
      </FormField>
      {refusal ? (
        <p
          role="alert"
          className="rounded-md bg-red-50 p-3 text-sm text-red-700"
          data-testid="run-for-contact-error"
        >
          {refusal}
        </p>
      ) : null}
      <div className="flex justify-end gap-2 pt-1">
        <Button variant="secondary" onClick={onDone}>
          {tc("cancel")}
        </Button>
        <Button type="submit" disabled={isSubmitting} data-testid="run-for-contact-submit">
          <Play aria-hidden className="size-4 rtl:-scale-x-100" />
          {isSubmitting ? t("starting") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
