"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
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
import { renameFlowInput } from "@/lib/flow/inputs";
import { FlowDialog } from "./flow-dialog";
import { useFieldError } from "./use-field-error";

interface RenamedFlow {
  id: string;
  name: string;
  description: string;
}

/** Changes a flow's name and description. */
export function RenameFlowDialog({
  flow,
  open,
  onOpenChange,
}: {
  flow: RenamedFlow;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("flows.rename");
  return (
    <FlowDialog open={open} onOpenChange={onOpenChange} title={t("title")} testId="rename-dialog">
      <RenameFlowForm flow={flow} onDone={() => onOpenChange(false)} />
    </FlowDialog>
  );
}

function RenameFlowForm({ flow, onDone }: { flow: RenamedFlow; onDone: () => void }) {
  const t = useTranslations("flows.rename");
  const tf = useTranslations("flows.create");
  const tc = useTranslations("common");
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describeError = useErrorMessage();
  const fieldError = useFieldError();
  const rename = useMutation(trpc.flow.rename.mutationOptions());
  const form = useForm({
    resolver: zodResolver(renameFlowInput),
    mode: "onTouched",
    defaultValues: {
      workspaceSlug: workspace.slug,
      flowId: flow.id,
      name: flow.name,
      description: flow.description,
    },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await rename.mutateAsync(values);
      await queryClient.invalidateQueries({ queryKey: trpc.flow.list.queryKey() });
      toast.success(t("renamed"));
      onDone();
    } catch (error) {
      const message = applyServerErrors(error, form.setError, ["name", "description"]);
      if (message) toast.error(describeError(error));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={t("title")}>
      <FormField id="rename-name" label={tf("name")} error={fieldError(errors.name?.message)}>
        <Input
          id="rename-name"
          autoFocus
          dir="auto"
          aria-invalid={Boolean(errors.name)}
          aria-describedby={errors.name ? "rename-name-error" : undefined}
          {...form.register("name")}
        />
      </FormField>
      <FormField
        id="rename-description"
        label={tf("description")}
        error={fieldError(errors.description?.message)}
      >
        <Input
          id="rename-description"
          dir="auto"
          aria-invalid={Boolean(errors.description)}
          aria-describedby={errors.description ? "rename-description-error" : undefined}
          {...form.register("description")}
        />
      </FormField>
      <div className="flex justify-end gap-2 pt-2">
        <Button variant="secondary" onClick={onDone}>
          {tc("cancel")}
        </Button>
        <Button type="submit" data-testid="rename-submit" disabled={isSubmitting}>
          {isSubmitting ? tc("saving") : tc("save")}
        </Button>
      </div>
    </form>
  );
}
