"use client";

import { Check, Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";

/** Copies a text to the clipboard and says so for a moment; if the browser refuses, says how to copy it by hand. */
export function CopyButton({
  value,
  label,
  size = "sm",
  variant = "secondary",
  testId,
}: {
  value: string;
  /** What is copied ("Copy key", "Copy example"). */
  label: string;
  size?: "sm" | "md";
  variant?: "primary" | "secondary" | "ghost";
  testId?: string;
}) {
  const t = useTranslations("apiKeys.copy");
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = window.setTimeout(() => setCopied(false), 2000);
    return () => window.clearTimeout(timer);
  }, [copied]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      toast.error(t("failed"));
    }
  }

  return (
    <Button
      size={size}
      variant={variant}
      onClick={() => void copy()}
      data-testid={testId}
      data-copied={copied ? "true" : "false"}
      className="shrink-0 whitespace-nowrap"
    >
      {copied ? (
        <Check aria-hidden className="size-4 text-brand-600" />
      ) : (
        <Copy aria-hidden className="size-4" />
      )}
      <span aria-live="polite">{copied ? t("copied") : label}</span>
    </Button>
  );
}
