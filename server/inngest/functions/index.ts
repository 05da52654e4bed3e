import "server-only";
import type { Inngest } from "inngest";
import { createRunFlow } from "./run-flow";

/** Every function the app serves at /api/inngest. */
export function appFunctions(client: Inngest) {
  return [createRunFlow(client)];
}
