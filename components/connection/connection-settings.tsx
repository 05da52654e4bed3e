"use client";

import { useQuery } from "@tanstack/react-query";
import { Plug } from "lucide-react";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { useErrorMessage } from "@/components/ui/use-error-message";
import { ConnectOptions } from "./connect-options";
import { ConnectionDetails } from "./connection-details";

/** Settings → WhatsApp: how the workspace sends, or the ways to connect a sender. */
export function ConnectionSettings() {
  const t = useTranslations("channel.connection");
  const tc = useTranslations("common");
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const describeError = useErrorMessage();
  const connection = useQuery(trpc.connection.get.queryOptions({ workspaceSlug: workspace.slug }));

  if (connection.isPending) return <LoadingState label={t("loading")} />;
  if (connection.isError) {
    return (
      <ErrorState
        title={t("loadError")}
        message={describeError(connection.error)}
        action={
          <Button variant="secondary" onClick={() => void connection.refetch()}>
            {tc("retry")}
          </Button>
        }
      />
    );
  }
  if (connection.data) return <ConnectionDetails connection={connection.data} />;
  if (workspace.can("admin")) return <ConnectOptions />;
  return (
    <div data-testid="connection-readonly">
      <EmptyState icon={Plug} title={t("notConnectedTitle")} description={t("notConnectedViewer")} />
    </div>
  );
}
