"use client";

import type { LucideIcon } from "lucide-react";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "./button";
import { EmptyState, ErrorState } from "./states";
import { useErrorMessage } from "./use-error-message";

/** The way back from a detail page to its list, above everything else on the page. */
export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <Link
      href={href}
      className="mb-4 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-brand-700"
    >
      <ArrowLeft aria-hidden className="size-4 rtl:-scale-x-100" />
      {label}
    </Link>
  );
}

/**
 * A detail page whose record could not be read, under the way back: "not found" as an empty state (the
 * record is gone or belongs to another workspace), any other failure as an error with a retry.
 */
export function DetailLoadFailure({
  error,
  back,
  notFound,
  loadErrorTitle,
  onRetry,
}: {
  error: { data?: { code?: string } | null };
  back: React.ReactNode;
  notFound: { icon: LucideIcon; title: string; description: string };
  loadErrorTitle: string;
  onRetry: () => void;
}) {
  const tc = useTranslations("common");
  const describeError = useErrorMessage();
  return (
    <>
      {back}
      {error.data?.code === "NOT_FOUND" ? (
        <EmptyState icon={notFound.icon} title={notFound.title} description={notFound.description} />
      ) : (
        <ErrorState
          title={loadErrorTitle}
          message={describeError(error)}
          action={
            <Button variant="secondary" onClick={onRetry}>
              {tc("retry")}
            </Button>
          }
        />
      )}
    </>
  );
}
