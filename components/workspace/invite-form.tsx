"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Check, Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input, Select } from "@/components/ui/input";
import { applyServerErrors } from "@/components/ui/server-errors";
import { assignableRoles } from "@/lib/auth/roles";
import { inviteMemberInput } from "@/lib/auth/schemas";
import { useErrorMessage } from "@/components/ui/use-error-message";

export function InviteForm() {
  const t = useTranslations("members");
  const tr = useTranslations("roles");
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const describeError = useErrorMessage();
  const queryClient = useQueryClient();
  const [link, setLink] = useState<{ url: string; email: string; mailed: boolean } | null>(null);
  const [copied, setCopied] = useState(false);
  const invite = useMutation(trpc.invitation.create.mutationOptions());
  const form = useForm({
    resolver: zodResolver(inviteMemberInput),
    mode: "onTouched",
    defaultValues: { workspaceSlug: workspace.slug, email: "", role: "editor" as const },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const created = await invite.mutateAsync(values);
      setLink({ url: created.link, email: created.email, mailed: created.mailed });
      setCopied(false);
      form.reset({ ...values, email: "" });
      await queryClient.invalidateQueries({ queryKey: trpc.invitation.list.queryKey() });
      toast.success(t("invited", { email: created.email }));
    } catch (error) {
      const message = applyServerErrors(error, form.setError, ["email", "role"]);
      if (message) toast.error(describeError(error));
    }
  });

  async function copy() {
    if (!link) return;
    await navigator.clipboard?.writeText(link.url).catch(() => undefined);
    setCopied(true);
  }

  return (
    <div className="space-y-4 p-5">
      <form
        onSubmit={onSubmit}
        noValidate
        className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-start"
        aria-label={t("inviteTitle")}
      >
        <FormField id="invite-email" label={t("email")} error={errors.email?.message}>
          <Input
            id="invite-email"
            type="email"
            dir="ltr"
            aria-invalid={Boolean(errors.email)}
            {...form.register("email")}
          />
        </FormField>
        <FormField id="invite-role" label={t("role")} error={errors.role?.message}>
          <Select id="invite-role" {...form.register("role")}>
            {assignableRoles(workspace.role).map((r) => (
              <option key={r} value={r}>
                {tr(r)}
              </option>
            ))}
          </Select>
        </FormField>
        <Button type="submit" className="sm:mt-6" disabled={isSubmitting}>
          {isSubmitting ? t("inviting") : t("invite")}
        </Button>
      </form>
      {link ? (
        <div role="status" className="rounded-md border border-brand-100 bg-brand-50 p-3 text-sm">
          <p className="text-slate-700">
            {link.mailed ? t("linkMailed", { email: link.email }) : t("linkNotMailed", { email: link.email })}
          </p>
          <div className="mt-2 flex items-center gap-2">
            <code
              data-testid="invite-link"
              dir="ltr"
              className="min-w-0 flex-1 truncate rounded bg-white px-2 py-1 text-xs"
            >
              {link.url}
            </code>
            <Button size="sm" variant="secondary" onClick={() => void copy()}>
              {copied ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
              {copied ? t("copied") : t("copy")}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
