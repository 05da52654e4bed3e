import "server-only";
import { z } from "zod";
import { describeMetaError, TIMEOUT_ERROR_CODE, type MetaErrorInfo } from "@/lib/whatsapp/errors";
import { decryptSecret, type Keyring } from "@/server/crypto";

/**
 * Typed calls to Meta's Graph API (../shared/WHATSAPP.md) over fetch: production Meta, the standalone
 * sandbox, or the in-process sandbox through `options.fetch`. Every failure is a GraphError carrying
 * Meta's code and its classification from lib/whatsapp/errors.ts. Tokens are decrypted right before a
 * call and never appear in errors or logs.
 */

export interface GraphClientOptions {
  /** e.g. https://graph.facebook.com */
  baseUrl: string;
  /** e.g. "v25.0" */
  version: string;
  fetch?: typeof fetch;
  /** Default 15000. */
  timeoutMs?: number;
  /** Opens sealed tokens; default: the TOKEN_ENCRYPTION_KEY keyring. */
  keyring?: Keyring;
}

/** A sealed token (as stored) is decrypted just before the call; a plain one is used as is. */
export type GraphCredentials = { sealedToken: string } | { token: string };

const DEFAULT_TIMEOUT_MS = 15_000;

export class GraphError extends Error {
  readonly httpStatus: number;
  readonly code: number;
  readonly subcode?: number;
  /** Meta's message without its `(#code)` prefix, or its user-facing title. */
  readonly title?: string;
  /** `error_data.details`: usually the most precise explanation Meta gives. */
  readonly details?: string;
  readonly fbtraceId?: string;
  readonly info: MetaErrorInfo;

  constructor(input: {
    httpStatus: number;
    code?: number;
    subcode?: number;
    title?: string;
    details?: string;
    fbtraceId?: string;
  }) {
    const info = describeMetaError(input.code, input.httpStatus);
    super(
      `Graph API error ${input.code ?? info.code} (HTTP ${input.httpStatus}): ${input.title ?? info.title}`,
    );
    this.name = "GraphError";
    this.httpStatus = input.httpStatus;
    this.code = input.code ?? info.code;
    this.subcode = input.subcode;
    this.title = input.title;
    this.details = input.details;
    this.fbtraceId = input.fbtraceId;
    this.info = info;
  }

  get retryable(): boolean {
    return this.info.retryable;
  }
}

/* ── response shapes ─────────────────────────────────────────────────────────── */

const metaErrorSchema = z
  .object({
    message: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    error_user_title: z.string().optional(),
    error_user_msg: z.string().optional(),
    error_data: z.object({ details: z.string().optional() }).loose().optional(),
    fbtrace_id: z.string().optional(),
  })
  .loose();

const sendResponseSchema = z.object({
  contacts: z.array(z.object({ input: z.string().optional(), wa_id: z.string().optional() })).optional(),
  messages: z.array(z.object({ id: z.string(), message_status: z.string().optional() })).min(1),
});

const successSchema = z.object({ success: z.literal(true) }).loose();

/** A template as Meta lists it; `parameter_format` comes back upper-case (POSITIONAL / NAMED). */
const metaTemplateSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    language: z.string(),
    status: z.string(),
    category: z.string(),
    parameter_format: z.string().optional(),
    components: z.array(z.record(z.string(), z.unknown())).optional(),
  })
  .loose();
export type MetaTemplate = z.infer<typeof metaTemplateSchema>;

const templatePageSchema = z.object({
  data: z.array(metaTemplateSchema),
  paging: z
    .object({
      cursors: z.object({ after: z.string().optional() }).loose().optional(),
      next: z.string().optional(),
    })
    .loose()
    .optional(),
});

const phoneNumberSchema = z
  .object({
    id: z.string(),
    display_phone_number: z.string(),
    verified_name: z.string().optional(),
    code_verification_status: z.string().optional(),
    quality_rating: z.string().optional(),
    platform_type: z.string().optional(),
    throughput: z.object({ level: z.string().optional() }).loose().optional(),
    messaging_limit_tier: z.string().optional(),
    name_status: z.string().optional(),
    status: z.string().optional(),
  })
  .loose();
export type PhoneNumberInfo = z.infer<typeof phoneNumberSchema>;

const PHONE_FIELDS = [
  "id",
  "display_phone_number",
  "verified_name",
  "code_verification_status",
  "quality_rating",
  "platform_type",
  "throughput",
  "messaging_limit_tier",
  "name_status",
  "status",
].join(",");
const TEMPLATE_FIELDS = "name,status,language,category,components,parameter_format,id";

const createdTemplateSchema = z.object({ id: z.string(), status: z.string(), category: z.string() });

const debugTokenSchema = z.object({
  data: z
    .object({
      is_valid: z.boolean(),
      app_id: z.string().optional(),
      scopes: z.array(z.string()).optional(),
      granular_scopes: z
        .array(z.object({ scope: z.string(), target_ids: z.array(z.string()).optional() }))
        .optional(),
      expires_at: z.number().optional(),
    })
    .loose(),
});

export interface TokenInfo {
  isValid: boolean;
  appId?: string;
  scopes: string[];
  granularScopes: { scope: string; target_ids?: string[] }[];
  /** Absent for tokens that never expire (Meta says 0). */
  expiresAt?: Date;
}

export interface SentMessageRef {
  wamid: string;
  waId?: string;
  input?: string;
  messageStatus?: string;
}

export interface GraphClient {
  sendMessage(creds: GraphCredentials, phoneNumberId: string, body: object): Promise<SentMessageRef>;
  markRead(creds: GraphCredentials, phoneNumberId: string, wamid: string): Promise<void>;
  /** One page; `next` is the cursor to pass as `after` for the following page, absent on the last. */
  listTemplates(
    creds: GraphCredentials,
    wabaId: string,
    page?: { limit?: number; after?: string },
  ): Promise<{ data: MetaTemplate[]; next?: string }>;
  createTemplate(
    creds: GraphCredentials,
    wabaId: string,
    body: object,
  ): Promise<{ id: string; status: string; category: string }>;
  deleteTemplate(creds: GraphCredentials, wabaId: string, name: string, hsmId?: string): Promise<void>;
  listPhoneNumbers(creds: GraphCredentials, wabaId: string): Promise<PhoneNumberInfo[]>;
  getPhoneNumber(creds: GraphCredentials, phoneNumberId: string): Promise<PhoneNumberInfo>;
  registerPhoneNumber(creds: GraphCredentials, phoneNumberId: string, pin: string): Promise<void>;
  subscribeApp(creds: GraphCredentials, wabaId: string): Promise<void>;
  exchangeCode(input: {
    appId: string;
    appSecret: string;
    code: string;
    redirectUri?: string;
  }): Promise<{ accessToken: string }>;
  debugToken(input: { inputToken: string; appId: string; appSecret: string }): Promise<TokenInfo>;
}

/* ── the client ──────────────────────────────────────────────────────────────── */

interface Call {
  method: "GET" | "POST" | "DELETE";
  path: string;
  creds?: GraphCredentials;
  query?: Record<string, string | number | undefined>;
  body?: object;
}

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const base = `${options.baseUrl.replace(/\/+$/, "")}/${options.version}`;
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const tokenOf = (creds: GraphCredentials): string =>
    "sealedToken" in creds ? decryptSecret(creds.sealedToken, options.keyring) : creds.token;

  async function call<T>(request: Call, schema: z.ZodType<T>): Promise<T> {
    const url = new URL(`${base}/${request.path}`);
    for (const [key, value] of Object.entries(request.query ?? {}))
      if (value !== undefined) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { accept: "application/json" };
    if (request.creds) headers.authorization = `Bearer ${tokenOf(request.creds)}`;
    if (request.body) headers["content-type"] = "application/json";

    let status: number;
    let text: string;
    try {
      const response = await fetchImpl(url, {
        method: request.method,
        headers,
        body: request.body ? JSON.stringify(request.body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      // Timeouts, aborts and network failures: Meta never answered, so the call may be retried.
      const reason = error instanceof Error ? error.name : "network error";
      throw new GraphError({
        httpStatus: 0,
        code: TIMEOUT_ERROR_CODE,
        title: `No answer from the Graph API (${reason})`,
      });
    }

    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new GraphError({
        httpStatus: status,
        title: "The Graph API answered with something other than JSON",
        details: text.slice(0, 200),
      });
    }
    const failure = z.object({ error: metaErrorSchema }).safeParse(json);
    if (failure.success || status < 200 || status > 299)
      throw errorFrom(status, failure.success ? failure.data.error : undefined);
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new GraphError({
        httpStatus: status,
        title: "Unexpected answer from the Graph API",
        details: parsed.error.issues[0]?.message,
      });
    return parsed.data;
  }

  return {
    async sendMessage(creds, phoneNumberId, body) {
      const sent = await call(
        { method: "POST", path: `${phoneNumberId}/messages`, creds, body },
        sendResponseSchema,
      );
      const [message] = sent.messages;
      const contact = sent.contacts?.[0];
      if (!message) throw new GraphError({ httpStatus: 200, title: "The Graph API returned no message id" });
      return {
        wamid: message.id,
        waId: contact?.wa_id,
        input: contact?.input,
        messageStatus: message.message_status,
      };
    },

    async markRead(creds, phoneNumberId, wamid) {
      await call(
        {
          method: "POST",
          path: `${phoneNumberId}/messages`,
          creds,
          body: { messaging_product: "whatsapp", status: "read", message_id: wamid },
        },
        successSchema,
      );
    },

    async listTemplates(creds, wabaId, page = {}) {
      const result = await call(
        {
          method: "GET",
          path: `${wabaId}/message_templates`,
          creds,
          query: { fields: TEMPLATE_FIELDS, limit: page.limit, after: page.after },
        },
        templatePageSchema,
      );
      const next = result.paging?.next ? result.paging.cursors?.after : undefined;
      return { data: result.data, next };
    },

    async createTemplate(creds, wabaId, body) {
      return call(
        { method: "POST", path: `${wabaId}/message_templates`, creds, body },
        createdTemplateSchema,
      );
    },

    async deleteTemplate(creds, wabaId, name, hsmId) {
      await call(
        { method: "DELETE", path: `${wabaId}/message_templates`, creds, query: { name, hsm_id: hsmId } },
        successSchema,
      );
    },

    async listPhoneNumbers(creds, wabaId) {
      const result = await call(
        { method: "GET", path: `${wabaId}/phone_numbers`, creds, query: { fields: PHONE_FIELDS } },
        z.object({ data: z.array(phoneNumberSchema) }),
      );
      return result.data;
    },

    async getPhoneNumber(creds, phoneNumberId) {
      return call(
        { method: "GET", path: phoneNumberId, creds, query: { fields: PHONE_FIELDS } },
        phoneNumberSchema,
      );
    },

    async registerPhoneNumber(creds, phoneNumberId, pin) {
      await call(
        {
          method: "POST",
          path: `${phoneNumberId}/register`,
          creds,
          body: { messaging_product: "whatsapp", pin },
        },
        successSchema,
      );
    },

    async subscribeApp(creds, wabaId) {
      await call({ method: "POST", path: `${wabaId}/subscribed_apps`, creds }, successSchema);
    },

    async exchangeCode({ appId, appSecret, code, redirectUri }) {
      const result = await call(
        {
          method: "GET",
          path: "oauth/access_token",
          query: { client_id: appId, client_secret: appSecret, code, redirect_uri: redirectUri },
        },
        z.object({ access_token: z.string() }).loose(),
      );
      return { accessToken: result.access_token };
    },

    async debugToken({ inputToken, appId, appSecret }) {
      const { data } = await call(
        {
          method: "GET",
          path: "debug_token",
          query: { input_token: inputToken, access_token: `${appId}|${appSecret}` },
        },
        debugTokenSchema,
      );
      return {
        isValid: data.is_valid,
        appId: data.app_id,
        scopes: data.scopes ?? [],
        granularScopes: data.granular_scopes ?? [],
        expiresAt: data.expires_at ? new Date(data.expires_at * 1000) : undefined,
      };
    },
  };
}

function errorFrom(status: number, error: z.infer<typeof metaErrorSchema> | undefined): GraphError {
  const message = error?.message?.replace(/^\(#\d+\)\s*/, "");
  return new GraphError({
    httpStatus: status,
    code: error?.code,
    subcode: error?.error_subcode,
    title: error?.error_user_title ?? message,
    details: error?.error_data?.details ?? error?.error_user_msg,
    fbtraceId: error?.fbtrace_id,
  });
}
