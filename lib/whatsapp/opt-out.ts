import { z } from "zod";
import { normalizeKeyword } from "../flow/keywords";

/**
 * Opt-out and opt-in by message (../shared/WHATSAPP.md, "Opt-out"): WhatsApp does no keyword handling,
 * so STOP and its Arabic equivalents are ours to match, per workspace. Matching is whole-message and
 * ignores case, diacritics, alef forms and tatweel (normalizeKeyword). A template's "Stop promotions"
 * quick reply arrives as an ordinary `button` message and stops marketing only.
 */
export const DEFAULT_OPT_OUT_KEYWORDS: readonly string[] = [
  "STOP",
  "STOP ALL",
  "STOPALL",
  "UNSUBSCRIBE",
  "CANCEL",
  "END",
  "QUIT",
  "OPT OUT",
  "OPTOUT",
  "إيقاف",
  "ايقاف",
  "توقف",
  "وقف",
  "إلغاء الاشتراك",
  "الغاء الاشتراك",
  "إلغاء",
  "الغاء",
];

/** Not "YES": it answers too many questions to mean "message me again". */
export const DEFAULT_OPT_IN_KEYWORDS: readonly string[] = [
  "START",
  "UNSTOP",
  "SUBSCRIBE",
  "اشتراك",
  "ابدأ",
  "بدء",
];

/** The texts of Meta's "Stop promotions" marketing quick-reply button, in the languages we serve. */
export const STOP_PROMOTIONS_TEXTS: readonly string[] = ["Stop promotions", "إيقاف العروض الترويجية"];

export const KEYWORD_MAX_LENGTH = 40;
export const MAX_KEYWORDS = 50;

/** Messages are keys of the `validation` section of lib/i18n/messages. */
const keywordSchema = z.string().trim().min(1, "keywordRequired").max(KEYWORD_MAX_LENGTH, "keywordTooLong");

export const optOutSettingsSchema = z
  .object({
    optOutKeywords: z.array(keywordSchema).max(MAX_KEYWORDS, "optOutKeywordsTooMany"),
    optInKeywords: z.array(keywordSchema).max(MAX_KEYWORDS, "optInKeywordsTooMany"),
  })
  .superRefine((settings, ctx) => {
    const optOut = keywordSet(settings.optOutKeywords);
    settings.optInKeywords.forEach((keyword, index) => {
      if (optOut.has(normalizeInbound(keyword))) {
        ctx.addIssue({ code: "custom", message: "keywordInBothLists", path: ["optInKeywords", index] });
      }
    });
  });
export type OptOutSettings = z.infer<typeof optOutSettingsSchema>;

export const DEFAULT_OPT_OUT_SETTINGS: OptOutSettings = {
  optOutKeywords: [...DEFAULT_OPT_OUT_KEYWORDS],
  optInKeywords: [...DEFAULT_OPT_IN_KEYWORDS],
};

export type InboundClassification =
  { action: "opt_out"; scope: "all" | "marketing" } | { action: "opt_in" } | null;

/**
 * Punctuation, symbols and emoji around a keyword ("Stop.", "STOP!", "«إيقاف»", "stop 🛑") do not change
 * what the person meant; keywords are compared the same way.
 */
function normalizeInbound(text: string): string {
  return normalizeKeyword(text.replace(/^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu, ""));
}

function keywordSet(keywords: readonly string[]): Set<string> {
  return new Set(keywords.map(normalizeInbound).filter((k) => k !== ""));
}

const STOP_PROMOTIONS = keywordSet(STOP_PROMOTIONS_TEXTS);

/**
 * Whether an inbound message opts the contact out or back in. Keywords match typed text only: a
 * business's own button titled "Cancel" or "End" must not unsubscribe whoever taps it. A tapped
 * "Stop promotions" quick reply stops marketing messages only.
 */
export function classifyInbound(
  message: { type: string; text?: string },
  settings: Pick<OptOutSettings, "optOutKeywords" | "optInKeywords">,
): InboundClassification {
  if (message.text === undefined) return null;
  const text = normalizeInbound(message.text);
  if (text === "") return null;
  if (message.type === "button") {
    return STOP_PROMOTIONS.has(text) ? { action: "opt_out", scope: "marketing" } : null;
  }
  if (message.type !== "text") return null;
  if (keywordSet(settings.optOutKeywords).has(text)) return { action: "opt_out", scope: "all" };
  if (keywordSet(settings.optInKeywords).has(text)) return { action: "opt_in" };
  return null;
}
