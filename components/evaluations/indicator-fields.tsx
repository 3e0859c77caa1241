'use client';
// One indicator of the evaluation form: its direction, range and last period's value, the value,
// evidence and note fields, the red-flag warning and, in a conflict, the versions stored meanwhile.
import { useLocale, useTranslations } from 'next-intl';
import { ArrowDown, ArrowUp, Flag } from 'lucide-react';
import { parseValueText } from '@/core/domain/evaluation-values';
import { labelOf, pickName } from '@/core/i18n/label';
import { Badge } from '@/components/ui/badge';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { translateKeyed } from './messages';
import { fieldId, type Conflict, type Entry, type EntryField, type EvaluationView } from './use-evaluation-draft';
import { formatNumber } from '@/core/i18n/format';

type Indicator = EvaluationView['indicators'][number];

export function IndicatorFields({
  indicator: d,
  entry,
  previous,
  conflicts,
  errors,
  canEdit,
  onChange,
}: {
  indicator: Indicator;
  entry: Entry;
  previous: { periodCode: string; value: number | null | undefined } | null;
  /** This indicator's fields someone else changed meanwhile too (chosen in the conflict alert). */
  conflicts: Conflict[];
  errors: Record<string, string>;
  canEdit: boolean;
  onChange: (field: EntryField, value: string) => void;
}) {
  const t = useTranslations('evaluations.editor');
  const tAll = useTranslations();
  const locale = useLocale();
  const num = (n: number) => formatNumber(n, locale, { digits: 4 });
  const msg = (field: EntryField) => translateKeyed(tAll, errors[`${d.code}.${field}`]);
  const parsed = parseValueText(entry.value);
  const redFlag = d.redFlagAbove !== null && parsed !== null && !Number.isNaN(parsed) && parsed > d.redFlagAbove;
  const range =
    d.min !== null && d.max !== null
      ? t('range', { min: num(d.min), max: num(d.max), unit: d.unit })
      : d.min !== null
        ? t('rangeMin', { min: num(d.min), unit: d.unit })
        : d.max !== null
          ? t('rangeMax', { max: num(d.max), unit: d.unit })
          : null;
  return (
    <div className="grid gap-3 px-4 py-4" data-testid={`indicator-${d.code}`}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
        <span className="inline-flex items-center gap-1">
          {d.direction === 'higher' ? <ArrowUp aria-hidden="true" className="size-3.5" /> : <ArrowDown aria-hidden="true" className="size-3.5" />}
          {d.direction === 'higher' ? t('higherBetter') : t('lowerBetter')}
        </span>
        {range ? <span>{range}</span> : null}
        <span>
          {previous
            ? t('previous', { period: previous.periodCode, value: previous.value === null || previous.value === undefined ? '—' : `${num(previous.value)} ${d.unit}` })
            : t('noPrevious')}
        </span>
        {d.peerDependent ? <Badge variant="info">{t('peerDependent')}</Badge> : null}
      </div>
      <div className="grid gap-3 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)]">
        <FormField id={fieldId(`${d.code}.value`)} label={pickName(labelOf(d), locale)} description={d.unit ? t('unit', { unit: d.unit }) : undefined} error={msg('value')}>
          <Input inputMode="decimal" value={entry.value} onChange={(ev) => onChange('value', ev.target.value)} readOnly={!canEdit} className="tabular-nums" autoComplete="off" />
        </FormField>
        <div className="grid gap-3">
          <FormField id={fieldId(`${d.code}.evidenceUrl`)} label={t('evidence')} required={d.evidenceRequired} error={msg('evidenceUrl')}>
            <Input type="url" value={entry.evidenceUrl} onChange={(ev) => onChange('evidenceUrl', ev.target.value)} readOnly={!canEdit} placeholder="https://" autoComplete="off" />
          </FormField>
          <FormField id={fieldId(`${d.code}.note`)} label={t('note')} error={msg('note')}>
            <Input value={entry.note} onChange={(ev) => onChange('note', ev.target.value)} readOnly={!canEdit} autoComplete="off" />
          </FormField>
        </div>
      </div>
      {redFlag ? (
        <p className="flex items-center gap-1.5 text-sm font-medium text-danger">
          <Flag aria-hidden="true" className="size-4" />
          {t('redFlag', { limit: num(d.redFlagAbove!) })}
        </p>
      ) : null}
      {conflicts.map((c) => (
        <p key={c.field} className="text-sm text-warning-foreground" data-testid={`their-${c.field}`}>
          {t('theirValue', { field: c.field === 'value' ? t('conflictFieldValue') : c.field === 'note' ? t('note') : t('evidence'), value: c.theirs === '' ? '—' : c.theirs })}
        </p>
      ))}
    </div>
  );
}
