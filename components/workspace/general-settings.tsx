"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { applyServerErrors } from "@/components/ui/server-errors";
import { renameWorkspaceInput } from "@/lib/auth/schemas";
import { useErrorMessage } from "@/components/ui/use-error-message";

export function GeneralSettings() {
  const t = useTranslations("settings.general");
  const tc = useTranslations("common");
  const workspace = useWorkspace();
  const router = useRouter();
  const trpc = useTRPC();
  const describeError = useErrorMessage();
  const rename = useMutation(trpc.workspace.rename.mutationOptions());
  const leave = useMutation(
    trpc.member.leave.mutationOptions({
      onSuccess: () => {
        toast.success(t("left", { name: workspace.name }));
        router.push("/");
        router.refresh();
      },
      onError: (error) => toast.error(describeError(error)),
    }),
  );
  const canRename = workspace.can("admin");
  const form = useForm({
    resolver: zodResolver(renameWorkspaceInput),
    mode: "onTouched",
    defaultValues: { workspaceSlug: workspace.slug, name: workspace.name },
  });
  const { errors, isSubmitting, isDirty } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await rename.mutateAsync(values);
      toast.success(t("renamed"));
      form.reset(values);
      router.refresh();
    } catch (error) {
      const message = applyServerErrors(error, form.setError, ["name"]);
      if (message) toast.error(describeError(error));
    }
  });

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title={t("title")} description={canRename ? t("subtitle") : t("adminsOnly")} />
        <form onSubmit={onSubmit} noValidate className="space-y-4 p-5">
          <FormField id="ws-name" label={t("name")} error={errors.name?.message}>
            <Input
              id="ws-name"
              disabled={!canRename}
              aria-invalid={Boolean(errors.name)}
              {...form.register("name")}
            />
          </FormField>
          <FormField id="ws-slug" label={t("address")} hint={t("addressHint")}>
            <Input id="ws-slug" dir="ltr" value={`/w/${workspace.slug}`} readOnly disabled />
          </FormField>
          {canRename ? (
            <Button type="submit" disabled={isSubmitting || !isDirty}>
              {isSubmitting ? tc("saving") : tc("save")}
            </Button>
          ) : null}
        </form>
      </Card>
      <Card className="border-red-200">
        <CardHeader title={t("leaveTitle")} description={t("leaveBody")} />
        <div className="p-5">
          <ConfirmDialog
            trigger={
              <Button variant="danger" disabled={leave.isPending}>
                {t("leave")}
              </Button>
            }
            title={t("leaveConfirmTitle", { name: workspace.name })}
            description={t("leaveConfirmBody")}
            confirmLabel={t("leave")}
            cancelLabel={tc("cancel")}
            onConfirm={() => leave.mutate({ workspaceSlug: workspace.slug })}
          />
        </div>
      </Card>
    </div>
  );
}
