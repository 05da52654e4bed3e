"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Send } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { DialogShell } from "@/components/builder/dialog-shell";
import { TemplatePreview } from "@/components/builder/panels/template-preview";
import { useWorkspaceTemplates, type WorkspaceTemplate } from "@/components/builder/templates";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input, Select } from "@/components/ui/input";
import { useErrorMessage } from "@/components/ui/use-error-message";
import { sendTestTemplateSchema } from "@/lib/whatsapp/inputs";
import { templateVariables } from "@/lib/whatsapp/template";
import { FailureReason } from "./failure-reason";
import { useLanguageName } from "./language-name";

interface Refusal {
  data?: { details?: { reason?: unknown; field?: unknown } | null } | null;
}

/** Approved templates, grouped by name (one option per language). */
function groupByName(templates: readonly WorkspaceTemplate[]): [string, WorkspaceTemplate[]][] {
  const groups = new Map<string, WorkspaceTemplate[]>();
  for (const template of templates) {
    if (template.status !== "APPROVED") continue;
    groups.set(template.name, [...(groups.get(template.name) ?? []), template]);
  }
  return [...groups.entries()];
}

/** "Send a test template" for editors: the button, and the dialog it opens. */
export function SendTestTemplateButton({ variant = "primary" }: { variant?: "primary" | "secondary" }) {
  const t = useTranslations("channel.testSend");
  const workspace = useWorkspace();
  const [open, setOpen] = useState(false);
  if (!workspace.can("editor")) return null;
  return (
    <>
      <Button variant={variant} data-testid="send-test-button" onClick={() => setOpen(true)}>
        <Send aria-hidden className="size-4 rtl:-scale-x-100" />
        {t("open")}
      </Button>
      <SendTestTemplateDialog open={open} onOpenChange={setOpen} />
    </>
  );
}

/**
 * Sends one approved template to a phone number through the real send path (opt-outs, pacing, retries),
 * with a preview of what the recipient will see.
 */
export function SendTestTemplateDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("channel.testSend");
  return (
    <DialogShell
      open={open}
      onOpenChange={onOpenChange}
      title={t("title")}
      description={t("subtitle")}
      wide
      testId="send-test-dialog"
    >
      {open ? <SendTestTemplateForm onDone={() => onOpenChange(false)} /> : null}
    </DialogShell>
  );
}

function SendTestTemplateForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations("channel.testSend");
  const tc = useTranslations("common");
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describeError = useErrorMessage();
  const languageName = useLanguageName();
  const templates = useWorkspaceTemplates();
  const groups = groupByName(templates.data ?? []);
  const send = useMutation(trpc.message.sendTestTemplate.mutationOptions());
  const [refusal, setRefusal] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ code: number; title: string; details: string | null } | null>(
    null,
  );
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());

  const form = useForm({
    resolver: zodResolver(sendTestTemplateSchema),
    mode: "onTouched",
    defaultValues: { workspaceSlug: workspace.slug, to: "", templateId: "", values: {} },
  });
  const { errors, isSubmitting } = form.formState;
  const chosenId = useWatch({ control: form.control, name: "templateId" });
  const values: Record<string, string> = useWatch({ control: form.control, name: "values" }) ?? {};
  // until someone picks, the first approved template is the one shown
  const templateId = chosenId || groups[0]?.[1][0]?.id || "";
  const template = templates.data?.find((tpl) => tpl.id === templateId);
  const variables = template ? templateVariables(template.components) : [];

  function setValue(key: string, value: string) {
    const next = { ...values };
    if (value === "") delete next[key];
    else next[key] = value;
    form.setValue("values", next);
    if (missing.has(key)) setMissing(new Set([...missing].filter((k) => k !== key)));
  }

  const submit = form.handleSubmit(async (input) => {
    setRefusal(null);
    setFailure(null);
    const wanted = new Set(variables.map((v) => v.key));
    const empty = variables.filter((v) => v.required && !(input.values[v.key] ?? "").trim());
    if (empty.length > 0) {
      setMissing(new Set(empty.map((v) => v.key)));
      return;
    }
    try {
      const result = await send.mutateAsync({
        ...input,
        // only the chosen template's variables: values typed for another one are left behind
        values: Object.fromEntries(Object.entries(input.values).filter(([k]) => wanted.has(k))),
      });
      await queryClient.invalidateQueries({ queryKey: trpc.message.list.queryKey() });
      await queryClient.invalidateQueries({ queryKey: trpc.contact.list.queryKey() });
      if (result.status === "failed" && result.failure) {
        setFailure({
          code: result.failure.code,
          title: result.failure.title,
          details: result.failure.details,
        });
        return;
      }
      toast.success(
        <span>
          {t("sent", { to: input.to })}{" "}
          <Link href={`/w/${workspace.slug}/messages`} className="font-medium text-brand-700 underline">
            {t("openLog")}
          </Link>
        </span>,
      );
      onDone();
    } catch (error) {
      const details = (error as Refusal).data?.details;
      const message = describeError(error);
      if (details?.field === "to") form.setError("to", { type: "server", message });
      else setRefusal(message);
    }
  });
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    // the template shown by default was never picked: it is the one to validate and send
    if (!chosenId && templateId) form.setValue("templateId", templateId);
    return submit(event);
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("title")} className="grid gap-5 p-5 md:grid-cols-2">
      <div className="space-y-4">
        <FormField id="test-to" label={t("to")} hint={t("toHint")} error={errors.to?.message}>
          <Input
            id="test-to"
            type="tel"
            dir="ltr"
            autoFocus
            autoComplete="off"
            placeholder="+1 650 555 0100"
            className="text-start"
            aria-invalid={Boolean(errors.to)}
            aria-describedby={errors.to ? "test-to-error" : undefined}
            {...form.register("to")}
          />
        </FormField>
        <FormField
          id="test-template"
          label={t("template")}
          error={errors.templateId?.message}
          hint={groups.length > 0 ? t("templateHint") : undefined}
        >
          <Select
            id="test-template"
            value={templateId}
            disabled={templates.isPending || groups.length === 0}
            onChange={(e) => form.setValue("templateId", e.target.value, { shouldValidate: true })}
          >
            {templates.isPending ? <option value="">{tc("loading")}</option> : null}
            {groups.map(([name, languages]) => (
              <optgroup key={name} label={name}>
                {languages.map((tpl) => (
                  <option key={tpl.id} value={tpl.id}>
                    {name} · {languageName(tpl.language)}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        </FormField>
        {templates.isError ? (
          <p role="alert" className="text-sm text-red-600">
            {t("templatesFailed")}
          </p>
        ) : templates.isSuccess && groups.length === 0 ? (
          <p
            data-testid="test-send-no-templates"
            className="rounded-md bg-amber-50 p-3 text-sm text-amber-800"
          >
            {t("noTemplates")}
          </p>
        ) : null}

        {variables.length > 0 ? (
          <fieldset className="space-y-3">
            <legend className="mb-1 text-sm font-semibold text-slate-800">{t("variables")}</legend>
            {variables.map((v) => {
              const id = `test-var-${v.key.replace(/[^A-Za-z0-9_-]/g, "-")}`;
              const label = t(`variableKinds.${v.kind}`, { label: v.label });
              return (
                <FormField
                  key={v.key}
                  id={id}
                  label={v.required ? label : `${label} ${t("optional")}`}
                  error={missing.has(v.key) ? t("valueRequired") : undefined}
                >
                  <Input
                    id={id}
                    dir="auto"
                    maxLength={1024}
                    value={values[v.key] ?? ""}
                    placeholder={v.kind === "quick-reply-payload" ? v.label : undefined}
                    aria-invalid={missing.has(v.key)}
                    aria-describedby={missing.has(v.key) ? `${id}-error` : undefined}
                    onChange={(e) => setValue(v.key, e.target.value)}
                  />
                </FormField>
              );
            })}
          </fieldset>
        ) : null}
      </div>

      {/* the preview stays in view while a long list of values scrolls */}
      <div className="space-y-3 md:sticky md:top-0 md:self-start">
        <p className="text-sm font-medium text-slate-700">{t("preview")}</p>
        {template ? (
          <TemplatePreview components={template.components} variables={values} language={template.language} />
        ) : (
          <p className="rounded-lg bg-slate-50 p-6 text-center text-sm text-slate-500">{t("noPreview")}</p>
        )}
        {refusal ? (
          <p
            data-testid="test-send-error"
            role="alert"
            className="rounded-md bg-red-50 p-3 text-sm text-red-800"
          >
            {refusal}
          </p>
        ) : null}
        {failure ? (
          <div data-testid="test-send-failed" role="alert" className="rounded-md bg-red-50 p-3">
            <p className="mb-1 text-sm font-medium text-red-800">{t("failed")}</p>
            <FailureReason code={failure.code} metaTitle={failure.title} metaDetails={failure.details} />
          </div>
        ) : null}
      </div>

      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4 md:col-span-2">
        <Button variant="secondary" onClick={onDone}>
          {tc("cancel")}
        </Button>
        <Button type="submit" data-testid="test-send-submit" disabled={isSubmitting || !template}>
          <Send aria-hidden className="size-4 rtl:-scale-x-100" />
          {isSubmitting ? t("sending") : t("send")}
        </Button>
      </div>
    </form>
  );
}
