/**
 * Which translated sentence spells out a run failure from its code and params (lib/flow/engine-failures.ts
 * EngineFailureParams): a key under `runs.failureDetails` with its values, Meta's explanation of a refused
 * send (`metaErrors`), or the send service's reason (`errors.reason`). Null when the params do not fit
 * (a row written before params were kept, or a code this build does not know): the English message then
 * stays the detail.
 */
export type FailureDetailSource =
  | { kind: "detail"; key: string; values: Record<string, string | number> }
  | { kind: "meta"; code: number }
  | { kind: "reason"; reason: string };

const text = (value: unknown): string | null =>
  typeof value === "string" ? value : typeof value === "number" ? String(value) : null;

/** The values a sentence needs, or null when one is missing. */
function pick(params: Record<string, unknown>, names: readonly string[]): Record<string, string> | null {
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = text(params[name]);
    if (value === null) return null;
    values[name] = value;
  }
  return values;
}

function detail(key: string, values: Record<string, string | number> | null): FailureDetailSource | null {
  return values ? { kind: "detail", key, values } : null;
}

/** Codes whose sentence needs exactly these params, as strings. */
const PLAIN: Record<string, readonly string[]> = {
  empty_variable: ["field", "expression"],
  variable_unmapped: ["field"],
  message_empty: ["field"],
  message_too_long: ["field", "length", "max"],
  until_missing: ["path"],
  until_invalid: ["path", "value"],
  step_limit: ["limit"],
  filter_not_matched: ["eventName"],
  node_missing: ["nodeId"],
  unknown_node_type: ["type"],
  invalid_config: ["type", "detail"],
  version_unsupported: ["version", "supported"],
  state_invalid: ["detail"],
  engine_error: ["detail"],
};

export function failureDetailSource(
  code: string | null | undefined,
  params: Record<string, unknown> | null | undefined,
): FailureDetailSource | null {
  if (!code || !params) return null;
  switch (code) {
    case "missing_variable": {
      const paths = Array.isArray(params.paths) ? params.paths.filter((p) => typeof p === "string") : [];
      const values = pick(params, ["field", "expression"]);
      return paths.length > 0 && values ? detail(code, { ...values, paths: paths.join(", ") }) : null;
    }
    case "outside_window": {
      const at = params.lastInboundAt;
      if (at === null) return detail("outside_window_never", {});
      return typeof at === "number" ? detail(code, { at }) : null;
    }
    case "template_unavailable": {
      const values = pick(params, ["template", "language"]);
      if (!values) return null;
      const status = text(params.status);
      return status === null
        ? detail("template_unavailable_missing", values)
        : detail(code, { ...values, status });
    }
    case "send_failed": {
      if (typeof params.code === "number") return { kind: "meta", code: params.code };
      return typeof params.code === "string" ? { kind: "reason", reason: params.code } : null;
    }
    case "opted_out":
      return params.scope === "all" || params.scope === "marketing"
        ? detail(`opted_out_${params.scope}`, {})
        : null;
    case "cancelled":
      return typeof params.reason === "string" ? detail(code, { reason: params.reason }) : null;
    case "trigger_missing":
      return typeof params.triggerNodeId === "string"
        ? detail(code, { triggerNodeId: params.triggerNodeId })
        : null;
    default: {
      const names = PLAIN[code];
      return names ? detail(code, pick(params, names)) : null;
    }
  }
}
