"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useErrorMessage } from "@/components/ui/use-error-message";
import { downloadTextFile } from "./download";
import type { FlowListItem } from "./types";

function reasonOf(error: unknown): unknown {
  return (error as { data?: { details?: { reason?: unknown } | null } | null }).data?.details?.reason;
}

/** What the row menu does to one flow, each with its toast; the list refreshes after every change. */
export function useFlowActions(flow: Pick<FlowListItem, "id" | "name">) {
  const t = useTranslations("flows.actions");
  const workspace = useWorkspace();
  const router = useRouter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describeError = useErrorMessage();
  const target = { workspaceSlug: workspace.slug, flowId: flow.id };
  const builderUrl = (id: string) => `/w/${workspace.slug}/flows/${id}`;
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.flow.list.queryKey() });
  const fail = (error: unknown) => toast.error(describeError(error));

  const archive = useMutation(
    trpc.flow.archive.mutationOptions({
      onSuccess: async (_data, { archived }) => {
        await refresh();
        toast.success(archived ? t("archived", { name: flow.name }) : t("unarchived", { name: flow.name }), {
          action: {
            label: t("undo"),
            onClick: () => archive.mutate({ ...target, archived: !archived }),
          },
        });
      },
      onError: fail,
    }),
  );

  const duplicate = useMutation(
    trpc.flow.duplicate.mutationOptions({
      onSuccess: async (copy) => {
        await refresh();
        toast.success(t("duplicated", { name: flow.name }), {
          action: { label: t("open"), onClick: () => router.push(builderUrl(copy.id)) },
        });
      },
      onError: fail,
    }),
  );

  const remove = useMutation(
    trpc.flow.delete.mutationOptions({
      onSuccess: async () => {
        await refresh();
        toast.success(t("deleted", { name: flow.name }));
      },
      onError: (error) => {
        // it was published after the list was loaded: its history must stay, so offer to archive it
        if (reasonOf(error) === "published") {
          void refresh();
          toast.error(t("deletePublishedRefused"), {
            action: {
              label: t("archiveInstead"),
              onClick: () => archive.mutate({ ...target, archived: true }),
            },
          });
        } else fail(error);
      },
    }),
  );

  const exportJson = useMutation({
    mutationFn: () => queryClient.fetchQuery({ ...trpc.flow.export.queryOptions(target), staleTime: 0 }),
    onSuccess: ({ fileName, content }) => {
      downloadTextFile(fileName, `${JSON.stringify(content, null, 2)}\n`);
      toast.success(t("exported", { fileName }));
    },
    onError: fail,
  });

  return {
    archive: (archived: boolean) => archive.mutate({ ...target, archived }),
    duplicate: () => duplicate.mutate(target),
    remove: () => remove.mutate(target),
    exportJson: () => exportJson.mutate(),
    pending: archive.isPending || duplicate.isPending || remove.isPending || exportJson.isPending,
  };
}
