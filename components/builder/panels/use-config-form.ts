"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useCallback, useEffect, useRef } from "react";
import {
  useForm,
  type DefaultValues,
  type FieldPath,
  type FieldPathValue,
  type FieldValues,
  type Resolver,
  type UseFormReturn,
} from "react-hook-form";
import type { z } from "zod";
import type { NodeConfigOf, NodeType } from "@/lib/flow/schema";
import { useBuilderStore } from "../store";

const DEBOUNCE_MS = 250;

/**
 * A node's side-panel form: react-hook-form validated by the node's zod config schema, applied live to
 * the store. Typing is debounced and each field's edits are coalesced into one undo step; structural
 * edits (adding a branch, picking a template) are steps of their own. Invalid values stay in the form
 * with their message and never reach the document. Undo/redo (or another change to the node) resets
 * the form to what the store holds.
 */
export interface ConfigForm<C extends FieldValues> {
  form: UseFormReturn<C>;
  /**
   * Sets a value from a custom control. With `fieldKey`, edits of that key in quick succession are one
   * undo step (typing); without, the change is a step of its own (add, remove, pick).
   */
  edit: <P extends FieldPath<C>>(name: P, value: FieldPathValue<C, P>, fieldKey?: string) => void;
}

export function useConfigForm<C extends NodeConfigOf<NodeType> & FieldValues>(
  nodeId: string,
  schema: z.ZodType<C, unknown>,
  config: C,
): ConfigForm<C> {
  const form = useForm<C>({
    // The schema's output is the config itself: the store always holds parsed (defaulted) configs.
    resolver: zodResolver(schema as z.ZodType<C, FieldValues>) as unknown as Resolver<C>,
    defaultValues: config as DefaultValues<C>,
    mode: "onChange",
  });
  const written = useRef<C>(config);
  const resetting = useRef(false);
  const pending = useRef<{ key: string | undefined } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const formRef = useRef(form);
  const keyOverride = useRef<string | null>(null);
  const schemaRef = useRef(schema);

  useEffect(() => {
    function commit() {
      clearTimeout(timer.current);
      const job = pending.current;
      if (!job) return;
      pending.current = null;
      const parsed = schemaRef.current.safeParse(formRef.current.getValues());
      if (!parsed.success) return;
      written.current = parsed.data;
      useBuilderStore.getState().updateConfig(nodeId, parsed.data, job.key);
    }
    const subscription = formRef.current.watch((_values, { name, type }) => {
      if (resetting.current) return;
      // Typing in a field ("change") coalesces per field; anything else is its own undo step.
      const key =
        keyOverride.current !== null
          ? keyOverride.current || undefined
          : type === "change" && name
            ? `${nodeId}:${name}`
            : undefined;
      if (pending.current && pending.current.key !== key) commit();
      pending.current = { key };
      clearTimeout(timer.current);
      timer.current = setTimeout(commit, key ? DEBOUNCE_MS : 0);
    });
    return () => {
      subscription.unsubscribe();
      commit();
    };
  }, [nodeId]);

  useEffect(() => {
    if (config === written.current) return;
    written.current = config;
    resetting.current = true;
    formRef.current.reset(config);
    resetting.current = false;
  }, [config]);

  const edit = useCallback<ConfigForm<C>["edit"]>(
    (name, value, fieldKey) => {
      keyOverride.current = fieldKey ? `${nodeId}:${fieldKey}` : "";
      try {
        formRef.current.setValue(name, value, { shouldValidate: true, shouldDirty: true });
      } finally {
        keyOverride.current = null;
      }
    },
    [nodeId],
  );

  return { form, edit };
}
