"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Send } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { jsonObjectText, parseJsonObject } from "@/components/runs/json-data";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input, Select } from "@/components/ui/input";
import { EVENT_NAME_PATTERN } from "@/lib/flow/nodes/trigger";
import { startManualRunSchema } from "@/lib/runs/inputs";
import { cn } from "@/lib/ui/cn";

/** An event name the workspace's published flows listen to, the flows, and example data for it. */
export interface KnownEvent {
  eventName: string;
  flows: { id: string; name: string }[];
  data: Record<string, unknown>;
}

const testEventSchema = z.object({
  apiKey: z.string().trim().min(1, "apiKeyRequired").max(200, "apiKeyRequired"),
  name: z.string().trim().min(1, "eventNameRequired").regex(EVENT_NAME_PATTERN, "eventNameInvalid"),
  phone: startManualRunSchema.shape.phone,
  contactName: z.string().trim().max(200, "nameTooLong"),
  data: jsonObjectText,
});

interface ApiAnswer {
  status: number;
  body: {
    events?: { id: string; duplicate: boolean }[];
    error?: { code?: string; message?: string };
  } | null;
}

type RunOutcome = { flowId: string; runId: string | null; outcome: string };

/** What GET /api/v1/events/{id} said: the runs once processed, or still pending after the last look. */
type Followed = { state: "pending" } | { state: "processed"; runs: RunOutcome[] };

/** Asks GET /api/v1/events/{id} until the event is processed (runs start within milliseconds), for 10 s at most. */
async function followEvent(id: string, apiKey: string): Promise<Followed> {
  const deadline = Date.now() + 10_000;
  for (let delay = 100; Date.now() < deadline; delay = Math.min(delay * 2, 1_000)) {
    const response = await fetch(`/api/v1/events/${encodeURIComponent(id)}`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    const json = (await response.json().catch(() => null)) as {
      event?: { status: string; runs: RunOutcome[] };
    } | null;
    if (json?.event?.status === "processed") return { state: "processed", runs: json.event.runs };
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  return { state: "pending" };
}

/**
 * Sends one real request to POST /api/v1/events from this page, with a key the reader pastes (used for
 * this request only, never stored), and shows what the API answered: the runs it started or its error.
 */
export function TestEventForm({ events }: { events: KnownEvent[] }) {
  const t = useTranslations("developers.test");
  const te = useTranslations("developers.errors.codes");
  const to = useTranslations("runs.outcome");
  const workspace = useWorkspace();
  const [answer, setAnswer] = useState<ApiAnswer | null>(null);
  const [followed, setFollowed] = useState<Followed | null>(null);
  const [networkError, setNetworkError] = useState(false);
  const first = events[0];
  const form = useForm({
    resolver: zodResolver(testEventSchema),
    mode: "onTouched",
    defaultValues: {
      apiKey: "",
      name: first?.eventName ?? "",
      phone: "",
      contactName: "",
      data: JSON.stringify(first?.data ?? {}, null, 2),
    },
  });
  const { errors, isSubmitting } = form.formState;
  const flowNames = new Map(events.flatMap((e) => e.flows.map((f) => [f.id, f.name] as const)));

  const submit = form.handleSubmit(async (input) => {
    setAnswer(null);
    setFollowed(null);
    setNetworkError(false);
    const body = {
      name: input.name,
      contact: { phone: input.phone, ...(input.contactName ? { name: input.contactName } : {}) },
      data: parseJsonObject(input.data) ?? {},
    };
    try {
      const response = await fetch("/api/v1/events", {
        method: "POST",
        headers: { authorization: `Bearer ${input.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const json = (await response.json().catch(() => null)) as ApiAnswer["body"];
      setAnswer({ status: response.status, body: json });
      const id = json?.events?.[0]?.id;
      if (response.status === 202 && id) setFollowed(await followEvent(id, input.apiKey));
    } catch {
      setNetworkError(true);
    }
  });

  const error = (name: keyof z.input<typeof testEventSchema>) => errors[name]?.message;

  return (
    <form onSubmit={submit} noValidate aria-label={t("title")} className="grid gap-5 p-5 md:grid-cols-2">
      <div className="space-y-4">
        <p className="rounded-md bg-slate-50 p-3 text-xs text-slate-600">{t("honest")}</p>
        <FormField id="test-api-key" label={t("apiKey")} hint={t("apiKeyHint")} error={error("apiKey")}>
          <Input
            id="test-api-key"
            type="password"
            dir="ltr"
            autoComplete="off"
            placeholder="rqk_…"
            className="font-mono text-start"
            aria-invalid={Boolean(errors.apiKey)}
            {...form.register("apiKey")}
          />
        </FormField>
        <FormField id="test-event-name" label={t("event")} error={error("name")}>
          <Select
            id="test-event-name"
            {...form.register("name", {
              onChange: (e: React.ChangeEvent<HTMLSelectElement>) => {
                const chosen = events.find((ev) => ev.eventName === e.target.value);
                if (chosen) form.setValue("data", JSON.stringify(chosen.data, null, 2));
              },
            })}
          >
            {events.map((e) => (
              <option key={e.eventName} value={e.eventName}>
                {e.eventName}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="test-event-phone" label={t("phone")} hint={t("phoneHint")} error={error("phone")}>
          <Input
            id="test-event-phone"
            type="tel"
            dir="ltr"
            autoComplete="off"
            placeholder="+1 650 555 0100"
            className="text-start"
            aria-invalid={Boolean(errors.phone)}
            {...form.register("phone")}
          />
        </FormField>
        <FormField id="test-event-contact-name" label={t("contactName")} error={error("contactName")}>
          <Input
            id="test-event-contact-name"
            dir="auto"
            autoComplete="off"
            {...form.register("contactName")}
          />
        </FormField>
      </div>
      <div className="space-y-4">
        <FormField id="test-event-data" label={t("data")} hint={t("dataHint")} error={error("data")}>
          <textarea
            id="test-event-data"
            dir="ltr"
            rows={8}
            spellCheck={false}
            aria-invalid={Boolean(errors.data)}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-start font-mono text-xs shadow-xs focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/20 aria-[invalid=true]:border-red-500"
            {...form.register("data")}
          />
        </FormField>
        <div className="flex justify-end">
          <Button type="submit" disabled={isSubmitting} data-testid="test-event-submit">
            <Send aria-hidden className="size-4 rtl:-scale-x-100" />
            {isSubmitting ? t("sending") : t("send")}
          </Button>
        </div>
        {networkError ? (
          <p role="alert" className="text-sm text-red-600">
            {t("networkError")}
          </p>
        ) : null}
        {answer ? (
          <div
            role="status"
            data-testid="test-event-answer"
            data-status={answer.status}
            className={cn(
              "rounded-md p-3 text-sm",
              answer.status === 202 ? "bg-brand-50 text-brand-900" : "bg-red-50 text-red-800",
            )}
          >
            <p className="font-medium">
              <span dir="ltr" className="font-mono">
                {answer.status}
              </span>{" "}
              {answer.status === 202
                ? t("accepted")
                : te.has(`${answer.status}.meaning`)
                  ? te(`${answer.status}.meaning`)
                  : t("failed")}
            </p>
            {answer.body?.error?.message ? (
              <p className="mt-1 text-xs" dir="ltr">
                {answer.body.error.message}
              </p>
            ) : null}
            {answer.status === 202 ? (
              followed === null ? (
                <p className="mt-1 text-xs" data-testid="test-event-starting">
                  {t("starting")}
                </p>
              ) : followed.state === "pending" ? (
                <p className="mt-1 text-xs">{t("stillPending")}</p>
              ) : followed.runs.length === 0 ? (
                <p className="mt-1 text-xs">{t("noFlows")}</p>
              ) : (
                <ul className="mt-1 space-y-1 text-xs">
                  {followed.runs.map((run, i) => (
                    <li key={`${run.flowId}-${i}`} data-testid="test-event-run" data-outcome={run.outcome}>
                      <span dir="auto" className="font-medium">
                        {flowNames.get(run.flowId) ?? t("aFlow")}
                      </span>
                      {": "}
                      {to.has(run.outcome) ? to(run.outcome) : run.outcome}
                      {run.runId ? (
                        <>
                          {" · "}
                          <Link
                            href={`/w/${workspace.slug}/runs/${run.runId}`}
                            className="font-medium text-brand-700 underline"
                          >
                            {t("openRun")}
                          </Link>
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )
            ) : null}
          </div>
        ) : null}
      </div>
    </form>
  );
}
