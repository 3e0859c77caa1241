'use client';
// Bulk submit from the work list: rows picked with checkboxes, then "submit N complete drafts". The
// server submits the complete ones in one transaction and names each skipped one with its reason.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';

/** A row that could be selected: an editable evaluation, with how many fields block its submit. */
export type Selectable = { evaluationId: number; revision: number; fieldsToFix: number; code: string; name: string };

export function useDraftSelection() {
  const [picked, setPicked] = useState<Map<number, Selectable>>(new Map());
  const toggle = (row: Selectable, on: boolean) =>
    setPicked((m) => {
      const next = new Map(m);
      if (on) next.set(row.evaluationId, row);
      else next.delete(row.evaluationId);
      return next;
    });
  const setAll = (rows: Selectable[], on: boolean) => setPicked(on ? new Map(rows.map((r) => [r.evaluationId, r])) : new Map());
  return { picked, toggle, setAll, clear: () => setPicked(new Map()) };
}

export function RowCheckbox({ row, selection }: { row: Selectable; selection: ReturnType<typeof useDraftSelection> }) {
  const t = useTranslations('workQueue');
  return (
    <Checkbox
      checked={selection.picked.has(row.evaluationId)}
      onCheckedChange={(c) => selection.toggle(row, c === true)}
      aria-label={t('select', { name: row.name })}
      data-testid={`select-${row.code}`}
    />
  );
}

export function PageCheckbox({ rows, selection }: { rows: Selectable[]; selection: ReturnType<typeof useDraftSelection> }) {
  const t = useTranslations('workQueue');
  const n = rows.filter((r) => selection.picked.has(r.evaluationId)).length;
  if (rows.length === 0) return null;
  return (
    <Checkbox
      checked={n === 0 ? false : n === rows.length ? true : 'indeterminate'}
      onCheckedChange={(c) => selection.setAll(rows, c === true)}
      aria-label={t('selectPage')}
    />
  );
}

type Outcome = { submitted: number; skipped: { id: number; stakeholderCode: string; reason: 'not_editable' | 'stale_revision' | 'values_invalid'; fields: number }[] };

export function BulkSubmitBar({ selection, onDone }: { selection: ReturnType<typeof useDraftSelection>; onDone: () => void }) {
  const t = useTranslations('workQueue.bulk');
  const trpc = useTRPC();
  const submit = useMutation(trpc.evaluations.submitDrafts.mutationOptions());
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const rows = [...selection.picked.values()];
  const complete = rows.filter((r) => r.fieldsToFix === 0).length;

  async function run() {
    setError(null);
    try {
      const r = await submit.mutateAsync({ items: rows.map((s) => ({ id: s.evaluationId, revision: s.revision })) });
      setOutcome({ submitted: r.submitted.length, skipped: r.skipped });
      selection.clear();
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <div className="grid gap-2">
      {outcome ? (
        <Alert variant={outcome.skipped.length ? 'warning' : 'success'} title={t('done', { n: outcome.submitted })} data-testid="bulk-outcome">
          {outcome.skipped.length ? (
            <>
              <p className="font-medium">{t('skippedTitle', { n: outcome.skipped.length })}</p>
              <ul className="list-disc pl-5">
                {outcome.skipped.map((s) => (
                  <li key={s.id}>{t(`reason.${s.reason}`, { code: s.stakeholderCode, fields: s.fields })}</li>
                ))}
              </ul>
            </>
          ) : null}
        </Alert>
      ) : null}
      {error ? <Alert variant="error" title={t('failed')}>{error}</Alert> : null}
      {rows.length > 0 ? (
        <div className="flex flex-wrap items-center gap-3 rounded-lg border bg-surface p-3 text-sm" role="region" aria-label={t('selected', { n: rows.length })}>
          <span className="font-medium">{t('selected', { n: rows.length })}</span>
          {rows.length > complete ? <span className="text-muted-foreground">{t('incompleteNote', { n: rows.length - complete })}</span> : null}
          <div className="ml-auto flex gap-2">
            <Button size="sm" variant="ghost" onClick={selection.clear}>{t('clear')}</Button>
            <Button size="sm" onClick={run} loading={submit.isPending} disabled={complete === 0} data-testid="bulk-submit">
              {t('submit', { n: complete })}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
