import { z } from "zod";

/** A JSON object typed into a textarea, or null when it is not one (an array, a number, broken JSON). */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  if (text.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** A form field holding event data as JSON text: empty means `{}`. */
export const jsonObjectText = z
  .string()
  .max(100_000, "dataTooLong")
  .refine((text) => parseJsonObject(text) !== null, "dataNotJson");
