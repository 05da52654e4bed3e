"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { applyServerErrors } from "@/components/ui/server-errors";
import { useErrorMessage } from "@/components/ui/use-error-message";
import { createFlowInput, type FlowStarter } from "@/lib/flow/inputs";
import { FlowDialog } from "./flow-dialog";
import { StarterPicker } from "./starter-card";
import { useFieldError } from "./use-field-error";

/** Names a new flow and picks how it starts; on success the builder opens on it. */
export function NewFlowDialog({
  open,
  onOpenChange,
  starter,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The starter chosen before the dialog opened (a card on the first-time page). */
  starter: FlowStarter;
}) {
  const t = useTranslations("flows.create");
  return (
    <FlowDialog
      open={open}
      onOpenChange={onOpenChange}
      title={t("title")}
      description={t("subtitle")}
      wide
      testId="new-flow-dialog"
    >
      {/* the content unmounts when closed, so every opening starts from a fresh form */}
      <NewFlowForm starter={starter} onDone={() => onOpenChange(false)} />
    </FlowDialog>
  );
}

function NewFlowForm({ starter, onDone }: { starter: FlowStarter; onDone: () => void }) {
  const t = useTranslations("flows.create");
  const tc = useTranslations("common");
  const workspace = useWorkspace();
  const router = useRouter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describeError = useErrorMessage();
  const fieldError = useFieldError();
  const create = useMutation(trpc.flow.create.mutationOptions());
  const form = useForm({
    resolver: zodResolver(createFlowInput),
    mode: "onTouched",
    defaultValues: { workspaceSlug: workspace.slug, name: "", description: "", starter },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const flow = await create.mutateAsync(values);
      await queryClient.invalidateQueries({ queryKey: trpc.flow.list.queryKey() });
      toast.success(t("created", { name: values.name }));
      onDone();
      router.push(`/w/${workspace.slug}/flows/${flow.id}`);
    } catch (error) {
      const message = applyServerErrors(error, form.setError, ["name", "description", "starter"]);
      if (message) toast.error(describeError(error));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={t("title")}>
      <FormField id="flow-name" label={t("name")} error={fieldError(errors.name?.message)}>
        <Input
          id="flow-name"
          autoFocus
          dir="auto"
          aria-invalid={Boolean(errors.name)}
          aria-describedby={errors.name ? "flow-name-error" : undefined}
          placeholder={t("namePlaceholder")}
          {...form.register("name")}
        />
      </FormField>
      <FormField
        id="flow-description"
        label={t("description")}
        hint={t("descriptionHint")}
        error={fieldError(errors.description?.message)}
      >
        <Input
          id="flow-description"
          dir="auto"
          aria-invalid={Boolean(errors.description)}
          aria-describedby={errors.description ? "flow-description-error" : undefined}
          {...form.register("description")}
        />
      </FormField>
      <StarterPicker legend={t("startFrom")} inputProps={form.register("starter")} />
      <div className="flex justify-end gap-2 pt-2">
        <Button variant="secondary" onClick={onDone}>
          {tc("cancel")}
        </Button>
        <Button type="submit" data-testid="new-flow-submit" disabled={isSubmitting}>
          {isSubmitting ? t("creating") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
