"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { applyServerErrors } from "@/components/ui/server-errors";
import { createWorkspaceInput, suggestSlug } from "@/lib/auth/schemas";
import { useErrorMessage } from "@/components/ui/use-error-message";

export function CreateWorkspaceForm() {
  const t = useTranslations("onboarding");
  const router = useRouter();
  const trpc = useTRPC();
  const describeError = useErrorMessage();
  const create = useMutation(trpc.workspace.create.mutationOptions());
  const form = useForm({
    resolver: zodResolver(createWorkspaceInput),
    mode: "onTouched",
    defaultValues: { name: "", slug: "" },
  });
  const { errors, isSubmitting, dirtyFields } = form.formState;
  const nameField = form.register("name");

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const workspace = await create.mutateAsync(values);
      toast.success(t("created", { name: workspace.name }));
      router.push(`/w/${workspace.slug}`);
      router.refresh();
    } catch (error) {
      const message = applyServerErrors(error, form.setError, ["name", "slug"]);
      if (message) toast.error(describeError(error));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={t("title")}>
      <FormField id="workspace-name" label={t("name")} error={errors.name?.message}>
        <Input
          id="workspace-name"
          aria-invalid={Boolean(errors.name)}
          placeholder={t("namePlaceholder")}
          {...nameField}
          onChange={(e) => {
            void nameField.onChange(e);
            if (!dirtyFields.slug) form.setValue("slug", suggestSlug(e.target.value));
          }}
        />
      </FormField>
      <FormField id="workspace-slug" label={t("slug")} error={errors.slug?.message} hint={t("slugHint")}>
        <div className="flex items-stretch" dir="ltr">
          <span className="inline-flex items-center rounded-s-md border border-e-0 border-slate-300 bg-slate-100 px-2 text-sm text-slate-500">
            /w/
          </span>
          <Input
            id="workspace-slug"
            className="rounded-s-none"
            aria-invalid={Boolean(errors.slug)}
            {...form.register("slug")}
          />
        </div>
      </FormField>
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? t("creating") : t("create")}
      </Button>
    </form>
  );
}
