import { newFbtraceId } from "./ids";
import type { WebhookError } from "./types";

/**
 * The errors the sandbox answers with, in Meta's exact shapes (../shared/WHATSAPP.md, "Errors"):
 * `{"error":{"message":"(#code) …","type":"OAuthException","code",…,"error_data":{"messaging_product":"whatsapp","details"},"fbtrace_id"}}`.
 */

const ERROR_CODES_HREF = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";

/** Thrown inside a route handler; turned into Meta's error response at the edge. */
export class GraphFailure extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number,
    readonly title: string,
    readonly details?: string,
    readonly options: { subcode?: number; whatsapp?: boolean } = {},
  ) {
    super(`(#${code}) ${title}`);
    this.name = "GraphFailure";
  }

  toResponse(): Response {
    const error: Record<string, unknown> = {
      message: this.message,
      type: "OAuthException",
      code: this.code,
    };
    if (this.options.subcode !== undefined) error.error_subcode = this.options.subcode;
    if (this.options.whatsapp !== false) {
      error.error_data = { messaging_product: "whatsapp", details: this.details ?? this.title };
    }
    error.fbtrace_id = newFbtraceId();
    // Meta names the token problem in WWW-Authenticate on every 401.
    const headers: Record<string, string> =
      this.httpStatus === 401
        ? { "www-authenticate": `OAuth "Facebook Platform" "invalid_token" "${this.title}"` }
        : {};
    return Response.json({ error }, { status: this.httpStatus, headers });
  }
}

/** 400 code 100 naming the parameter, as Meta words a missing one. */
export function missingParam(param: string): GraphFailure {
  return new GraphFailure(
    400,
    100,
    `The parameter ${param} is required.`,
    `The parameter ${param} is required.`,
  );
}

/** 400 code 100 naming the parameter and what is wrong with it. */
export function invalidParam(param: string, why: string): GraphFailure {
  const text = `Param ${param} ${why}`;
  return new GraphFailure(400, 100, text, text);
}

/** 131009: a value Meta parses but refuses (interactive limits, duplicate button ids). */
export function invalidValue(details: string): GraphFailure {
  return new GraphFailure(400, 131009, "Parameter value is not valid", details);
}

export function templateParamCount(part: string, got: number, expected: number): GraphFailure {
  return new GraphFailure(
    400,
    132000,
    "Number of parameters does not match the expected number of params",
    `${part}: number of localizable_params (${got}) does not match the expected number of params (${expected})`,
  );
}

export function invalidToken(details: string, subcode?: number): GraphFailure {
  return new GraphFailure(401, 190, details, details, { subcode });
}

/** The same answer whether the object does not exist or the token may not see it (Meta cannot tell either). */
export function noAccess(objectId: string, what: "phone number" | "WhatsApp Business Account"): GraphFailure {
  const [code, title] =
    what === "phone number"
      ? [10, "Application does not have permission for this action"]
      : [200, "Permissions error"];
  return new GraphFailure(
    403,
    code,
    title,
    `Object with ID '${objectId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
  );
}

export function unknownPath(method: string, path: string): GraphFailure {
  return new GraphFailure(
    400,
    100,
    `Unsupported ${method.toLowerCase()} request.`,
    `Unknown path components: ${path}`,
    {
      subcode: 33,
    },
  );
}

interface CatalogEntry {
  httpStatus: number;
  title: string;
  details: string;
}

/** Errors a send can end in, synchronously (the HTTP answer) or asynchronously (a `failed` status). */
const SEND_ERRORS = {
  4: {
    httpStatus: 429,
    title: "Application request limit reached",
    details: "Too many API calls in a short time.",
  },
  130429: {
    httpStatus: 400,
    title: "Rate limit hit",
    details: "Cloud API message throughput has been reached.",
  },
  131056: {
    httpStatus: 400,
    title: "(Business Account, Consumer Account) pair rate limit hit",
    details:
      "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.",
  },
  131000: {
    httpStatus: 500,
    title: "Something went wrong",
    details: "Something went wrong. Please try again later.",
  },
  131047: {
    httpStatus: 400,
    title: "Re-engagement message",
    details:
      "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
  },
  131050: {
    httpStatus: 400,
    title:
      "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.",
    details:
      "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.",
  },
  131026: { httpStatus: 400, title: "Message Undeliverable.", details: "Message Undeliverable." },
} satisfies Record<number, CatalogEntry>;

export type SendErrorCode = keyof typeof SEND_ERRORS;

export function sendFailure(code: SendErrorCode): GraphFailure {
  const entry: CatalogEntry = SEND_ERRORS[code];
  return new GraphFailure(entry.httpStatus, code, entry.title, entry.details);
}

/** The error object of a `failed` status webhook. */
export function webhookError(code: SendErrorCode): WebhookError {
  const entry: CatalogEntry = SEND_ERRORS[code];
  return {
    code,
    title: entry.title,
    message: entry.title,
    error_data: { details: entry.details },
    href: ERROR_CODES_HREF,
  };
}
