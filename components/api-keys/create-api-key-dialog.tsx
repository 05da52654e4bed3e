"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { KeyRound, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { DialogShell } from "@/components/builder/dialog-shell";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { applyServerErrors } from "@/components/ui/server-errors";
import { useErrorMessage } from "@/components/ui/use-error-message";
import { API_KEY_SCOPES, createApiKeySchema } from "@/lib/runs/inputs";
import { CopyButton } from "./copy-button";

interface CreatedKey {
  name: string;
  key: string;
}

/**
 * "Create key": a name and the permissions, then the full key — shown this once, with a copy button, since
 * only its hash is kept.
 */
export function CreateApiKeyDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("apiKeys.create");
  const [created, setCreated] = useState<CreatedKey | null>(null);
  return (
    <DialogShell
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        // the key is gone for good once the dialog closes
        if (!next) setCreated(null);
      }}
      title={created ? t("createdTitle") : t("title")}
      description={created ? t("createdSubtitle", { name: created.name }) : t("subtitle")}
      testId="create-api-key-dialog"
    >
      {created ? (
        <ShowKey
          created={created}
          onDone={() => {
            onOpenChange(false);
            setCreated(null);
          }}
        />
      ) : open ? (
        <CreateKeyForm onCreated={setCreated} onCancel={() => onOpenChange(false)} />
      ) : null}
    </DialogShell>
  );
}

function CreateKeyForm({
  onCreated,
  onCancel,
}: {
  onCreated: (created: CreatedKey) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("apiKeys.create");
  const tc = useTranslations("common");
  const tv = useTranslations("validation");
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describeError = useErrorMessage();
  const [refusal, setRefusal] = useState<string | null>(null);
  const create = useMutation(trpc.apiKey.create.mutationOptions());
  const form = useForm({
    resolver: zodResolver(createApiKeySchema),
    mode: "onTouched",
    defaultValues: { workspaceSlug: workspace.slug, name: "", scopes: [...API_KEY_SCOPES] },
  });
  const { errors, isSubmitting } = form.formState;
  const scopes = useWatch({ control: form.control, name: "scopes" }) ?? [];

  const submit = form.handleSubmit(async (input) => {
    setRefusal(null);
    try {
      const result = await create.mutateAsync(input);
      await queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() });
      onCreated({ name: result.name, key: result.key });
    } catch (error) {
      const message = applyServerErrors(error, form.setError, ["name", "scopes"]);
      if (message) setRefusal(describeError(error));
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={t("title")} className="space-y-4 p-5">
      <FormField id="api-key-name" label={t("name")} hint={t("nameHint")} error={errors.name?.message}>
        <Input
          id="api-key-name"
          autoFocus
          autoComplete="off"
          dir="auto"
          placeholder={t("namePlaceholder")}
          aria-invalid={Boolean(errors.name)}
          aria-describedby={errors.name ? "api-key-name-error" : undefined}
          {...form.register("name")}
        />
      </FormField>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">{t("scopes")}</legend>
        {API_KEY_SCOPES.map((scope) => (
          <label key={scope} className="mt-2 flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              className="mt-0.5 size-4 accent-brand-600"
              checked={scopes.includes(scope)}
              onChange={(e) =>
                form.setValue(
                  "scopes",
                  e.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope),
                  { shouldValidate: true },
                )
              }
            />
            <span>
              <span className="font-mono text-xs" dir="ltr">
                {scope}
              </span>
              <span className="block text-xs text-slate-500">
                {t(`scopeHints.${scope.replace(":", "_")}`)}
              </span>
            </span>
          </label>
        ))}
        {errors.scopes?.message ? (
          <p role="alert" className="mt-1 text-sm text-red-600">
            {tv.has(errors.scopes.message) ? tv(errors.scopes.message) : errors.scopes.message}
          </p>
        ) : null}
      </fieldset>
      {refusal ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">
          {refusal}
        </p>
      ) : null}
      <div className="flex justify-end gap-2 pt-1">
        <Button variant="secondary" onClick={onCancel}>
          {tc("cancel")}
        </Button>
        <Button type="submit" disabled={isSubmitting} data-testid="create-api-key-submit">
          <KeyRound aria-hidden className="size-4" />
          {isSubmitting ? t("creating") : t("submit")}
        </Button>
      </div>
    </form>
  );
}

function ShowKey({ created, onDone }: { created: CreatedKey; onDone: () => void }) {
  const t = useTranslations("apiKeys.create");
  return (
    <div className="space-y-4 p-5">
      <p
        role="status"
        className="flex items-start gap-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900"
        data-testid="api-key-once"
      >
        <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        {t("once")}
      </p>
      <div>
        <label htmlFor="new-api-key" className="block text-sm font-medium text-slate-700">
          {t("yourKey")}
        </label>
        <div className="mt-1.5 flex gap-2">
          <Input
            id="new-api-key"
            readOnly
            dir="ltr"
            value={created.key}
            data-testid="new-api-key"
            className="font-mono text-xs"
            onFocus={(e) => e.target.select()}
          />
          <CopyButton value={created.key} label={t("copy")} size="md" testId="copy-api-key" />
        </div>
      </div>
      <div className="flex justify-end">
        <Button onClick={onDone} data-testid="api-key-done">
          {t("done")}
        </Button>
      </div>
    </div>
  );
}
