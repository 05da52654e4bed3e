"use client";

import { ExternalLink, FileText, Image as ImageIcon, MapPin, Phone, Reply, Video } from "lucide-react";
import { useTranslations } from "next-intl";
import { Fragment, type ReactNode } from "react";
import type { TemplateComponent } from "@/lib/whatsapp/template";

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** Text with its {{placeholders}} replaced by the mapped values; unmapped ones stay visible, in amber. */
function Filled({
  text,
  prefix,
  variables,
}: {
  text: string;
  prefix: string;
  variables: Record<string, string>;
}) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const index = match.index ?? 0;
    parts.push(text.slice(last, index));
    const value = variables[`${prefix}.${match[1]}`]?.trim();
    parts.push(
      value ? (
        <span
          key={index}
          className={
            value.includes("{{")
              ? "rounded bg-emerald-50 px-0.5 font-mono text-[0.8em] text-emerald-800"
              : undefined
          }
        >
          {value}
        </span>
      ) : (
        <span key={index} className="rounded bg-amber-100 px-0.5 text-amber-800">
          {match[0]}
        </span>
      ),
    );
    last = index + match[0].length;
  }
  parts.push(text.slice(last));
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>{p}</Fragment>
      ))}
    </>
  );
}

const MEDIA_ICONS = { IMAGE: ImageIcon, VIDEO: Video, DOCUMENT: FileText, LOCATION: MapPin } as const;

/** The template as the contact will see it in WhatsApp, with the mapped values substituted. */
export function TemplatePreview({
  components,
  variables,
  language,
}: {
  components: TemplateComponent[];
  variables: Record<string, string>;
  language: string;
}) {
  const t = useTranslations("builder.panels.templateSend");
  const dir =
    language.startsWith("ar") || language.startsWith("he") || language.startsWith("fa") ? "rtl" : "ltr";
  const header = components.find((c) => c.type === "HEADER");
  const body = components.find((c) => c.type === "BODY");
  const footer = components.find((c) => c.type === "FOOTER");
  const buttons = components.find((c) => c.type === "BUTTONS");

  return (
    <figure className="rounded-lg bg-[#efeae2] p-3" data-testid="template-preview">
      <figcaption className="sr-only">{t("preview")}</figcaption>
      <div dir={dir} className="max-w-[92%]">
        <div className="rounded-lg rounded-ss-none bg-white p-2 text-[13px] leading-snug text-slate-900 shadow-xs">
          {header?.type === "HEADER" ? (
            header.format === "TEXT" ? (
              <p className="mb-1 font-semibold">
                <Filled text={header.text ?? ""} prefix="header" variables={variables} />
              </p>
            ) : (
              <div className="mb-1.5 flex h-24 flex-col items-center justify-center gap-1 rounded-md bg-slate-100 text-slate-500">
                {(() => {
                  const Icon = MEDIA_ICONS[header.format];
                  return <Icon aria-hidden className="size-6" />;
                })()}
                <span dir="ltr" className="max-w-full truncate px-2 text-[11px]">
                  {variables["header.media"]?.trim() || t(`media.${header.format}`)}
                </span>
              </div>
            )
          ) : null}
          {body?.type === "BODY" ? (
            <p className="whitespace-pre-wrap break-words">
              <Filled text={body.text} prefix="body" variables={variables} />
            </p>
          ) : null}
          {footer?.type === "FOOTER" ? (
            <p className="mt-1 text-[11px] text-slate-500">{footer.text}</p>
          ) : null}
          <p className="mt-0.5 text-end text-[10px] text-slate-400" dir="ltr">
            12:00
          </p>
        </div>
        {buttons?.type === "BUTTONS" ? (
          <div className="mt-0.5 space-y-0.5">
            {buttons.buttons.map((b, i) => {
              const text = "text" in b && typeof b.text === "string" ? b.text : t("copyCode");
              const Icon = b.type === "URL" ? ExternalLink : b.type === "PHONE_NUMBER" ? Phone : Reply;
              return (
                <div
                  key={i}
                  className="flex items-center justify-center gap-1.5 rounded-lg bg-white py-1.5 text-[13px] font-medium text-sky-600 shadow-xs"
                >
                  <Icon aria-hidden className="size-3.5" />
                  {text}
                </div>
              );
            })}
          </div>
        ) : null}
      </div>
    </figure>
  );
}
