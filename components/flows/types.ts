import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

/** A row of the flows list, as flow.list returns it. */
export type FlowListItem = inferRouterOutputs<AppRouter>["flow"]["list"]["items"][number];
