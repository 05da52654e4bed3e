/**
 * The small JSON path language of integration webhook mappings: dotted keys with `[n]` array indices and
 * an optional `$` / `$.` prefix — `phone`, `$.customer.phone`, `items[0].sku`, `$[0].id`. `$` alone (or an
 * empty path, where a mapping allows it) is the whole body. Pure: shared by the trigger panel, the
 * dry run and the public hook route.
 */

export type JsonPathSegment = string | number;

export type JsonPathProblem =
  "too_long" | "empty_segment" | "trailing_dot" | "unclosed_bracket" | "bad_index" | "unexpected_character";

export type ParsedJsonPath =
  | { ok: true; segments: JsonPathSegment[] }
  | { ok: false; problem: JsonPathProblem; position: number; message: string };

export const MAX_JSON_PATH_LENGTH = 200;
const MAX_INDEX = 1_000_000;

const problemText: Record<JsonPathProblem, string> = {
  too_long: `is longer than ${MAX_JSON_PATH_LENGTH} characters`,
  empty_segment: "has an empty key (two dots in a row, or a dot right after the $)",
  trailing_dot: "ends with a dot",
  unclosed_bracket: "has a [ without its closing ]",
  bad_index: "has an index that is not a whole number, such as [0]",
  unexpected_character: "has an unexpected character",
};

function fail(path: string, problem: JsonPathProblem, position: number): ParsedJsonPath {
  return {
    ok: false,
    problem,
    position,
    message: `The path "${path}" ${problemText[problem]} (at character ${position + 1})`,
  };
}

/** Splits a path into keys and indices, or says what is wrong with it and where. */
export function parseJsonPath(input: string): ParsedJsonPath {
  const path = input.trim();
  if (path.length > MAX_JSON_PATH_LENGTH) return fail(path, "too_long", MAX_JSON_PATH_LENGTH);
  let i = 0;
  if (path.startsWith("$")) {
    i = 1;
    if (path[1] === ".") {
      i = 2;
      if (i === path.length) return fail(path, "trailing_dot", 1);
      if (path[i] === "." || path[i] === "[") return fail(path, "empty_segment", i);
    }
  }
  const segments: JsonPathSegment[] = [];
  // After `$`, a leading `[n]`, or a key, the next thing is `.key`, `[n]` or the end.
  let expectKey = i === 0 || path[i - 1] === ".";
  while (i < path.length) {
    const char = path[i];
    if (char === "[") {
      const close = path.indexOf("]", i);
      if (close < 0) return fail(path, "unclosed_bracket", i);
      const digits = path.slice(i + 1, close).trim();
      if (!/^\d+$/.test(digits) || Number(digits) > MAX_INDEX) return fail(path, "bad_index", i + 1);
      segments.push(Number(digits));
      i = close + 1;
      expectKey = false;
      continue;
    }
    if (char === ".") {
      if (expectKey) return fail(path, "empty_segment", i);
      if (i === path.length - 1) return fail(path, "trailing_dot", i);
      i += 1;
      expectKey = true;
      continue;
    }
    if (char === "]" || !expectKey) return fail(path, "unexpected_character", i);
    let end = i;
    while (end < path.length && !".[]".includes(path.charAt(end))) end += 1;
    const key = path.slice(i, end);
    if (/\s/.test(key)) return fail(path, "unexpected_character", i + key.search(/\s/));
    segments.push(key);
    i = end;
    expectKey = false;
  }
  return { ok: true, segments };
}

/** How a path is written back: `customer.phone`, `items[0].sku` (without the `$.` prefix). */
export function formatJsonPath(segments: readonly JsonPathSegment[]): string {
  return segments
    .map((segment, index) =>
      typeof segment === "number" ? `[${segment}]` : index === 0 ? segment : `.${segment}`,
    )
    .join("");
}

export type JsonPathLookup =
  | { found: true; value: unknown }
  /** `at`: the longest prefix that exists, so a message can say where the path stopped. */
  | { found: false; at: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value at `segments` inside `root`; an absent key, a missing index or a wrong container is not found. */
export function readJsonPath(root: unknown, segments: readonly JsonPathSegment[]): JsonPathLookup {
  let current: unknown = root;
  for (const [index, segment] of segments.entries()) {
    const next =
      typeof segment === "number"
        ? Array.isArray(current) && segment < current.length
          ? { ok: true as const, value: current[segment] as unknown }
          : { ok: false as const }
        : isRecord(current) && Object.hasOwn(current, segment)
          ? { ok: true as const, value: current[segment] }
          : { ok: false as const };
    if (!next.ok) return { found: false, at: formatJsonPath(segments.slice(0, index)) };
    current = next.value;
  }
  return { found: true, value: current };
}
