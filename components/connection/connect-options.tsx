"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { FlaskConical, KeyRound, Loader2, Sparkles, type LucideIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useErrorMessage } from "@/components/ui/use-error-message";
import { ManualConnectForm } from "./manual-connect-form";

/**
 * The ways to connect a WhatsApp sender, side by side: the built-in sandbox (one click), manual
 * credentials, and Embedded Signup (which comes with the onboarding wizard).
 */
export function ConnectOptions() {
  const t = useTranslations("channel.connect");
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describeError = useErrorMessage();
  const [manual, setManual] = useState(false);
  const sandbox = useMutation(
    trpc.connection.connectSandbox.mutationOptions({
      onSuccess: async (connection) => {
        queryClient.setQueryData(trpc.connection.get.queryKey({ workspaceSlug: workspace.slug }), connection);
        await queryClient.invalidateQueries({ queryKey: trpc.template.list.queryKey() });
        toast.success(t("sandbox.connected"));
      },
      onError: (error) => toast.error(describeError(error)),
    }),
  );

  return (
    <section aria-labelledby="connect-title" className="space-y-4">
      <div>
        <h2 id="connect-title" className="text-base font-semibold">
          {t("title")}
        </h2>
        <p className="mt-0.5 text-sm text-slate-500">{t("subtitle")}</p>
      </div>
      <div className="grid gap-4 md:grid-cols-3">
        <Option
          icon={FlaskConical}
          title={t("sandbox.title")}
          body={t("sandbox.body")}
          testId="connect-sandbox-card"
          action={
            <Button
              data-testid="connect-sandbox"
              disabled={sandbox.isPending}
              onClick={() => sandbox.mutate({ workspaceSlug: workspace.slug })}
            >
              {sandbox.isPending ? <Loader2 aria-hidden className="size-4 animate-spin" /> : null}
              {sandbox.isPending ? t("sandbox.connecting") : t("sandbox.action")}
            </Button>
          }
        />
        <Option
          icon={KeyRound}
          title={t("manual.title")}
          body={t("manual.body")}
          testId="connect-manual-card"
          action={
            <Button
              variant="secondary"
              data-testid="connect-manual"
              aria-expanded={manual}
              aria-controls="manual-connect"
              onClick={() => setManual((open) => !open)}
            >
              {manual ? t("manual.hide") : t("manual.action")}
            </Button>
          }
        />
        <Option
          icon={Sparkles}
          title={t("embedded.title")}
          body={t("embedded.body")}
          testId="connect-embedded-card"
          muted
          action={
            <Button variant="secondary" disabled aria-describedby="embedded-note">
              {t("embedded.action")}
            </Button>
          }
          note={<span id="embedded-note">{t("embedded.note")}</span>}
        />
      </div>
      {manual ? (
        <div id="manual-connect">
          <ManualConnectForm onCancel={() => setManual(false)} />
        </div>
      ) : null}
    </section>
  );
}

function Option({
  icon: Icon,
  title,
  body,
  action,
  note,
  muted = false,
  testId,
}: {
  icon: LucideIcon;
  title: string;
  body: string;
  action: ReactNode;
  note?: ReactNode;
  muted?: boolean;
  testId: string;
}) {
  return (
    <Card data-testid={testId} className={muted ? "flex flex-col bg-slate-50 p-5" : "flex flex-col p-5"}>
      <span
        className={
          muted
            ? "flex size-10 items-center justify-center rounded-lg bg-slate-200 text-slate-500"
            : "flex size-10 items-center justify-center rounded-lg bg-brand-50 text-brand-700"
        }
      >
        <Icon aria-hidden className="size-5" />
      </span>
      <h3 className="mt-3 text-sm font-semibold text-slate-900">{title}</h3>
      <p className="mt-1 flex-1 text-sm text-slate-600">{body}</p>
      <div className="mt-4">{action}</div>
      {note ? <p className="mt-2 text-xs text-slate-500">{note}</p> : null}
    </Card>
  );
}
