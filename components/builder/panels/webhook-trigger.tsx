"use client";

import { useMutation } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { Send } from "lucide-react";
import { useParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useWatch, type UseFormReturn } from "react-hook-form";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { useErrorMessage } from "@/components/ui/use-error-message";
import type { TriggerConfig } from "@/lib/flow/nodes/trigger";
import { exampleHookBody } from "@/lib/runs/hook-example";
import { DEFAULT_HOOK_MAPPING, hookMappingSchema, type HookMapping } from "@/lib/runs/hook-mapping";
import { parseJsonPath } from "@/lib/runs/json-path";
import { cn } from "@/lib/ui/cn";
import type { AppRouter } from "@/server/api/root";
import { inputClass, PanelField, SectionTitle } from "./fields";
import { WebhookHookCard } from "./webhook-hook";

type TestResult = inferRouterOutputs<AppRouter>["hook"]["testPayload"];

/** What is wrong with a mapping path, as a key of `hooks.pathErrors`, or null when it reads. */
function pathProblem(value: string | undefined, required: boolean): string | null {
  const path = (value ?? "").trim();
  if (path === "" || path === "$") return required ? "required" : null;
  const parsed = parseJsonPath(path);
  return parsed.ok ? null : parsed.problem;
}

const MAPPING_FIELDS = [
  { key: "phone", label: "phonePath", hint: "phonePathHint", placeholder: "customer.phone", required: true },
  {
    key: "name",
    label: "namePath",
    hint: "namePathHint",
    placeholder: "customer.first_name",
    required: false,
  },
  { key: "data", label: "dataPath", hint: "dataPathHint", placeholder: "order", required: false },
] as const;

/**
 * The webhook kind of the trigger panel: the hook (address, authentication, secret, curl example), the
 * mapping of the body (validated inline by the same schema as the server) and "Send test payload".
 */
export function WebhookTriggerSection({
  nodeId,
  form,
  readOnly,
}: {
  nodeId: string;
  form: UseFormReturn<TriggerConfig>;
  readOnly: boolean;
}) {
  const t = useTranslations("hooks");
  const { flowId } = useParams<{ flowId: string }>();
  const workspace = useWorkspace();
  const canEdit = !readOnly && workspace.can("editor");
  const watched = useWatch({ control: form.control, name: "mapping" });
  const mapping = hookMappingSchema.safeParse(watched ?? DEFAULT_HOOK_MAPPING);
  const valid: HookMapping | null = mapping.success ? mapping.data : null;
  const example = JSON.stringify(exampleHookBody(valid ?? DEFAULT_HOOK_MAPPING));

  return (
    <div className="space-y-3">
      <WebhookHookCard flowId={flowId} nodeId={nodeId} canEdit={canEdit} exampleBody={example} />

      <SectionTitle>{t("mapping")}</SectionTitle>
      <p className="text-xs text-slate-500">{t("mappingHelp")}</p>
      {MAPPING_FIELDS.map((field) => {
        const id = `hook-mapping-${field.key}`;
        const problem = pathProblem(watched?.[field.key], field.required);
        return (
          <PanelField
            key={field.key}
            id={id}
            label={t(field.label)}
            hint={t(field.hint)}
            error={problem ? { type: "custom", message: t(`pathErrors.${problem}`) } : undefined}
          >
            <input
              id={id}
              dir="ltr"
              placeholder={field.placeholder}
              aria-invalid={problem !== null}
              aria-describedby={problem ? `${id}-error` : undefined}
              className={cn(inputClass, "h-9 font-mono")}
              {...form.register(`mapping.${field.key}`)}
            />
          </PanelField>
        );
      })}

      <TestPayload flowId={flowId} nodeId={nodeId} mapping={valid} initialSample={example} />
    </div>
  );
}

function TestPayload({
  flowId,
  nodeId,
  mapping,
  initialSample,
}: {
  flowId: string;
  nodeId: string;
  mapping: HookMapping | null;
  initialSample: string;
}) {
  const t = useTranslations("hooks");
  const trpc = useTRPC();
  const describeError = useErrorMessage();
  const { slug } = useWorkspace();
  const [sample, setSample] = useState(() => JSON.stringify(JSON.parse(initialSample), null, 2));
  const test = useMutation(trpc.hook.testPayload.mutationOptions());

  return (
    <div className="space-y-2">
      <SectionTitle>{t("test")}</SectionTitle>
      <p className="text-xs text-slate-500">{t("testHelp")}</p>
      <PanelField id="hook-sample" label={t("sample")}>
        <textarea
          id="hook-sample"
          dir="ltr"
          rows={6}
          spellCheck={false}
          value={sample}
          onChange={(e) => setSample(e.currentTarget.value)}
          className={cn(inputClass, "py-2 font-mono text-xs")}
        />
      </PanelField>
      <Button
        size="sm"
        variant="secondary"
        disabled={!mapping || test.isPending}
        onClick={() => mapping && test.mutate({ workspaceSlug: slug, flowId, nodeId, sample, mapping })}
      >
        <Send aria-hidden className="size-4 rtl:-scale-x-100" />
        {test.isPending ? t("sending") : t("send")}
      </Button>
      {!mapping ? <p className="text-xs text-red-600">{t("fixMapping")}</p> : null}
      <div aria-live="polite">
        {test.isError ? (
          <p role="alert" className="text-xs text-red-600">
            {describeError(test.error)}
          </p>
        ) : test.data ? (
          <TestResultView result={test.data} />
        ) : null}
      </div>
    </div>
  );
}

function TestResultView({ result }: { result: TestResult }) {
  const t = useTranslations("hooks");
  if (!result.ok) {
    const { problem, path, value } = result.error;
    return (
      <div
        data-testid="hook-test-result"
        data-ok="false"
        className="space-y-1 rounded-md border border-red-200 bg-red-50 p-2 text-xs text-red-700"
      >
        <p className="font-medium">{t("resultFailed")}</p>
        <p>{t(`problems.${problem}`, { path: path ?? "", value: value ?? "" })}</p>
        <p dir="ltr" className="text-start font-mono text-[11px] text-red-600">
          {result.error.message}
        </p>
      </div>
    );
  }
  return (
    <div
      data-testid="hook-test-result"
      data-ok="true"
      className="space-y-1 rounded-md border border-emerald-200 bg-emerald-50 p-2 text-xs text-emerald-900"
    >
      <p className="font-medium">{t("resultOk")}</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        <dt>{t("resultPhone")}</dt>
        <dd dir="ltr" className="text-start font-mono" data-testid="hook-test-phone">
          {result.phone}
        </dd>
        <dt>{t("resultName")}</dt>
        <dd>{result.name ?? t("resultNoName")}</dd>
        <dt>{t("resultData")}</dt>
        <dd>
          <pre dir="ltr" className="max-h-40 overflow-auto text-start font-mono text-[11px]">
            {JSON.stringify(result.data, null, 2)}
          </pre>
        </dd>
      </dl>
    </div>
  );
}
