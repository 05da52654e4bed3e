import { MessageCircle } from "lucide-react";
import type { ReactNode } from "react";
import { LocaleSwitcher } from "@/components/providers/locale-switcher";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-10">
      <div className="mb-6 flex items-center gap-2 text-xl font-semibold text-brand-700">
        <MessageCircle aria-hidden className="size-7" />
        Raqi
      </div>
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        {children}
      </div>
      <LocaleSwitcher className="mt-6" />
    </main>
  );
}
