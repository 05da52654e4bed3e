"use client";

import { useQueries, useQuery } from "@tanstack/react-query";
import { ExternalLink } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { LoadingState } from "@/components/ui/states";
import { MAX_EVENTS_PER_REQUEST } from "@/lib/runs/inputs";
import { CodeBlock } from "./code-block";
import { curlExample, eventTriggers, exampleData } from "./event-fields";
import { TestEventForm, type KnownEvent } from "./test-event-form";
import { useOrigin } from "./use-origin";

const EXAMPLE_CONTACT = { phone: "+15551234567", name: "Sara" };
const GENERIC_EVENT: KnownEvent = {
  eventName: "order.shipped",
  flows: [],
  data: { order_id: "#1042", tracking_url: "https://example.com/t/1042" },
};
const ERROR_STATUSES = ["400", "401", "403", "413", "429"] as const;
const OUTCOMES = [
  "started",
  "queued",
  "restarted",
  "skipped_active",
  "suppressed",
  "filtered",
  "not_published",
] as const;

/** The events of the workspace's published flows, each with the flows it starts and example data. */
function usePublishedEvents(): { events: KnownEvent[]; loading: boolean } {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const flows = useQuery(
    trpc.flow.list.queryOptions({ workspaceSlug: slug, status: "published", pageSize: 100 }),
  );
  const published = (flows.data?.items ?? []).filter((f) => f.publishedVersion !== null);
  const versions = useQueries({
    queries: published.map((f) =>
      trpc.flow.getVersion.queryOptions(
        { workspaceSlug: slug, flowId: f.id, number: f.publishedVersion ?? 1 },
        { staleTime: Infinity },
      ),
    ),
  });
  const byName = new Map<string, KnownEvent>();
  published.forEach((flow, i) => {
    const document = versions[i]?.data;
    if (!document) return;
    for (const trigger of eventTriggers(document)) {
      const known = byName.get(trigger.eventName) ?? { eventName: trigger.eventName, flows: [], data: {} };
      known.flows.push({ id: flow.id, name: flow.name });
      known.data = { ...exampleData(trigger.fields), ...known.data };
      byName.set(trigger.eventName, known);
    }
  });
  return {
    events: [...byName.values()].sort((a, b) => a.eventName.localeCompare(b.eventName)),
    loading: flows.isPending || versions.some((v) => v.isPending),
  };
}

/** How to start flows from other systems: the events API in plain words, examples, errors, and a test call. */
export function DevelopersPage() {
  const t = useTranslations("developers");
  const to = useTranslations("runs.outcome");
  const workspace = useWorkspace();
  const origin = useOrigin();
  const { events, loading } = usePublishedEvents();
  const endpoint = `${origin}/api/v1/events`;
  const code = (text: string) => (
    <code dir="ltr" className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs">
      {text}
    </code>
  );

  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <div className="space-y-6">
        <Card>
          <CardHeader title={t("how.title")} />
          <div className="space-y-3 px-5 py-4 text-sm text-slate-700">
            <p>{t("how.intro")}</p>
            <p>
              {t.rich("how.endpoint", {
                endpoint: () => code(`POST ${endpoint}`),
              })}
            </p>
            <p>
              {t.rich("how.auth", {
                header: () => code("Authorization: Bearer rqk_…"),
                keys: (chunks) =>
                  workspace.can("admin") ? (
                    <Link
                      href={`/w/${workspace.slug}/settings/api-keys`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {chunks}
                    </Link>
                  ) : (
                    <span className="font-medium">{chunks}</span>
                  ),
              })}
            </p>
            <ul className="list-disc space-y-1 ps-5">
              <li>{t.rich("how.fields.name", { field: () => code("name") })}</li>
              <li>{t.rich("how.fields.phone", { field: () => code("contact.phone") })}</li>
              <li>
                {t.rich("how.fields.contact", {
                  name: () => code("contact.name"),
                  attributes: () => code("contact.attributes"),
                })}
              </li>
              <li>
                {t.rich("how.fields.data", {
                  field: () => code("data"),
                  expression: () => code("{{event.order_id}}"),
                })}
              </li>
              <li>
                {t.rich("how.fields.batch", { field: () => code("events"), max: MAX_EVENTS_PER_REQUEST })}
              </li>
            </ul>
            <p>
              {t.rich("how.answer", {
                status: () => code("202"),
                get: () => code("GET /api/v1/events/{id}"),
              })}
            </p>
            <ul className="space-y-1 ps-1 text-xs">
              {OUTCOMES.map((outcome) => (
                <li key={outcome} className="flex gap-2">
                  <span className="w-28 shrink-0">{code(outcome)}</span>
                  <span className="text-slate-600">{to(outcome)}</span>
                </li>
              ))}
            </ul>
          </div>
        </Card>

        <Card>
          <CardHeader title={t("examples.title")} description={t("examples.subtitle")} />
          <div className="space-y-6 px-5 py-4" data-testid="event-examples">
            {loading ? (
              <LoadingState label={t("examples.loading")} />
            ) : events.length === 0 ? (
              <>
                <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-600" data-testid="no-event-flows">
                  {t.rich("examples.none", {
                    flows: (chunks) => (
                      <Link
                        href={`/w/${workspace.slug}/flows`}
                        className="font-medium text-brand-700 hover:underline"
                      >
                        {chunks}
                      </Link>
                    ),
                  })}
                </p>
                <Example origin={origin} event={GENERIC_EVENT} />
              </>
            ) : (
              events.map((event) => <Example key={event.eventName} origin={origin} event={event} />)
            )}
          </div>
        </Card>

        <Card>
          <CardHeader title={t("errors.title")} description={t("errors.subtitle")} />
          <table className="w-full text-sm" data-testid="error-codes">
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th className="w-24 px-5 py-2 text-start font-medium">{t("errors.status")}</th>
                <th className="px-5 py-2 text-start font-medium">{t("errors.meaning")}</th>
                <th className="px-5 py-2 text-start font-medium">{t("errors.fix")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {ERROR_STATUSES.map((status) => (
                <tr key={status} className="align-top">
                  <td className="px-5 py-2.5 font-mono" dir="ltr">
                    {status}
                  </td>
                  <td className="px-5 py-2.5">{t(`errors.codes.${status}.meaning`)}</td>
                  <td className="px-5 py-2.5 text-slate-600">{t(`errors.codes.${status}.fix`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="border-t border-slate-100 px-5 py-3 text-xs text-slate-500">
            {t.rich("errors.shape", { shape: () => code('{"error": {"code": "…", "message": "…"}}') })}
          </p>
        </Card>

        <Card>
          <CardHeader title={t("idempotency.title")} />
          <div className="space-y-2 px-5 py-4 text-sm text-slate-700">
            <p>{t.rich("idempotency.body", { header: () => code("Idempotency-Key") })}</p>
            <p>{t.rich("idempotency.batch", { field: () => code("idempotencyKey") })}</p>
          </div>
        </Card>

        <Card>
          <CardHeader title={t("openapi.title")} />
          <p className="px-5 py-4 text-sm text-slate-700">
            {t.rich("openapi.body", {
              link: (chunks) => (
                <a
                  href="/api/v1/openapi.json"
                  target="_blank"
                  rel="noreferrer"
                  data-testid="openapi-link"
                  className="inline-flex items-center gap-1 font-medium text-brand-700 hover:underline"
                >
                  {chunks}
                  <ExternalLink aria-hidden className="size-3.5" />
                </a>
              ),
            })}
          </p>
        </Card>

        <Card>
          <CardHeader title={t("test.title")} description={t("test.subtitle")} />
          {loading ? (
            <LoadingState label={t("examples.loading")} />
          ) : (
            <TestEventForm
              key={events.map((e) => e.eventName).join("|")}
              events={events.length > 0 ? events : [GENERIC_EVENT]}
            />
          )}
        </Card>
      </div>
    </>
  );
}

function Example({ origin, event }: { origin: string; event: KnownEvent }) {
  const t = useTranslations("developers.examples");
  const body = { name: event.eventName, contact: EXAMPLE_CONTACT, data: event.data };
  return (
    <section data-testid={`event-example-${event.eventName}`}>
      <h3 className="text-sm font-semibold text-slate-900">
        <code dir="ltr" className="font-mono">
          {event.eventName}
        </code>
      </h3>
      <p className="mb-2 mt-0.5 text-xs text-slate-500">
        {event.flows.length > 0
          ? t("starts", { flows: event.flows.map((f) => f.name).join(", ") })
          : t("generic")}
        {Object.keys(event.data).length === 0 ? ` ${t("noData")}` : null}
      </p>
      <CodeBlock
        code={curlExample(origin, body, `${event.eventName}-1042`)}
        label={t("curlLabel", { event: event.eventName })}
        testId={`curl-${event.eventName}`}
      />
    </section>
  );
}
