"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { useErrorMessage } from "@/components/ui/use-error-message";

export function AcceptInvitation({ token }: { token: string }) {
  const t = useTranslations("invite");
  const router = useRouter();
  const trpc = useTRPC();
  const describeError = useErrorMessage();
  const accept = useMutation(
    trpc.invitation.accept.mutationOptions({
      onSuccess: (workspace) => {
        toast.success(t("joined", { workspace: workspace.name }));
        router.push(`/w/${workspace.slug}`);
        router.refresh();
      },
      onError: (error) => toast.error(describeError(error)),
    }),
  );
  return (
    <Button className="w-full" disabled={accept.isPending} onClick={() => accept.mutate({ token })}>
      {accept.isPending ? t("accepting") : t("accept")}
    </Button>
  );
}
