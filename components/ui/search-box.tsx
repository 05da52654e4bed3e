"use client";

import { Search, X } from "lucide-react";
import { useEffect, useState } from "react";
import { Input } from "@/components/ui/input";

const DEBOUNCE_MS = 300;

/** A search field that reports its text once typing pauses and follows the URL when it changes (list pages). */
export function SearchBox({
  value,
  onSearch,
  label,
  placeholder,
  clearLabel,
  testId,
}: {
  value: string;
  onSearch: (text: string) => void;
  label: string;
  placeholder: string;
  clearLabel: string;
  testId?: string;
}) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  // the URL changed under us (back button, "clear search"): show what it says, unless it is what we typed
  if (value !== seen) {
    setSeen(value);
    if (value !== text.trim()) setText(value);
  }

  useEffect(() => {
    if (text.trim() === value) return;
    const timer = window.setTimeout(() => onSearch(text), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, value, onSearch]);

  return (
    <div className="relative w-full sm:w-72">
      <Search
        aria-hidden
        className="pointer-events-none absolute start-3 top-1/2 size-4 -translate-y-1/2 text-slate-400"
      />
      <Input
        type="search"
        data-testid={testId}
        aria-label={label}
        placeholder={placeholder}
        dir="auto"
        className="ps-9 pe-9 [&::-webkit-search-cancel-button]:hidden"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") onSearch(text);
          if (e.key === "Escape" && text) setText("");
        }}
      />
      {text ? (
        <button
          type="button"
          aria-label={clearLabel}
          onClick={() => {
            setText("");
            onSearch("");
          }}
          className="absolute end-2 top-1/2 flex size-6 -translate-y-1/2 items-center justify-center rounded text-slate-400 hover:bg-slate-100 hover:text-slate-600"
        >
          <X aria-hidden className="size-4" />
        </button>
      ) : null}
    </div>
  );
}
