/**
 * How keywords compare (trigger keywords, wait-for-reply keyword branches): whole message, ignoring case,
 * diacritics (Arabic harakat, Latin accents), tatweel and surrounding or repeated spaces. The engine
 * matches inbound text with the same function the validator uses to find duplicate keywords.
 */
export function normalizeKeyword(text: string): string {
  // Plain ASCII has no diacritics to strip: skip the (comparatively slow) Unicode normalisation.
  if (/^[\x20-\x7e]*$/.test(text)) return text.toLowerCase().replace(/ +/g, " ").trim();
  const known = normalized.get(text);
  if (known !== undefined) return known;
  // The same few keywords and button texts come back on every validation of a flow being edited.
  if (normalized.size >= NORMALIZED_CACHE_SIZE) normalized.clear();
  const result = normalizeUnicode(text);
  normalized.set(text, result);
  return result;
}

const NORMALIZED_CACHE_SIZE = 2000;
const normalized = new Map<string, string>();

function normalizeUnicode(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/\u0640/g, "")
    .toLocaleLowerCase("en")
    .replace(/\s+/g, " ")
    .trim();
}

/** The distinct non-blank keywords of a list, normalised. */
export function normalizedKeywords(keywords: readonly string[]): string[] {
  const out = new Set<string>();
  for (const keyword of keywords) {
    const normalized = normalizeKeyword(keyword);
    if (normalized) out.add(normalized);
  }
  return [...out];
}
