import { INTERPOLATION_ROOTS, type InterpolationRoot } from "./types";

/**
 * `{{ root.path.to.value }}` expressions in texts and template variables. The validator reports the
 * malformed ones before publishing; at run time `render` fills the well-formed ones from the run's scope
 * and lists the values it could not find, so the engine can fail the run with a reason instead of
 * sending "Hi , your order  has shipped".
 */

/** What an expression may read at run time: the triggering event, the contact, the last reply. */
export type InterpolationScope = Partial<Record<InterpolationRoot, unknown>>;

export type ExpressionProblem = "unclosed" | "empty" | "invalid" | "unknown_root";

export interface Expression {
  /** The expression as written, braces included (up to the end of the text when unclosed). */
  raw: string;
  /** Offsets in the text: `text.slice(start, end) === raw`. */
  start: number;
  end: number;
  /** The trimmed inside, e.g. `event.order.id` (empty when `problem` is "empty"). */
  path: string;
  /** The first segment, e.g. `event`. */
  root: string;
  /** The segments after the root, e.g. `["order", "id"]`. */
  segments: string[];
  /** Set when the expression cannot be rendered; absent on a well-formed expression with a known root. */
  problem?: ExpressionProblem;
}

const OPEN = "{{";
const CLOSE = "}}";
/** A root (a name) followed by dotted segments of letters, digits, `_` or `-` (digits index arrays). */
const PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)*$/;
const ROOTS: ReadonlySet<string> = new Set(INTERPOLATION_ROOTS);

export function isInterpolationRoot(root: string): root is InterpolationRoot {
  return ROOTS.has(root);
}

export type PathProblem = "missing" | "invalid" | "unknown_root";

/** Checks a bare path (`event.order.id`, no braces), as conditions and delays take it. */
export function checkPath(
  path: string,
  roots: readonly string[] = INTERPOLATION_ROOTS,
): PathProblem | undefined {
  const trimmed = path.trim();
  if (trimmed === "") return "missing";
  if (!PATH.test(trimmed)) return "invalid";
  const root = trimmed.split(".", 1)[0] ?? "";
  return roots.includes(root) ? undefined : "unknown_root";
}

/** Every `{{…}}` in `text`, in order, malformed ones included. */
export function findExpressions(text: string): Expression[] {
  const found: Expression[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf(OPEN, from);
    if (start === -1) return found;
    const close = text.indexOf(CLOSE, start + OPEN.length);
    const reopen = text.indexOf(OPEN, start + OPEN.length);
    if (close === -1 || (reopen !== -1 && reopen < close)) {
      // `{{` with no `}}` before the next `{{` (or the end): report it and read on from the next one.
      const end = reopen === -1 ? text.length : reopen;
      found.push({
        raw: text.slice(start, end),
        start,
        end,
        path: "",
        root: "",
        segments: [],
        problem: "unclosed",
      });
      if (reopen === -1) return found;
      from = reopen;
      continue;
    }
    const end = close + CLOSE.length;
    found.push(
      expressionAt(text.slice(start, end), start, end, text.slice(start + OPEN.length, close).trim()),
    );
    from = end;
  }
}

function expressionAt(raw: string, start: number, end: number, path: string): Expression {
  if (path === "") return { raw, start, end, path, root: "", segments: [], problem: "empty" };
  if (!PATH.test(path)) return { raw, start, end, path, root: "", segments: [], problem: "invalid" };
  const [root = "", ...segments] = path.split(".");
  const expression: Expression = { raw, start, end, path, root, segments };
  if (!isInterpolationRoot(root)) expression.problem = "unknown_root";
  return expression;
}

/**
 * The value at a dotted path (`event.order.id`, `event.items.0.sku`), or undefined. Reads own properties
 * only, so `event.constructor` or `contact.__proto__` find nothing. Shared with condition rules.
 */
export function lookupPath(scope: InterpolationScope, path: string | readonly string[]): unknown {
  const segments = typeof path === "string" ? path.trim().split(".") : path;
  let current: unknown = scope;
  for (const segment of segments) {
    if (current === null || typeof current !== "object") return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** How a value reads inside a message: strings as they are, numbers and booleans as text, objects as JSON. */
export function stringifyValue(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  if (typeof value === "object") {
    try {
      return JSON.stringify(value);
    } catch {
      // A cyclic object cannot come from JSON input; treat it as absent rather than throw mid-run.
      return undefined;
    }
  }
  return undefined;
}

export interface RenderResult {
  text: string;
  /** Paths (`event.order.id`) whose value is absent (undefined or null), each once, in order of appearance. */
  missing: string[];
}

/**
 * Fills every well-formed expression from `scope`. A missing value renders as "" and is listed in
 * `missing`; malformed expressions stay as written (the validator refuses them before publishing).
 */
export function render(text: string, scope: InterpolationScope): RenderResult {
  const expressions = findExpressions(text);
  if (expressions.length === 0) return { text, missing: [] };
  const missing: string[] = [];
  let out = "";
  let last = 0;
  for (const expression of expressions) {
    if (expression.problem) continue;
    const value = stringifyValue(lookupPath(scope, [expression.root, ...expression.segments]));
    if (value === undefined && !missing.includes(expression.path)) missing.push(expression.path);
    out += text.slice(last, expression.start) + (value ?? "");
    last = expression.end;
  }
  return { text: out + text.slice(last), missing };
}
