import type { SandboxContext } from "./context";
import { faultPhase } from "./faults";
import { handleAccountRoute, handleDebugToken, handleOauthAccessToken } from "./graph-accounts";
import { handleMessages } from "./graph-messages";
import { GraphFailure, invalidParam, invalidToken, noAccess, unknownPath } from "./meta-errors";
import { isRecord, type Json } from "./send-rules";
import type { PhoneRecord, TokenRecord } from "./store";
import { isFaultKind, type FaultKind } from "./types";

/**
 * The Graph API router: `https?://<any host>/<version>/…`. Order of checks, as Meta's: request-level
 * faults, then the token, then access to the object, then the body; send-level faults and limits last.
 */

export const FAULT_HEADER = "x-sandbox-fault";
/** A held ("timeout" fault) request is answered 504 after this long if nobody gave up on it first. */
const MAX_HOLD_MS = 10 * 60 * 1000;

export interface GraphRequest {
  request: Request;
  url: URL;
  method: string;
  path: string;
  /** Fault asked for by the X-Sandbox-Fault header. */
  headerFault?: FaultKind;
}

export function createGraphHandler(
  ctx: SandboxContext,
): (request: Request, signal?: AbortSignal) => Promise<Response> {
  return async (request, signal) => {
    try {
      return await route(ctx, request, signal ?? request.signal);
    } catch (error) {
      if (error instanceof GraphFailure) return error.toResponse();
      if (signal?.aborted || request.signal.aborted) throw error;
      ctx.log(
        `sandbox bug answering ${request.method} ${request.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return new GraphFailure(
        500,
        2,
        "An unexpected error has occurred. Please retry your request later.",
        undefined,
        {
          whatsapp: false,
        },
      ).toResponse();
    }
  };
}

async function route(ctx: SandboxContext, request: Request, signal: AbortSignal): Promise<Response> {
  const url = new URL(request.url);
  const method = request.method.toUpperCase();
  const [version, ...rest] = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  if (!version || !/^v\d+\.\d+$/.test(version)) throw unknownPath(method, url.pathname);
  const path = `/${rest.join("/")}`;
  const header = request.headers.get(FAULT_HEADER) ?? undefined;
  if (header !== undefined && !isFaultKind(header))
    throw new GraphFailure(
      400,
      100,
      `Unknown ${FAULT_HEADER}: ${header}`,
      `${FAULT_HEADER} must be a sandbox fault kind`,
    );
  const graph: GraphRequest = { request, url, method, path, headerFault: header };

  const [first, second, third] = rest;
  const phoneId = first !== undefined && ctx.store.phones.has(first) ? first : undefined;
  const fault = requestFault(ctx, graph, phoneId);
  if (fault) return injectRequestFault(ctx, fault, signal);

  if (first === "oauth" && second === "access_token" && third === undefined && method === "GET")
    return handleOauthAccessToken(ctx, url);
  if (first === "debug_token" && second === undefined && method === "GET") return handleDebugToken(ctx, url);
  if (first === undefined || third !== undefined) throw unknownPath(method, path);

  const token = authenticate(ctx, request, url);
  if (second === "messages" && method === "POST") {
    return handleMessages(ctx, graph, phoneFor(ctx, token, first), await readParams(request, url));
  }
  const params = method === "GET" ? queryParams(url) : await readParams(request, url);
  return handleAccountRoute(ctx, graph, token, first, second, params);
}

function requestFault(
  ctx: SandboxContext,
  graph: GraphRequest,
  phoneNumberId: string | undefined,
): FaultKind | undefined {
  if (graph.headerFault && faultPhase(graph.headerFault) === "request") return graph.headerFault;
  return ctx.faults.take("request", { path: graph.path, phoneNumberId });
}

async function injectRequestFault(
  ctx: SandboxContext,
  fault: FaultKind,
  signal: AbortSignal,
): Promise<Response> {
  switch (fault) {
    case "http_429":
      throw new GraphFailure(
        429,
        4,
        "Application request limit reached",
        "Too many API calls in a short time.",
      );
    case "server_500":
      throw new GraphFailure(
        500,
        131000,
        "Something went wrong",
        "Something went wrong. Please try again later.",
      );
    case "token_190":
      throw invalidToken("Error validating access token: Session has expired.", 463);
    default:
      await hold(ctx, signal);
      signal.throwIfAborted();
      return new Response("Gateway Timeout", { status: 504 });
  }
}

/** Holds the answer until the caller gives up (its signal aborts) or the sandbox closes. */
function hold(ctx: SandboxContext, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const release = () => {
      signal.removeEventListener("abort", release);
      clearTimeout(timer);
      ctx.holds.delete(release);
      resolve();
    };
    const timer = setTimeout(release, MAX_HOLD_MS);
    timer.unref();
    signal.addEventListener("abort", release);
    ctx.holds.add(release);
  });
}

/** The bearer token (or `access_token` query parameter); 401 code 190 when missing, malformed or unknown. */
function authenticate(ctx: SandboxContext, request: Request, url: URL): TokenRecord {
  const header = request.headers.get("authorization");
  let token: string | undefined;
  if (header !== null) {
    const match = /^Bearer +([^\s]+)$/i.exec(header.trim());
    if (!match) throw invalidToken("Invalid OAuth access token - Cannot parse access token");
    token = match[1];
  } else {
    token = url.searchParams.get("access_token") ?? undefined;
  }
  if (!token)
    throw invalidToken("An active access token must be used to query information about the current user.");
  const record = ctx.store.tokens.get(token);
  if (!record) throw invalidToken("Invalid OAuth access token - Cannot parse access token");
  return record;
}

export function phoneFor(ctx: SandboxContext, token: TokenRecord, id: string): PhoneRecord {
  const phone = ctx.store.phones.get(id);
  if (!phone || !token.wabaIds.includes(phone.wabaId)) throw noAccess(id, "phone number");
  return phone;
}

function queryParams(url: URL): Json {
  const params: Json = {};
  for (const [key, value] of url.searchParams) if (key !== "access_token") params[key] = value;
  return params;
}

/** JSON or form bodies, as Graph accepts both; query parameters fill in what the body does not set. */
async function readParams(request: Request, url: URL): Promise<Json> {
  const params = queryParams(url);
  const text = await request.text();
  if (text.trim() === "") return params;
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/x-www-form-urlencoded")) {
    for (const [key, value] of new URLSearchParams(text)) params[key] = formValue(value);
    return params;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalidParam("body", "must be valid JSON.");
  }
  if (!isRecord(body)) throw invalidParam("body", "must be a JSON object.");
  return { ...params, ...body };
}

/** Graph decodes JSON-looking form values (`components=[…]`). */
function formValue(value: string): unknown {
  if (!/^[[{]/.test(value.trim())) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
