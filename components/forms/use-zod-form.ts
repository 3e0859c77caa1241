'use client';
// The one way a form validates and saves: parse the values with the same zod schema the server
// uses, show each problem at its field, focus the first invalid control, call the mutation, and
// put the server's field errors back on the fields (other failures go to the form's alert).
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
// zod's core: forms take full or mini schemas, and parsing through the core does not pull in the
// full schema library.
import { safeParse, type $ZodType, type output } from 'zod/v4/core';
import { fieldErrorsOf as issuesByField } from '@/core/schemas/field-errors';
import { fieldErrorsOf, translateMessage, type FieldErrorMap } from '@/lib/trpc/errors';

export interface ZodFormOptions<V, S extends $ZodType> {
  initial: V | (() => V);
  schema: S;
  /** The schema's input from the form's values (text to numbers and the like); the values themselves by default. */
  toInput?: (values: V) => unknown;
  /** Saves the parsed data; throwing a tRPC error with field errors puts them on the fields. */
  submit: (data: output<S>) => Promise<unknown>;
  /** The field that takes problems without a path (a check across fields); `_` by default. */
  rootField?: string;
  /** The form's alert while fields are invalid; without it only the fields say what is wrong. */
  invalidMessage?: string;
}

export interface ZodForm<V> {
  values: V;
  /** Sets one value; that field's error (and those under it) goes away until the next save. */
  set: <K extends keyof V>(key: K, value: V[K]) => void;
  /** Changes several values at once (the field errors of `clear` go away). */
  update: (fn: (values: V) => V, clear?: string[]) => void;
  errors: FieldErrorMap;
  /** The translated error at a field (its dotted path), if any. */
  error: (key: string) => string | undefined;
  formError: string | null;
  /** The form's onSubmit (the form should also be `noValidate`). */
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  submitting: boolean;
}

function without(errors: FieldErrorMap, prefixes: string[]): FieldErrorMap {
  const kept = Object.fromEntries(Object.entries(errors).filter(([k]) => !prefixes.some((p) => k === p || k.startsWith(`${p}.`))));
  return Object.keys(kept).length === Object.keys(errors).length ? errors : kept;
}

export function useZodForm<V, S extends $ZodType>(options: ZodFormOptions<V, S>): ZodForm<V> {
  const { schema, toInput, submit, rootField = '_', invalidMessage } = options;
  const tAll = useTranslations();
  const [values, setValues] = useState<V>(options.initial);
  const [errors, setErrors] = useState<FieldErrorMap>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // Focus moves once the errors are rendered (aria-invalid is set by FormField), within the form
  // that was submitted.
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement | null>(null);
  useEffect(() => {
    if (focusRequest > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  const showErrors = useCallback(
    (fe: FieldErrorMap, otherwise: string | null) => {
      setErrors(fe);
      const invalid = Object.keys(fe).length > 0;
      setFormError(invalid ? (invalidMessage ?? null) : otherwise);
      if (invalid) setFocusRequest((n) => n + 1);
    },
    [invalidMessage],
  );

  const set = useCallback(<K extends keyof V>(key: K, value: V[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => without(e, [String(key)]));
  }, []);
  const update = useCallback((fn: (values: V) => V, clear: string[] = []) => {
    setValues(fn);
    if (clear.length) setErrors((e) => without(e, clear));
  }, []);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    formRef.current = e.currentTarget;
    setFormError(null);
    const parsed = safeParse(schema, toInput ? toInput(values) : values);
    if (!parsed.success) {
      const fe: FieldErrorMap = {};
      for (const [key, messages] of Object.entries(issuesByField(parsed.error.issues))) fe[key === '_' ? rootField : key] ??= messages[0]!;
      showErrors(fe, null);
      return;
    }
    setErrors({});
    setSubmitting(true);
    submit(parsed.data)
      .catch((err: unknown) => showErrors(fieldErrorsOf(err), err instanceof Error ? err.message : String(err)))
      .finally(() => setSubmitting(false));
  };

  const error = (key: string) => (errors[key] ? translateMessage(tAll, errors[key]) : undefined);
  return { values, set, update, errors, error, formError, onSubmit, submitting };
}
