export { createLocalExecutor } from "./executor";
export type { LocalExecutor, LocalExecutorOptions } from "./types";
export type { ExecutorRun, ExecutorRunDetail, ListRunsFilter } from "./queries";
