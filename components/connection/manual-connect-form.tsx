"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { applyServerErrors } from "@/components/ui/server-errors";
import { useErrorMessage } from "@/components/ui/use-error-message";
import { connectManualSchema } from "@/lib/whatsapp/inputs";

const FIELDS = ["wabaId", "phoneNumberId", "accessToken"] as const;
type Field = (typeof FIELDS)[number];

function isField(value: unknown): value is Field {
  return typeof value === "string" && (FIELDS as readonly string[]).includes(value);
}

/**
 * Manual credentials from Meta's WhatsApp Manager: the server checks them against the Graph API before
 * saving, and a refusal that concerns one field (an unknown account, a number outside it, a bad token)
 * is shown on that field.
 */
export function ManualConnectForm({ onCancel }: { onCancel: () => void }) {
  const t = useTranslations("channel.connect.manual");
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describeError = useErrorMessage();
  const connect = useMutation(trpc.connection.connectManual.mutationOptions());
  const form = useForm({
    resolver: zodResolver(connectManualSchema),
    mode: "onTouched",
    defaultValues: { workspaceSlug: workspace.slug, wabaId: "", phoneNumberId: "", accessToken: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const connection = await connect.mutateAsync(values);
      queryClient.setQueryData(trpc.connection.get.queryKey({ workspaceSlug: workspace.slug }), connection);
      await queryClient.invalidateQueries({ queryKey: trpc.template.list.queryKey() });
      toast.success(t("connected"));
    } catch (error) {
      const field = (error as { data?: { details?: { field?: unknown } | null } | null }).data?.details
        ?.field;
      if (isField(field)) {
        form.setError(field, { type: "server", message: describeError(error) }, { shouldFocus: true });
        return;
      }
      const message = applyServerErrors(error, form.setError, FIELDS);
      if (message) toast.error(describeError(error));
    }
  });

  const describedBy = (name: Field) => (errors[name] ? `manual-${name}-error` : undefined);
  return (
    <Card>
      <CardHeader title={t("formTitle")} description={t("formSubtitle")} />
      <form onSubmit={onSubmit} noValidate aria-label={t("formTitle")} className="space-y-4 p-5">
        <FormField
          id="manual-wabaId"
          label={t("wabaId")}
          hint={t("wabaIdHint")}
          error={errors.wabaId?.message}
        >
          <Input
            id="manual-wabaId"
            dir="ltr"
            inputMode="numeric"
            autoComplete="off"
            autoFocus
            aria-invalid={Boolean(errors.wabaId)}
            aria-describedby={describedBy("wabaId")}
            {...form.register("wabaId")}
          />
        </FormField>
        <FormField
          id="manual-phoneNumberId"
          label={t("phoneNumberId")}
          hint={t("phoneNumberIdHint")}
          error={errors.phoneNumberId?.message}
        >
          <Input
            id="manual-phoneNumberId"
            dir="ltr"
            inputMode="numeric"
            autoComplete="off"
            aria-invalid={Boolean(errors.phoneNumberId)}
            aria-describedby={describedBy("phoneNumberId")}
            {...form.register("phoneNumberId")}
          />
        </FormField>
        <FormField
          id="manual-accessToken"
          label={t("accessToken")}
          hint={t("accessTokenHint")}
          error={errors.accessToken?.message}
        >
          <Input
            id="manual-accessToken"
            type="password"
            dir="ltr"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={Boolean(errors.accessToken)}
            aria-describedby={describedBy("accessToken")}
            {...form.register("accessToken")}
          />
        </FormField>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onCancel}>
            {t("cancel")}
          </Button>
          <Button type="submit" data-testid="manual-connect-submit" disabled={isSubmitting}>
            {isSubmitting ? t("checking") : t("submit")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
