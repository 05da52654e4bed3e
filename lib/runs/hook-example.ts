import {
  DEFAULT_HOOK_MAPPING,
  HOOK_SIGNATURE_HEADER,
  type HookAuthKind,
  type HookMapping,
} from "./hook-mapping";
import { parseJsonPath, type JsonPathSegment } from "./json-path";

/**
 * What the trigger panel shows an integrator: a sample body shaped by the mapping, and a curl call that
 * signs it (openssl) or sends the bearer secret. Pure, so the call is tested against the real signature.
 */

function setAt(root: Record<string, unknown>, segments: readonly JsonPathSegment[], value: unknown): unknown {
  const [head, ...rest] = segments;
  if (head === undefined) return value;
  if (typeof head === "number") {
    // Only built at the top of a fresh container: an index makes a list with the value at that place.
    const list: unknown[] = Array.from({ length: head + 1 }, () => ({}));
    list[head] = setAt({}, rest, value);
    return list;
  }
  const current = root[head];
  const container = typeof current === "object" && current !== null && !Array.isArray(current) ? current : {};
  root[head] = setAt(container as Record<string, unknown>, rest, value);
  return root;
}

/** A body the mapping reads: the sample phone and name at their paths, and an order id in the data. */
export function exampleHookBody(mapping: HookMapping = DEFAULT_HOOK_MAPPING): unknown {
  const segments = (path: string) => {
    const parsed = parseJsonPath(path);
    return parsed.ok ? parsed.segments : [];
  };
  const dataPath = mapping.data === "$" ? [] : segments(mapping.data);
  const phonePath = segments(mapping.phone);
  const namePath = mapping.name === "" || mapping.name === "$" ? [] : segments(mapping.name);
  let body: unknown = {};
  const put = (path: JsonPathSegment[], value: unknown) => {
    if (path.length === 0) return;
    body =
      typeof body === "object" && body !== null && !Array.isArray(body)
        ? setAt(body as Record<string, unknown>, path, value)
        : body;
  };
  if (dataPath.length > 0 && typeof dataPath[0] === "string") {
    put([...dataPath, "order_id"], "#1042");
  } else if (dataPath.length === 0) {
    put(["order_id"], "#1042");
  }
  if (phonePath.length > 0 && typeof phonePath[0] === "string") put(phonePath, "+966501234567");
  if (namePath.length > 0 && typeof namePath[0] === "string") put(namePath, "Sara");
  return body;
}

/** A shell word: single-quoted, with any single quote closed, escaped and reopened. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A curl call of the hook; `secret` defaults to a placeholder the reader replaces. */
export function hookCurlExample(options: {
  url: string;
  authKind: HookAuthKind;
  body: string;
  secret?: string;
}): string {
  const lines = [
    `BODY=${shellQuote(options.body)}`,
    `SECRET=${shellQuote(options.secret ?? "<your webhook secret>")}`,
  ];
  const auth =
    options.authKind === "hmac"
      ? `  -H "${HOOK_SIGNATURE_HEADER}: sha256=$(printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.* //')" \\`
      : `  -H "Authorization: Bearer $SECRET" \\`;
  return [
    ...lines,
    `curl -sS -X POST ${shellQuote(options.url)} \\`,
    `  -H 'Content-Type: application/json' \\`,
    auth,
    `  --data-binary "$BODY"`,
  ].join("\n");
}
