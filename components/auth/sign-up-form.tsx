"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { applyServerErrors } from "@/components/ui/server-errors";
import { PASSWORD_MIN_LENGTH, signUpInput } from "@/lib/auth/schemas";
import { useErrorMessage } from "@/components/ui/use-error-message";

export function SignUpForm({ callbackUrl, email }: { callbackUrl: string; email?: string }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const trpc = useTRPC();
  const describeError = useErrorMessage();
  const signUp = useMutation(trpc.account.signUp.mutationOptions());
  const form = useForm({
    resolver: zodResolver(signUpInput),
    mode: "onTouched",
    defaultValues: { name: "", email: email ?? "", password: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await signUp.mutateAsync(values);
    } catch (error) {
      const message = applyServerErrors(error, form.setError, ["name", "email", "password"]);
      if (message) toast.error(describeError(error));
      return;
    }
    const result = await signIn("credentials", {
      email: values.email,
      password: values.password,
      redirect: false,
    });
    if (!result || result.error) {
      router.push("/sign-in");
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  });

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={t("signUpTitle")}>
        <FormField id="name" label={t("name")} error={errors.name?.message}>
          <Input
            id="name"
            autoComplete="name"
            aria-invalid={Boolean(errors.name)}
            {...form.register("name")}
          />
        </FormField>
        <FormField id="email" label={t("email")} error={errors.email?.message}>
          <Input
            id="email"
            type="email"
            autoComplete="email"
            aria-invalid={Boolean(errors.email)}
            {...form.register("email")}
          />
        </FormField>
        <FormField
          id="password"
          label={t("password")}
          error={errors.password?.message}
          hint={t("passwordHint", { min: PASSWORD_MIN_LENGTH })}
        >
          <Input
            id="password"
            type="password"
            autoComplete="new-password"
            aria-invalid={Boolean(errors.password)}
            {...form.register("password")}
          />
        </FormField>
        <Button type="submit" className="w-full" disabled={isSubmitting}>
          {isSubmitting ? t("creatingAccount") : t("createAccount")}
        </Button>
      </form>
      <p className="text-center text-sm text-slate-600">
        {t("haveAccount")}{" "}
        <Link
          href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`}
          className="font-medium text-brand-700 hover:underline"
        >
          {t("signIn")}
        </Link>
      </p>
    </div>
  );
}
