/** Only same-site paths are followed after sign-in, so a crafted link cannot send users elsewhere. */
export function safeCallbackUrl(value: string | string[] | undefined, fallback = "/"): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v || !v.startsWith("/") || v.startsWith("//") || v.startsWith("/\\")) return fallback;
  return v;
}
