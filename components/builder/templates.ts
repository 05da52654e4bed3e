"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import type { AppRouter } from "@/server/api/root";

export type WorkspaceTemplate = inferRouterOutputs<AppRouter>["template"]["list"][number];

/** The workspace's message templates (every status): validation context and the template picker. */
export function useWorkspaceTemplates() {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  return useQuery(
    trpc.template.list.queryOptions(
      { workspaceSlug: slug },
      { staleTime: 60_000, refetchOnWindowFocus: true },
    ),
  );
}

export function findTemplate(
  templates: readonly WorkspaceTemplate[] | undefined,
  name: string,
  language: string,
): WorkspaceTemplate | undefined {
  return templates?.find((t) => t.name === name && t.language === language);
}
