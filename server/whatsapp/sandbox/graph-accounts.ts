import { scheduleTemplateReview, type SandboxContext } from "./context";
import { phoneFor, type GraphRequest } from "./graph";
import { newAccessToken, newObjectId } from "./ids";
import { GraphFailure, invalidParam, missingParam, noAccess, unknownPath } from "./meta-errors";
import type { Json } from "./send-rules";
import type { AccountRecord, PhoneRecord, TemplateRecord, TokenRecord } from "./store";
import { parseNewTemplate } from "./template-create-rules";

/**
 * Management routes: templates, phone numbers, register, subscribed_apps, and the Embedded Signup
 * token exchange and inspection (../shared/WHATSAPP.md, "Templates" and "Embedded Signup").
 */

export function handleAccountRoute(
  ctx: SandboxContext,
  graph: GraphRequest,
  token: TokenRecord,
  id: string,
  edge: string | undefined,
  params: Json,
): Response {
  const { method } = graph;
  if (ctx.store.phones.has(id)) {
    const phone = phoneFor(ctx, token, id);
    if (edge === undefined && method === "GET") return Response.json(phoneFields(phone, params.fields));
    if (edge === "register" && method === "POST") return register(ctx, phone, params);
    throw unknownPath(method, graph.path);
  }
  const account = ctx.store.accounts.get(id);
  if (!account || !token.wabaIds.includes(account.wabaId)) throw noAccess(id, "WhatsApp Business Account");
  switch (`${method} ${edge ?? ""}`) {
    case "GET ":
      return Response.json({
        id: account.wabaId,
        name: account.businessName,
        currency: "USD",
        timezone_id: "1",
      });
    case "GET phone_numbers":
      return Response.json(listPhoneNumbers(ctx, account, params));
    case "GET message_templates":
      return Response.json(listTemplates(ctx, graph.url, account, params));
    case "POST message_templates":
      return Response.json(createTemplate(ctx, account, params));
    case "DELETE message_templates":
      return Response.json(deleteTemplate(ctx, account, params));
    case "GET subscribed_apps":
      return Response.json({
        data: account.subscribed
          ? [
              {
                whatsapp_business_api_data: {
                  id: ctx.appId,
                  name: "Raqi",
                  link: `https://www.facebook.com/games/?app_id=${ctx.appId}`,
                },
              },
            ]
          : [],
      });
    case "POST subscribed_apps":
    case "DELETE subscribed_apps":
      account.subscribed = method === "POST";
      ctx.store.changed();
      return Response.json({ success: true });
    default:
      throw unknownPath(method, graph.path);
  }
}

/* ── phone numbers ─────────────────────────────────────────────────────────── */

const PHONE_DEFAULT_FIELDS = [
  "verified_name",
  "code_verification_status",
  "display_phone_number",
  "quality_rating",
  "platform_type",
  "throughput",
  "id",
];

function phoneObject(phone: PhoneRecord): Record<string, unknown> {
  return {
    id: phone.id,
    verified_name: phone.verifiedName,
    code_verification_status: "VERIFIED",
    display_phone_number: phone.displayPhoneNumber,
    quality_rating: "GREEN",
    platform_type: "CLOUD_API",
    throughput: { level: phone.throughputPerSecond >= 1000 ? "HIGH" : "STANDARD" },
    messaging_limit_tier: "TIER_250",
    name_status: "APPROVED",
    status: "CONNECTED",
    account_mode: "LIVE",
    is_official_business_account: false,
  };
}

/** Only the requested fields (or Meta's defaults); an unknown field is an error, as on Graph. */
function phoneFields(phone: PhoneRecord, fields: unknown): Record<string, unknown> {
  const all = phoneObject(phone);
  const wanted =
    typeof fields === "string" && fields.trim() !== ""
      ? fields.split(",").map((f) => f.trim())
      : PHONE_DEFAULT_FIELDS;
  const picked: Record<string, unknown> = {};
  for (const field of wanted) {
    if (!(field in all))
      throw new GraphFailure(
        400,
        100,
        `Tried accessing nonexisting field (${field}) on node type (WhatsAppBusinessPhoneNumber)`,
      );
    picked[field] = all[field];
  }
  picked.id = phone.id;
  return picked;
}

function listPhoneNumbers(ctx: SandboxContext, account: AccountRecord, params: Json) {
  const phones = [...ctx.store.phones.values()].filter((p) => p.wabaId === account.wabaId);
  const data = phones.map((p) => phoneFields(p, params.fields));
  return { data, paging: { cursors: { before: cursor(0), after: cursor(Math.max(0, phones.length - 1)) } } };
}

function register(ctx: SandboxContext, phone: PhoneRecord, params: Json): Response {
  if (params.messaging_product === undefined) throw missingParam("messaging_product");
  if (params.messaging_product !== "whatsapp")
    throw invalidParam(
      "messaging_product",
      `must be one of {WHATSAPP} - got "${String(params.messaging_product)}".`,
    );
  if (params.pin === undefined) throw missingParam("pin");
  if (typeof params.pin !== "string" || !/^\d{6}$/.test(params.pin))
    throw invalidParam("pin", "must be a 6-digit number.");
  if (phone.pin !== undefined && phone.pin !== params.pin)
    throw new GraphFailure(
      400,
      133005,
      "Two step verification PIN Mismatch",
      "The PIN does not match the two-step verification PIN of this number.",
    );
  phone.pin = params.pin;
  ctx.store.changed();
  return Response.json({ success: true });
}

/* ── templates ─────────────────────────────────────────────────────────────── */

const TEMPLATE_FIELDS = [
  "name",
  "status",
  "language",
  "category",
  "components",
  "parameter_format",
  "id",
  "rejected_reason",
];
const TEMPLATE_DEFAULT_FIELDS = ["name", "components", "language", "status", "category", "id"];

/** Paging cursors are opaque base64 strings, as Meta's. */
function cursor(index: number): string {
  return Buffer.from(String(index)).toString("base64");
}

function decodeCursor(value: unknown, param: string): number {
  const index =
    typeof value === "string" ? Number(Buffer.from(value, "base64").toString("utf8")) : Number.NaN;
  if (!Number.isInteger(index) || index < 0) throw invalidParam(param, "is not a valid paging cursor.");
  return index;
}

function templateObject(template: TemplateRecord, fields: string[]): Record<string, unknown> {
  const all: Record<string, unknown> = {
    name: template.name,
    status: template.status,
    language: template.language,
    category: template.category,
    components: template.components,
    parameter_format: template.parameterFormat.toUpperCase(),
    id: template.id,
    rejected_reason: template.reason ?? "NONE",
  };
  const picked: Record<string, unknown> = {};
  for (const field of fields) picked[field] = all[field];
  picked.id = template.id;
  return picked;
}

function listTemplates(ctx: SandboxContext, url: URL, account: AccountRecord, params: Json) {
  const fields =
    typeof params.fields === "string" && params.fields.trim() !== ""
      ? params.fields.split(",").map((f) => f.trim())
      : TEMPLATE_DEFAULT_FIELDS;
  for (const field of fields)
    if (!TEMPLATE_FIELDS.includes(field))
      throw new GraphFailure(
        400,
        100,
        `Tried accessing nonexisting field (${field}) on node type (WhatsAppBusinessHSM)`,
      );
  const limit = params.limit === undefined ? 25 : Number(params.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw invalidParam("limit", "must be a whole number between 1 and 1000.");
  const all = ctx.store
    .templatesOf(account.wabaId)
    .filter((t) => (typeof params.name === "string" ? t.name === params.name : true))
    .filter((t) => (typeof params.status === "string" ? t.status === params.status : true))
    .filter((t) => (typeof params.language === "string" ? t.language === params.language : true));
  const start = params.after === undefined ? 0 : decodeCursor(params.after, "after") + 1;
  const page = all.slice(start, start + limit);
  const paging: Record<string, unknown> = {
    cursors: { before: cursor(start), after: cursor(Math.max(start, start + page.length - 1)) },
  };
  if (start + page.length < all.length) {
    const next = new URL(url);
    next.searchParams.delete("before");
    next.searchParams.set("limit", String(limit));
    next.searchParams.set("after", cursor(start + page.length - 1));
    paging.next = next.toString();
  }
  return { data: page.map((t) => templateObject(t, fields)), paging };
}

function createTemplate(ctx: SandboxContext, account: AccountRecord, params: Json) {
  const parsed = parseNewTemplate(params);
  const existing = ctx.store.templatesOf(account.wabaId);
  if (existing.some((t) => t.name === parsed.name && t.language === parsed.language))
    throw new GraphFailure(
      400,
      100,
      "Invalid parameter",
      `Content in this language already exists: ${parsed.name} (${parsed.language})`,
      {
        subcode: 2388024,
      },
    );
  const template: TemplateRecord = {
    id: newObjectId(),
    wabaId: account.wabaId,
    status: "PENDING",
    ...parsed,
  };
  ctx.store.templates.push(template);
  ctx.store.changed();
  scheduleTemplateReview(ctx, template);
  return { id: template.id, status: template.status, category: template.category };
}

function deleteTemplate(ctx: SandboxContext, account: AccountRecord, params: Json) {
  const { name, hsm_id: hsmId } = params;
  if (name === undefined || name === "") throw missingParam("name");
  if (typeof name !== "string") throw invalidParam("name", "must be a string.");
  if (hsmId !== undefined && typeof hsmId !== "string")
    throw invalidParam("hsm_id", "must be a template id.");
  const doomed = ctx.store
    .templatesOf(account.wabaId)
    .filter((t) => t.name === name && (hsmId === undefined || t.id === hsmId));
  if (doomed.length === 0)
    throw new GraphFailure(
      400,
      100,
      "Invalid parameter",
      `Message template "${name}"${hsmId ? ` with id ${hsmId}` : ""} was not found`,
      {
        subcode: 2593002,
      },
    );
  ctx.store.templates = ctx.store.templates.filter((t) => !doomed.includes(t));
  ctx.store.changed();
  return { success: true };
}

/* ── Embedded Signup: code exchange and token inspection ─────────────────────── */

function oauthFailure(code: number, message: string, subcode?: number): GraphFailure {
  return new GraphFailure(400, code, message, undefined, { subcode, whatsapp: false });
}

export function handleOauthAccessToken(ctx: SandboxContext, url: URL): Response {
  const clientId = url.searchParams.get("client_id");
  const clientSecret = url.searchParams.get("client_secret");
  const code = url.searchParams.get("code");
  if (!clientId) throw oauthFailure(101, "Missing client_id parameter.");
  if (clientId !== ctx.appId)
    throw oauthFailure(101, "Error validating application. Invalid application ID.");
  if (!clientSecret) throw oauthFailure(1, "Missing client_secret parameter.");
  if (clientSecret !== ctx.appSecret) throw oauthFailure(1, "Error validating client secret.");
  if (!code) throw oauthFailure(100, "Missing authorization code.");
  const issued = ctx.signupCodes.get(code);
  if (!issued) throw oauthFailure(100, "Invalid verification code format.");
  if (issued.used) throw oauthFailure(100, "This authorization code has been used.", 36009);
  if (ctx.now() >= issued.expiresAt) throw oauthFailure(100, "This authorization code has expired.", 36007);
  issued.used = true;
  const token: TokenRecord = {
    token: newAccessToken(),
    wabaIds: [issued.wabaId],
    userId: newObjectId(),
    type: "SYSTEM_USER",
    issuedAt: ctx.now(),
  };
  ctx.store.tokens.set(token.token, token);
  ctx.store.changed();
  return Response.json({ access_token: token.token, token_type: "bearer" });
}

export function handleDebugToken(ctx: SandboxContext, url: URL): Response {
  const appToken = url.searchParams.get("access_token");
  if (appToken !== `${ctx.appId}|${ctx.appSecret}`)
    throw new GraphFailure(401, 190, "Invalid OAuth access token signature.", undefined, { whatsapp: false });
  const input = url.searchParams.get("input_token");
  if (!input)
    throw new GraphFailure(400, 100, "The parameter input_token is required", undefined, { whatsapp: false });
  const token = ctx.store.tokens.get(input);
  if (!token)
    return Response.json({
      data: {
        error: { code: 190, message: "Invalid OAuth access token - Cannot parse access token" },
        is_valid: false,
        scopes: [],
      },
    });
  const scopes = ["whatsapp_business_management", "whatsapp_business_messaging"];
  return Response.json({
    data: {
      app_id: ctx.appId,
      type: token.type,
      application: "Raqi",
      data_access_expires_at: 0,
      expires_at: 0,
      is_valid: true,
      issued_at: Math.floor(token.issuedAt / 1000),
      scopes: [...scopes, "public_profile"],
      granular_scopes: scopes.map((scope) => ({ scope, target_ids: token.wabaIds })),
      user_id: token.userId,
    },
  });
}
