import { FileText } from "lucide-react";

/** The template a message was sent from, as a small label: `order_shipped · en_US`. */
export function TemplateChip({ name, language }: { name: string; language?: string | null }) {
  return (
    <span
      data-testid="template-chip"
      dir="ltr"
      className="inline-flex max-w-full items-center gap-1 rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-600"
    >
      <FileText aria-hidden className="size-3 shrink-0" />
      <span className="truncate">
        {name}
        {language ? <span className="text-slate-400"> · {language}</span> : null}
      </span>
    </span>
  );
}
