import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

/**
 * Phone numbers as Raqi stores them: E.164 (`+16505551234`). WhatsApp identifies a person by `wa_id`,
 * the same digits without the `+` (Meta's Cloud API accepts either as `to`).
 */
export type { CountryCode };

const E164 = /^\+[1-9]\d{6,14}$/;
const WA_ID = /^[1-9]\d{6,14}$/;
/** Longer input is not a phone number, however formatted: do not hand it to the parser. */
const MAX_INPUT_LENGTH = 64;

/**
 * Reads a phone number typed or imported in any common form: international (`+1 650-555-1234`), with
 * the `00` international prefix (`0016505551234`), national with `defaultCountry` (`050 123 4567`), or
 * bare wa_id digits (`16505551234`) when there is no default country. Null when it is not a possible
 * number (wrong length for its country), carries an extension, or contains anything but a number.
 */
export function toE164(input: string, defaultCountry?: CountryCode): string | null {
  let text = input.trim();
  if (text === "" || text.length > MAX_INPUT_LENGTH) return null;
  if (text.startsWith("00")) text = `+${text.slice(2)}`;
  else if (!defaultCountry && /^[\d\s().-]+$/.test(text)) text = `+${text}`;
  const phone = parsePhoneNumberFromString(text, { defaultCountry, extract: false });
  if (!phone || phone.ext || !phone.isPossible()) return null;
  return E164.test(phone.number) ? phone.number : null;
}

/**
 * The E.164 form of a webhook's wa_id. Only the shape is checked: a wa_id is what WhatsApp itself
 * uses, even where it differs from the number the person typed (e.g. Mexico's `521…`).
 */
export function waIdToE164(waId: string): string | null {
  return WA_ID.test(waId) ? `+${waId}` : null;
}

/** The wa_id of a stored E.164 number: its digits, without the `+` (or any spacing). */
export function e164ToWaId(e164: string): string {
  return e164.replace(/\D/g, "");
}

const MASK = "•";
const VISIBLE_END = 4;
const VISIBLE_START = 3;
const MIN_HIDDEN = 3;

/**
 * A number as shown where the full number is not needed (lists, logs, exports): the country code,
 * the first digits of the national number and its last 4, e.g. `+1 650•••1234`, `+966 50•••4567`.
 * At least 3 digits are always hidden.
 */
export function maskPhone(e164: string): string {
  const phone = E164.test(e164) ? parsePhoneNumberFromString(e164) : undefined;
  if (!phone) {
    const digits = e164.replace(/\D/g, "");
    return MASK.repeat(Math.max(MIN_HIDDEN, digits.length - VISIBLE_END)) + digits.slice(-VISIBLE_END);
  }
  const national: string = phone.nationalNumber;
  const end = Math.min(VISIBLE_END, Math.max(0, national.length - MIN_HIDDEN));
  const start = Math.min(VISIBLE_START, Math.max(0, national.length - end - MIN_HIDDEN));
  const hidden = national.length - start - end;
  return `+${phone.countryCallingCode} ${national.slice(0, start)}${MASK.repeat(hidden)}${national.slice(national.length - end)}`;
}

/**
 * Whether the number is a mobile number, as far as the numbering plan tells. Where mobile and fixed
 * numbers share ranges (US, Canada) it counts as mobile: WhatsApp may well be on it.
 */
export function isMobile(e164: string): boolean {
  const type = E164.test(e164) ? parsePhoneNumberFromString(e164)?.getType() : undefined;
  return type === "MOBILE" || type === "FIXED_LINE_OR_MOBILE";
}
