import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { Toaster } from "sonner";
import { TRPCReactProvider } from "@/components/providers/trpc";
import { directionOf, isLocale } from "@/lib/i18n/locales";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Raqi", template: "%s · Raqi" },
  description: "WhatsApp workflows for businesses, without code",
  icons: { icon: "/raqi.svg" },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const dir = isLocale(locale) ? directionOf(locale) : "ltr";
  return (
    <html lang={locale} dir={dir}>
      <body>
        <NextIntlClientProvider>
          <TRPCReactProvider>
            {children}
            <Toaster richColors position="top-center" dir={dir} />
          </TRPCReactProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
