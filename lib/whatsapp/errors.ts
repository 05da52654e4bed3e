/**
 * Meta's error codes (../shared/WHATSAPP.md, "Errors"), in one table: what each means in plain words,
 * what to do about it, and whether a send may be retried. Graph API responses, `statuses[].errors`,
 * `value.errors` and `messages[].errors` all carry these codes. The UI translates the texts through the
 * `metaErrors` message area, keyed by `metaErrorMessageKey`.
 */
export type MetaErrorKind =
  | "rate_limit"
  | "pair_limit"
  | "unavailable"
  | "unknown"
  | "window"
  | "undeliverable"
  | "unsupported"
  | "template"
  | "marketing_limit"
  | "opted_out"
  | "spam"
  | "auth"
  | "restricted"
  | "invalid"
  | "timeout";

export interface MetaErrorInfo {
  code: number;
  kind: MetaErrorKind;
  retryable: boolean;
  /** Set on retryable errors whose cause is unknown: give up after this many attempts. */
  maxAttempts?: number;
  /** Short English title. */
  title: string;
  /** What happened, in plain words. */
  explanation: string;
  /** What the user (or Raqi) should do. */
  fix: string;
}

/** Not a Meta code: the request timed out or the network failed before Meta answered. */
export const TIMEOUT_ERROR_CODE = -1;

/** How many attempts a retryable error of unknown cause (131000) gets before it is treated as permanent. */
export const UNKNOWN_ERROR_MAX_ATTEMPTS = 3;

type Entry = Omit<MetaErrorInfo, "code">;

const RETRIED = "Raqi retries automatically; nothing to do unless it keeps happening.";
const RECONNECT = "Reconnect WhatsApp in Settings and grant every permission it asks for.";

const TABLE = {
  130429: {
    kind: "rate_limit",
    retryable: true,
    title: "Sending too fast",
    explanation: "The phone number reached the number of messages it may send per second.",
    fix: RETRIED,
  },
  131056: {
    kind: "pair_limit",
    retryable: true,
    title: "Too many messages to one person",
    explanation: "Too many messages went to the same person in a short time (about one every 6 seconds).",
    fix: "Raqi waits and retries; space out messages to the same contact.",
  },
  80007: {
    kind: "rate_limit",
    retryable: true,
    title: "Account rate limit reached",
    explanation: "The WhatsApp Business Account made more requests than Meta allows in a short time.",
    fix: RETRIED,
  },
  4: {
    kind: "rate_limit",
    retryable: true,
    title: "Too many requests",
    explanation: "The app made more calls to Meta than allowed in a short time.",
    fix: RETRIED,
  },
  131000: {
    kind: "unknown",
    retryable: true,
    maxAttempts: UNKNOWN_ERROR_MAX_ATTEMPTS,
    title: "Something went wrong at WhatsApp",
    explanation: "WhatsApp could not send the message and did not say why.",
    fix: "Raqi retries a few times; if it keeps failing, try again later.",
  },
  131016: {
    kind: "unavailable",
    retryable: true,
    title: "WhatsApp is temporarily unavailable",
    explanation: "A WhatsApp service is overloaded or down for a moment.",
    fix: RETRIED,
  },
  1: {
    kind: "unavailable",
    retryable: true,
    title: "Temporary WhatsApp error",
    explanation: "Meta returned a temporary error without details.",
    fix: RETRIED,
  },
  2: {
    kind: "unavailable",
    retryable: true,
    title: "WhatsApp is temporarily unavailable",
    explanation: "Meta's service is down or overloaded right now.",
    fix: RETRIED,
  },
  131057: {
    kind: "unavailable",
    retryable: true,
    title: "Account in maintenance",
    explanation:
      "The WhatsApp Business Account is in maintenance mode, for example during a throughput upgrade.",
    fix: RETRIED,
  },
  [TIMEOUT_ERROR_CODE]: {
    kind: "timeout",
    retryable: true,
    title: "No answer from WhatsApp",
    explanation: "The request timed out or the network failed before WhatsApp answered.",
    fix: RETRIED,
  },
  131047: {
    kind: "window",
    retryable: false,
    title: "Outside the 24-hour window",
    explanation:
      "More than 24 hours have passed since the customer last wrote, so only an approved template can be sent.",
    fix: "Send an approved template instead.",
  },
  131026: {
    kind: "undeliverable",
    retryable: false,
    title: "Message undeliverable",
    explanation:
      "WhatsApp could not deliver the message: the number may not use WhatsApp, may not have accepted the latest terms, or may run an old app version.",
    fix: "Check the number, or reach the person another way.",
  },
  131051: {
    kind: "unsupported",
    retryable: false,
    title: "Unsupported message type",
    explanation: "WhatsApp does not support this kind of message.",
    fix: "Send a text, a template, reply buttons or a list instead.",
  },
  132000: {
    kind: "template",
    retryable: false,
    title: "Wrong number of template values",
    explanation: "The number of values sent does not match the template's placeholders.",
    fix: "Fill in every variable of the template in the flow, then publish again.",
  },
  132001: {
    kind: "template",
    retryable: false,
    title: "Template not found",
    explanation: "The template does not exist in this language, or has not been approved yet.",
    fix: "Check the template's name and language in WhatsApp Manager, or pick an approved template.",
  },
  132005: {
    kind: "template",
    retryable: false,
    title: "Template text too long",
    explanation: "With the values filled in, the template is longer than WhatsApp allows.",
    fix: "Shorten the values sent into the template.",
  },
  132007: {
    kind: "template",
    retryable: false,
    title: "Template breaks a WhatsApp policy",
    explanation: "The template's content, with the values filled in, violates a WhatsApp policy.",
    fix: "Edit the template or the values sent into it so they follow WhatsApp's policies.",
  },
  132012: {
    kind: "template",
    retryable: false,
    title: "Template value in the wrong format",
    explanation:
      "A value does not have the format the template expects, for example text where an image is expected.",
    fix: "Check that each value matches the type of its template variable.",
  },
  132015: {
    kind: "template",
    retryable: false,
    title: "Template paused",
    explanation: "Meta paused the template because of low quality ratings.",
    fix: "Edit the template in WhatsApp Manager, or use another one.",
  },
  132016: {
    kind: "template",
    retryable: false,
    title: "Template disabled",
    explanation: "Meta disabled the template for good because of low quality ratings.",
    fix: "Create a new template and use it instead.",
  },
  131049: {
    kind: "marketing_limit",
    retryable: false,
    title: "Marketing message held back",
    explanation:
      "WhatsApp chose not to deliver this marketing message, to limit how many marketing messages the person receives.",
    fix: "Do not send it again for at least 24 hours.",
  },
  131050: {
    kind: "opted_out",
    retryable: false,
    title: "Person stopped marketing messages",
    explanation: "The person chose to stop receiving marketing messages from this business.",
    fix: "Do not send marketing messages to this contact; Raqi suppresses them.",
  },
  131048: {
    kind: "spam",
    retryable: false,
    title: "Limited for spam",
    explanation:
      "Too many people blocked or reported messages from this number, so WhatsApp limits what it can send.",
    fix: "Sending from this number is paused: review the messages' quality before resuming.",
  },
  190: {
    kind: "auth",
    retryable: false,
    title: "WhatsApp connection expired",
    explanation: "The access token expired or was revoked, so Raqi can no longer send for this account.",
    fix: "Reconnect WhatsApp in Settings.",
  },
  368: {
    kind: "restricted",
    retryable: false,
    title: "Account restricted",
    explanation: "Meta temporarily blocked this account for violating its policies.",
    fix: "Check the account's status in WhatsApp Manager and appeal if you think it is a mistake.",
  },
  100: {
    kind: "invalid",
    retryable: false,
    title: "Invalid request",
    explanation: "A value in the request is missing, misspelled or not valid.",
    fix: "Check the message's settings; contact support if it keeps happening.",
  },
  131008: {
    kind: "invalid",
    retryable: false,
    title: "Required value missing",
    explanation: "The message is missing a value WhatsApp requires.",
    fix: "Fill in every required field of the message.",
  },
  131009: {
    kind: "invalid",
    retryable: false,
    title: "Invalid value",
    explanation: "One or more values in the message are not valid.",
    fix: "Check the values in the message, such as the phone number, buttons and links.",
  },
  10: {
    kind: "auth",
    retryable: false,
    title: "Permission denied",
    explanation: "The app has no permission to act for this WhatsApp account or phone number.",
    fix: RECONNECT,
  },
  200: {
    kind: "auth",
    retryable: false,
    title: "Permission missing",
    explanation: "The app was not granted a permission this action needs.",
    fix: RECONNECT,
  },
} satisfies Record<number, Entry>;

/** Every code the table knows, the timeout pseudo-code included: each has its own en/ar translation. */
export const META_ERROR_CODES: readonly number[] = Object.keys(TABLE).map(Number);

const ENTRIES: ReadonlyMap<number, Entry> = new Map(
  Object.entries(TABLE).map(([code, entry]): [number, Entry] => [Number(code), entry]),
);

/** Fallbacks for codes the table does not know, keyed like their translations. */
const FALLBACKS = {
  unknown: {
    kind: "unknown",
    retryable: false,
    title: "Unknown WhatsApp error",
    explanation: "WhatsApp reported an error Raqi does not recognise.",
    fix: "Try again later; contact support if it keeps happening.",
  },
  rejected: {
    kind: "invalid",
    retryable: false,
    title: "Request rejected",
    explanation: "WhatsApp rejected the request as invalid.",
    fix: "Check the message's settings; contact support if it keeps happening.",
  },
  temporary: {
    kind: "unavailable",
    retryable: true,
    title: "Temporary WhatsApp error",
    explanation: "WhatsApp had a temporary problem answering.",
    fix: RETRIED,
  },
} satisfies Record<string, Entry>;

/**
 * Classifies an error by its Meta code; `httpStatus` decides for codes the table does not know
 * (4xx: a permanent rejection, except 408 and 429; 5xx: temporary). A known code wins over the status.
 */
export function describeMetaError(code: number | undefined, httpStatus?: number): MetaErrorInfo {
  const known = code === undefined ? undefined : ENTRIES.get(code);
  if (known) return { code: code ?? 0, ...known };
  return { code: code ?? 0, ...fallbackFor(httpStatus) };
}

function fallbackFor(httpStatus: number | undefined): Entry {
  if (httpStatus === 408) return TABLE[TIMEOUT_ERROR_CODE];
  if (httpStatus === 429) return TABLE[4];
  if (httpStatus !== undefined && httpStatus >= 500 && httpStatus <= 599) return FALLBACKS.temporary;
  if (httpStatus !== undefined && httpStatus >= 400 && httpStatus <= 499) return FALLBACKS.rejected;
  return FALLBACKS.unknown;
}

/**
 * The key of an error's translation under `metaErrors` in lib/i18n/messages: its code when known
 * (`"131047"`), otherwise the fallback it got (`"unknown"`, `"rejected"`, `"temporary"`).
 */
export function metaErrorMessageKey(info: Pick<MetaErrorInfo, "code" | "kind" | "retryable">): string {
  if (ENTRIES.has(info.code)) return String(info.code);
  if (info.kind === "timeout") return String(TIMEOUT_ERROR_CODE);
  if (info.kind === "rate_limit") return "4";
  if (info.retryable) return "temporary";
  return info.kind === "invalid" ? "rejected" : "unknown";
}
