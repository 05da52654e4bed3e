import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

interface TRPCLikeError {
  message?: string;
  data?: {
    zodError?: { fieldErrors?: Record<string, string[] | undefined> } | null;
    details?: { fields?: Record<string, string[]> } | null;
  } | null;
}

/**
 * Puts a server error onto the form: zod field errors and AppError `details.fields` land on their fields
 * (same message keys as the client-side schema); anything else comes back as a message for a toast.
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): string | null {
  const e = error as TRPCLikeError;
  const byField = { ...(e.data?.zodError?.fieldErrors ?? {}), ...(e.data?.details?.fields ?? {}) };
  let placed = false;
  for (const name of fields) {
    const message = byField[name]?.[0];
    if (message) {
      setError(name, { type: "server", message });
      placed = true;
    }
  }
  return placed ? null : (e.message ?? "Something went wrong");
}
