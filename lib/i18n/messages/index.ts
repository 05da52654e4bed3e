import type { Locale } from "../locales";

/**
 * Messages are split by area so that areas can be edited independently: `<locale>.json` holds the app
 * shell, `<area>.<locale>.json` one top-level section each (merged under the area's name).
 */
export const MESSAGE_AREAS = [
  "builder",
  "findings",
  "flows",
  "metaErrors",
  "channel",
  "contacts",
  "messageLog",
  "runs",
  "apiKeys",
  "developers",
  "hooks",
] as const;

type Messages = Record<string, unknown>;

export async function loadMessages(locale: Locale): Promise<Messages> {
  const [main, ...areas] = await Promise.all([
    import(`./${locale}.json`) as Promise<{ default: Messages }>,
    ...MESSAGE_AREAS.map((area) => import(`./${area}.${locale}.json`) as Promise<{ default: Messages }>),
  ]);
  const merged: Messages = { ...main.default };
  MESSAGE_AREAS.forEach((area, i) => {
    merged[area] = areas[i]?.default ?? {};
  });
  return merged;
}
