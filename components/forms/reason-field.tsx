'use client';
// The one reason field: a text area checked against the shared reason rule (core/schemas/reason.ts)
// as it is typed, its message at the field in the reader's language. The dialog that holds it
// keeps its confirm button disabled while `reasonProblem(value)` is not null.
import { useTranslations } from 'next-intl';
import { reasonProblem } from '@/core/schemas/reason';
import { translateMessage } from '@/lib/trpc/errors';
import { FormField } from '@/components/ui/form-field';
import { Textarea } from '@/components/ui/textarea';

export function ReasonField({
  id,
  label,
  value,
  onChange,
  rows = 3,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  /** A message from the server (already translated); the rule's own message otherwise. */
  error?: string | undefined;
}) {
  const tAll = useTranslations();
  const problem = value === '' ? null : reasonProblem(value);
  return (
    <FormField id={id} label={label} required error={error ?? (problem ? translateMessage(tAll, problem) : undefined)}>
      <Textarea value={value} onChange={(e) => onChange(e.target.value)} rows={rows} />
    </FormField>
  );
}
