"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { FileJson, Upload } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type DragEvent } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { applyServerErrors } from "@/components/ui/server-errors";
import { useErrorMessage } from "@/components/ui/use-error-message";
import { FLOW_FILE_MAX_BYTES, importFlowInput } from "@/lib/flow/inputs";
import { cn } from "@/lib/ui/cn";
import { FlowDialog } from "./flow-dialog";
import { readFlowFile, type ReadFlowFile } from "./read-flow-file";
import { useFieldError } from "./use-field-error";

const nameOnly = importFlowInput.pick({ name: true });

/** Takes an exported flow file, lets the server check it, and opens the imported copy in the builder. */
export function ImportFlowDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("flows.import");
  return (
    <FlowDialog
      open={open}
      onOpenChange={onOpenChange}
      title={t("title")}
      description={t("subtitle")}
      testId="import-dialog"
    >
      <ImportFlowForm onDone={() => onOpenChange(false)} />
    </FlowDialog>
  );
}

/** The `details.problems` of a refused import: one line per thing wrong with the file. */
function problemsOf(error: unknown): string[] | null {
  const problems = (error as { data?: { details?: { problems?: unknown } | null } | null }).data?.details
    ?.problems;
  return Array.isArray(problems) && problems.length > 0 ? problems.map(String) : null;
}

function ImportFlowForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations("flows.import");
  const tc = useTranslations("common");
  const workspace = useWorkspace();
  const router = useRouter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describeError = useErrorMessage();
  const fieldError = useFieldError();
  const [file, setFile] = useState<ReadFlowFile | null>(null);
  const [dragging, setDragging] = useState(false);
  const [problems, setProblems] = useState<string[] | null>(null);
  const importFlow = useMutation(trpc.flow.import.mutationOptions());
  const form = useForm({ resolver: zodResolver(nameOnly), mode: "onTouched", defaultValues: {} });
  const { errors, isSubmitting } = form.formState;

  async function choose(chosen: File | undefined) {
    if (!chosen) return;
    setProblems(null);
    setFile(await readFlowFile(chosen));
  }

  function onDrop(event: DragEvent<HTMLElement>) {
    event.preventDefault();
    setDragging(false);
    void choose(event.dataTransfer.files[0]);
  }

  const onSubmit = form.handleSubmit(async ({ name }) => {
    if (!file?.ok) return;
    setProblems(null);
    try {
      const flow = await importFlow.mutateAsync({ workspaceSlug: workspace.slug, file: file.content, name });
      await queryClient.invalidateQueries({ queryKey: trpc.flow.list.queryKey() });
      toast.success(t("imported"));
      onDone();
      router.push(`/w/${workspace.slug}/flows/${flow.id}`);
    } catch (error) {
      const found = problemsOf(error);
      if (found) return setProblems(found);
      const message = applyServerErrors(error, form.setError, ["name"]);
      if (message) toast.error(describeError(error));
    }
  });

  const fileProblem = file && !file.ok ? file : null;
  const preview = file?.ok ? file.preview : null;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={t("title")}>
      <div className="space-y-1.5">
        <label
          htmlFor="import-file"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          className={cn(
            "flex cursor-pointer flex-col items-center rounded-lg border-2 border-dashed px-4 py-6 text-center text-sm transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600",
            dragging ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-slate-50 hover:border-slate-400",
          )}
        >
          {file?.ok ? (
            <FileJson aria-hidden className="size-7 text-brand-600" />
          ) : (
            <Upload aria-hidden className="size-7 text-slate-400" />
          )}
          <span className="mt-2 font-medium text-slate-800">{t("file")}</span>
          <span className="mt-0.5 text-xs text-slate-500">
            {t("fileHint", { max: Math.round(FLOW_FILE_MAX_BYTES / (1024 * 1024)) })}
          </span>
          {file ? (
            <span
              className="mt-2 max-w-full truncate text-xs text-slate-700"
              dir="ltr"
              data-testid="import-file-name"
            >
              {file.fileName}
            </span>
          ) : null}
          <input
            id="import-file"
            type="file"
            accept=".json,application/json"
            className="sr-only"
            data-testid="import-file-input"
            aria-invalid={Boolean(fileProblem)}
            aria-describedby={fileProblem ? "import-file-error" : undefined}
            onChange={(e) => {
              void choose(e.target.files?.[0]);
              // choosing the same file again after fixing it must fire change again
              e.target.value = "";
            }}
          />
        </label>
        {fileProblem ? (
          <p id="import-file-error" role="alert" className="text-sm text-red-600">
            {fileProblem.problem === "tooLarge"
              ? t("tooLarge", { max: Math.round(FLOW_FILE_MAX_BYTES / (1024 * 1024)) })
              : t("notJson")}
            {fileProblem.detail ? (
              <span className="mt-0.5 block text-xs text-red-500" dir="ltr">
                {fileProblem.detail}
              </span>
            ) : null}
          </p>
        ) : preview ? (
          <p className="text-xs text-slate-600" data-testid="import-preview">
            {preview.name ? <bdi className="font-medium">{preview.name}</bdi> : t("unnamed")}
            {preview.nodeCount !== undefined ? ` · ${t("nodeCount", { count: preview.nodeCount })}` : null}
          </p>
        ) : null}
      </div>

      <FormField
        id="import-name"
        label={t("name")}
        hint={t("nameHint")}
        error={fieldError(errors.name?.message)}
      >
        <Input
          id="import-name"
          dir="auto"
          placeholder={preview?.name ?? ""}
          aria-invalid={Boolean(errors.name)}
          aria-describedby={errors.name ? "import-name-error" : undefined}
          {...form.register("name", { setValueAs: (v: string) => (v.trim() === "" ? undefined : v) })}
        />
      </FormField>

      {problems ? (
        <div
          role="alert"
          data-testid="import-problems"
          className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900"
        >
          <p className="font-medium">{t("problemsTitle", { count: problems.length })}</p>
          <ul className="mt-1.5 max-h-48 list-disc space-y-0.5 overflow-y-auto ps-5 text-xs">
            {problems.map((problem, i) => (
              // the server's words: each line takes its own direction
              <li key={i} dir="auto">
                {problem}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="flex justify-end gap-2 pt-2">
        <Button variant="secondary" onClick={onDone}>
          {tc("cancel")}
        </Button>
        <Button type="submit" data-testid="import-submit" disabled={!file?.ok || isSubmitting}>
          {isSubmitting ? t("importing") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
