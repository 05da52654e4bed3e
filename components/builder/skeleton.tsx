/** The builder's shape while it loads: toolbar, palette, canvas and side panel, so nothing jumps. */
export function BuilderSkeleton({ label }: { label?: string }) {
  return (
    <div
      role="status"
      aria-live="polite"
      aria-busy="true"
      className="flex min-h-0 flex-1 flex-col"
      data-testid="builder-skeleton"
    >
      {label ? <span className="sr-only">{label}</span> : null}
      <div className="flex h-12 shrink-0 items-center gap-2 border-b border-slate-200 bg-white px-3">
        <div className="size-7 animate-pulse rounded-md bg-slate-100" />
        <div className="h-4 w-48 animate-pulse rounded bg-slate-100" />
        <div className="ms-auto h-8 w-72 animate-pulse rounded-md bg-slate-100" />
      </div>
      <div className="flex min-h-0 flex-1">
        <div className="w-14 shrink-0 space-y-2 border-e border-slate-200 bg-white p-2 xl:w-56">
          {Array.from({ length: 7 }, (_, i) => (
            <div key={i} className="h-12 animate-pulse rounded-lg bg-slate-100" />
          ))}
        </div>
        <div className="relative flex-1 bg-[radial-gradient(#cbd5e1_1px,transparent_1px)] [background-size:16px_16px]">
          <div className="absolute start-1/2 top-1/3 h-24 w-64 -translate-x-1/2 animate-pulse rounded-xl bg-white shadow-sm rtl:translate-x-1/2" />
        </div>
        <div className="w-80 shrink-0 space-y-3 border-s border-slate-200 bg-white p-4 2xl:w-96">
          <div className="h-5 w-32 animate-pulse rounded bg-slate-100" />
          <div className="h-20 animate-pulse rounded bg-slate-100" />
          <div className="h-20 animate-pulse rounded bg-slate-100" />
        </div>
      </div>
    </div>
  );
}
