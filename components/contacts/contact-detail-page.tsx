"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { UserX } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { isSettling } from "@/components/messages/message-times";
import type { ContactDetail } from "@/components/messages/types";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Card, CardHeader } from "@/components/ui/card";
import { BackLink, DetailLoadFailure } from "@/components/ui/detail-states";
import { LoadingState } from "@/components/ui/states";
import { cn } from "@/lib/ui/cn";
import { Conversation } from "./conversation";
import { ReplyComposer } from "./reply-composer";
import { SuppressionBadge } from "./suppression-badge";
import { SuppressionPanel } from "./suppression-panel";

/** While a message may still change, or a simulated reply is on its way, the page asks again this often. */
const LIVE_REFRESH_MS = 2000;
/** How long after a simulated reply to keep watching for it (and for what it sets off). */
const REPLY_WATCH_MS = 10_000;

/** Read when TanStack Query schedules the next refetch, not while rendering. */
function stillWatching(until: number): boolean {
  return Date.now() < until;
}

/** One contact: who they are, their consent, window and opt-out state, and the conversation. */
export function ContactDetailPage({ contactId }: { contactId: string }) {
  const t = useTranslations("contacts");
  const workspace = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [watchUntil, setWatchUntil] = useState(0);
  const detail = useQuery(
    trpc.contact.get.queryOptions(
      { workspaceSlug: workspace.slug, contactId },
      {
        refetchInterval: (query) =>
          query.state.data?.messages.some(isSettling) || stillWatching(watchUntil) ? LIVE_REFRESH_MS : false,
      },
    ),
  );
  const back = <BackLink href={`/w/${workspace.slug}/contacts`} label={t("detail.back")} />;

  if (detail.isPending) return <LoadingState label={t("detail.loading")} />;
  if (detail.isError) {
    return (
      <DetailLoadFailure
        error={detail.error}
        back={back}
        notFound={{ icon: UserX, title: t("detail.notFoundTitle"), description: t("detail.notFoundBody") }}
        loadErrorTitle={t("detail.loadError")}
        onRetry={() => void detail.refetch()}
      />
    );
  }

  const { contact } = detail.data;
  const scopes = detail.data.suppressions.map((s) => s.scope);
  return (
    <>
      {back}
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          {contact.name ? (
            <h1
              className="truncate text-2xl font-semibold tracking-tight"
              dir="auto"
              data-testid="contact-name"
            >
              {contact.name}
            </h1>
          ) : (
            <h1 className="text-2xl font-semibold tracking-tight">
              <span dir="ltr" data-testid="contact-phone" className="font-mono">
                {contact.phone}
              </span>
            </h1>
          )}
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-500">
            {contact.name ? (
              <span dir="ltr" data-testid="contact-phone" className="font-mono">
                {contact.phone}
              </span>
            ) : null}
            <SuppressionBadge scopes={scopes} />
          </p>
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Card className="overflow-hidden">
          <CardHeader title={t("conversation.title")} description={t("conversation.subtitle")} />
          <Conversation messages={detail.data.messages} />
          {detail.data.canSimulate && workspace.can("editor") ? (
            <ReplyComposer
              contactId={contact.id}
              messages={detail.data.messages}
              onSent={() => {
                setWatchUntil(Date.now() + REPLY_WATCH_MS);
                void queryClient.invalidateQueries({ queryKey: trpc.contact.get.queryKey() });
              }}
            />
          ) : null}
        </Card>
        <div className="space-y-6">
          <ContactFacts detail={detail.data} />
          <SuppressionPanel detail={detail.data} />
        </div>
      </div>
    </>
  );
}

/** Consent, the 24-hour window and when the contact first appeared. */
function ContactFacts({ detail }: { detail: ContactDetail }) {
  const t = useTranslations("contacts.facts");
  const format = useFormatter();
  const { contact } = detail;
  const closes = detail.windowClosesAt;
  const sameDay = closes ? closes.toDateString() === new Date().toDateString() : false;
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });

  return (
    <Card>
      <CardHeader title={t("title")} />
      <dl className="divide-y divide-slate-100 text-sm">
        <div className="px-5 py-3">
          <dt className="text-xs font-medium text-slate-500">{t("window")}</dt>
          <dd
            data-testid="window-state"
            data-open={detail.insideWindow ? "true" : "false"}
            className={cn("mt-0.5 font-medium", detail.insideWindow ? "text-brand-700" : "text-slate-700")}
          >
            {detail.insideWindow && closes
              ? t("windowOpen", {
                  time: sameDay ? format.dateTime(closes, { timeStyle: "short" }) : when(closes),
                })
              : contact.lastInboundAt
                ? t("windowClosed")
                : t("windowNever")}
          </dd>
          <dd className="mt-0.5 text-xs text-slate-500">{t("windowHint")}</dd>
        </div>
        <div className="px-5 py-3">
          <dt className="text-xs font-medium text-slate-500">{t("consent")}</dt>
          <dd className="mt-0.5" data-testid="consent">
            {contact.consentSource || contact.consentAt ? (
              <>
                <span dir="auto">{contact.consentSource ?? t("consentUnknownSource")}</span>
                {contact.consentAt ? (
                  <span className="block text-xs text-slate-500">{when(contact.consentAt)}</span>
                ) : null}
              </>
            ) : (
              <span className="text-slate-500">{t("consentNone")}</span>
            )}
          </dd>
        </div>
        <div className="px-5 py-3">
          <dt className="text-xs font-medium text-slate-500">{t("lastInbound")}</dt>
          <dd className="mt-0.5">
            {contact.lastInboundAt ? (
              when(contact.lastInboundAt)
            ) : (
              <span className="text-slate-500">{t("never")}</span>
            )}
          </dd>
        </div>
        <div className="px-5 py-3">
          <dt className="text-xs font-medium text-slate-500">{t("firstSeen")}</dt>
          <dd className="mt-0.5">{when(contact.createdAt)}</dd>
        </div>
      </dl>
    </Card>
  );
}
