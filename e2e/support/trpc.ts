import type { APIRequestContext } from "@playwright/test";

/** What a caller sees of a tRPC answer: the HTTP status, the raw body, and the tRPC error code if any. */
export interface TrpcAnswer {
  status: number;
  text: string;
  /** `error.json.data.code` of an error answer (FORBIDDEN, NOT_FOUND…), null on success. */
  errorCode: string | null;
  /** `result.data.json` of a successful answer. */
  data: unknown;
}

interface WireBody {
  result?: { data?: { json?: unknown } };
  error?: { json?: { data?: { code?: string } } };
}

function parse(text: string): WireBody {
  try {
    return JSON.parse(text) as WireBody;
  } catch {
    return {};
  }
}

/**
 * Calls a tRPC mutation over plain HTTP, the way a script would, bypassing the UI's guards. Pass
 * `page.request` to act with that page's session cookies, or the `request` fixture to act signed out.
 * Input goes in superjson's wire format, `{ json: input }`, without batching.
 */
export async function trpcMutation(
  request: APIRequestContext,
  procedure: string,
  input: unknown,
): Promise<TrpcAnswer> {
  const response = await request.post(`/api/trpc/${procedure}`, {
    headers: { "content-type": "application/json" },
    data: JSON.stringify({ json: input }),
  });
  const text = await response.text();
  const body = parse(text);
  return {
    status: response.status(),
    text,
    errorCode: body.error?.json?.data?.code ?? null,
    data: body.result?.data?.json ?? null,
  };
}
