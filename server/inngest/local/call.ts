import type { RunEvent, Op, SerializedError } from "./protocol";
import { opsSchema, toSerializedError } from "./protocol";
import { parseRetryAfter } from "./time";

/**
 * One HTTP call to a function (INNGEST-PROTOCOL.md §3–§4) and what its answer means. Never sends `fn_id`
 * (that turns on checkpointing, §8) and always `use_api: false`.
 */
export interface CallRequest {
  url: string;
  /** null: discovery (`stepId=step`). */
  stepId: string | null;
  event: RunEvent;
  steps: Record<string, unknown>;
  stack: string[];
  runId: string;
  attempt: number;
  maxAttempts: number;
  disableImmediateExecution: boolean;
}

export type CallOutcome =
  | { kind: "complete"; output: unknown }
  | { kind: "ops"; ops: Op[]; retryAfterMs?: number }
  | { kind: "fail"; error: SerializedError }
  | { kind: "retry"; error: SerializedError; retryAfterMs?: number };

export function callUrl(url: string, stepId: string | null): string {
  const target = new URL(url);
  target.searchParams.set("stepId", stepId ?? "step");
  return target.toString();
}

export function callBody(request: CallRequest): string {
  return JSON.stringify({
    version: 2,
    event: request.event,
    events: [request.event],
    steps: request.steps,
    ctx: {
      run_id: request.runId,
      attempt: request.attempt,
      max_attempts: request.maxAttempts,
      disable_immediate_execution: request.disableImmediateExecution,
      use_api: false,
      stack: { stack: request.stack, current: request.stack.length },
    },
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export async function performCall(
  request: CallRequest,
  options: { signal: AbortSignal; now: () => Date },
): Promise<CallOutcome> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(callUrl(request.url, request.stepId), {
      method: "POST",
      // identity: the app and the executor share a machine, and compressing every step answer only costs CPU.
      headers: {
        "content-type": "application/json",
        "accept-encoding": "identity",
        "x-inngest-server-kind": "dev",
      },
      body: callBody(request),
      signal: options.signal,
    });
    text = await response.text();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      kind: "retry",
      error: { name: "Error", message: `The call to the function failed: ${message}` },
    };
  }
  const body = parseJson(text);
  const noRetry = response.headers.get("x-inngest-no-retry") === "true";
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), options.now());

  if (response.status === 200) return { kind: "complete", output: body };
  if (response.status === 206) {
    const ops = opsSchema.safeParse(body);
    if (!ops.success) {
      return {
        kind: "retry",
        error: { name: "Error", message: "The function answered 206 without valid ops" },
      };
    }
    return { kind: "ops", ops: ops.data, retryAfterMs };
  }
  const error = toSerializedError(body, `The function answered HTTP ${response.status}`);
  if (noRetry) return { kind: "fail", error };
  return { kind: "retry", error, retryAfterMs };
}
