import { parse } from "@marcbachmann/cel-js";

/**
 * CEL as Inngest uses it: trigger `expression`s and idempotency/concurrency/throttle keys over `event`,
 * wait and cancel `if`s over `event` (the run's trigger) and `async` (the incoming event).
 * JSON numbers are doubles, so `event.data.n == 1` holds for 1 but `event.data.n + 1` throws; a missing
 * key throws too. Both count as "no match", as in Inngest.
 */
type Compiled = ReturnType<typeof parse>;

const cache = new Map<string, Compiled | Error>();

function compile(expression: string): Compiled | Error {
  let compiled = cache.get(expression);
  if (!compiled) {
    try {
      compiled = parse(expression);
    } catch (error) {
      compiled = error instanceof Error ? error : new Error(String(error));
    }
    if (cache.size > 1000) cache.clear();
    cache.set(expression, compiled);
  }
  return compiled;
}

export type CelContext = Record<string, unknown>;

export function evaluateCel(expression: string, context: CelContext): { value: unknown } | { error: Error } {
  const compiled = compile(expression);
  if (compiled instanceof Error) return { error: compiled };
  try {
    return { value: compiled(context) };
  } catch (error) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** True only when the expression evaluates to `true`; errors (missing keys, type mismatches) are false. */
export function celMatches(expression: string, context: CelContext): boolean {
  const result = evaluateCel(expression, context);
  return "value" in result && result.value === true;
}

/** A key expression's value as a string (idempotency, concurrency, throttle); undefined when it fails. */
export function celKey(expression: string, context: CelContext): string | undefined {
  const result = evaluateCel(expression, context);
  if (!("value" in result) || result.value === undefined || result.value === null) return undefined;
  const { value } = result;
  if (typeof value === "string") return value;
  if (typeof value === "bigint" || typeof value === "number" || typeof value === "boolean")
    return String(value);
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}
