'use client';
// One indicator of the evaluation form: its direction, range, previous approved value and the
// change since (flagged when unusual), the value, evidence and note fields (the evidence as a safe
// link), the red-flag warning, the reviewer's comment from a return or, while reviewing, the field
// for one, and in a conflict the versions stored meanwhile.
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { ArrowDown, ArrowUp, Flag, MessageSquare } from 'lucide-react';
import { parseValueText } from '@/core/domain/value-checks';
import { labelOf, pickName } from '@/core/i18n/label';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { RETURN_COMMENT_MAX } from '@/core/schemas/evaluation-limits';
import { EvidenceLink } from './evidence-link';
import { ValueChangeLine, type Previous } from './value-change-line';
import { translateKeyed } from './messages';
import { fieldId, type Conflict, type Entry, type EntryField, type EvaluationView } from './use-evaluation-draft';
import { formatNumber } from '@/core/i18n/format';
import { formatValueWithUnit, unitName } from '@/core/i18n/units';

type Indicator = EvaluationView['indicators'][number];

export function IndicatorFields({
  indicator: d,
  entry,
  previous,
  returnComment,
  review,
  conflicts,
  errors,
  canEdit,
  onChange,
}: {
  indicator: Indicator;
  entry: Entry;
  previous: Previous | undefined;
  /** The reviewer's comment on this indicator from the return the assessor is working on. */
  returnComment: string | undefined;
  /** While the evaluation can be returned: the comment the reviewer is writing for this indicator. */
  review: { comment: string; onComment: (text: string) => void } | null;
  /** This indicator's fields someone else changed meanwhile too (chosen in the conflict alert). */
  conflicts: Conflict[];
  errors: Record<string, string>;
  canEdit: boolean;
  onChange: (field: EntryField, value: string) => void;
}) {
  const t = useTranslations('evaluations.editor');
  const tr = useTranslations('reviewerTools');
  const [commenting, setCommenting] = useState(false);
  const tAll = useTranslations();
  const locale = useLocale();
  const num = (n: number) => formatValueWithUnit(n, d.unit, locale, { digits: 4 });
  const msg = (field: EntryField) => translateKeyed(tAll, errors[`${d.code}.${field}`], locale);
  const parsed = parseValueText(entry.value);
  const redFlag = d.redFlagAbove !== null && parsed !== null && !Number.isNaN(parsed) && parsed > d.redFlagAbove;
  const range =
    d.min !== null && d.max !== null
      ? t('range', { min: formatNumber(d.min, locale, { digits: 4 }), max: num(d.max) })
      : d.min !== null
        ? t('rangeMin', { min: num(d.min) })
        : d.max !== null
          ? t('rangeMax', { max: num(d.max) })
          : null;
  return (
    <div className="grid gap-3 px-4 py-4" data-testid={`indicator-${d.code}`}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
        <span className="inline-flex items-center gap-1">
          {d.direction === 'higher' ? <ArrowUp aria-hidden="true" className="size-3.5" /> : <ArrowDown aria-hidden="true" className="size-3.5" />}
          {d.direction === 'higher' ? t('higherBetter') : t('lowerBetter')}
        </span>
        {range ? <span>{range}</span> : null}
        <ValueChangeLine previous={previous} current={parsed === null || Number.isNaN(parsed) ? null : parsed} unit={d.unit} code={d.code} />
        {d.peerDependent ? <Badge variant="info">{t('peerDependent')}</Badge> : null}
      </div>
      <div className="grid min-w-0 gap-3 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)]">
        <FormField id={fieldId(`${d.code}.value`)} label={pickName(labelOf(d), locale)} description={d.unit ? t('unit', { unit: unitName(d.unit, locale) }) : undefined} error={msg('value')}>
          <Input inputMode="decimal" value={entry.value} onChange={(ev) => onChange('value', ev.target.value)} readOnly={!canEdit} className="tabular-nums" autoComplete="off" />
        </FormField>
        <div className="grid min-w-0 gap-3">
          {canEdit ? (
            <FormField id={fieldId(`${d.code}.evidenceUrl`)} label={t('evidence')} required={d.evidenceRequired} error={msg('evidenceUrl')}>
              <Input type="url" value={entry.evidenceUrl} onChange={(ev) => onChange('evidenceUrl', ev.target.value)} placeholder="https://" autoComplete="off" />
            </FormField>
          ) : (
            <div className="grid min-w-0 gap-1.5">
              <span className="text-sm font-medium">{t('evidence')}</span>
              <EvidenceLink url={entry.evidenceUrl} testId={`evidence-${d.code}`} />
            </div>
          )}
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
      {returnComment ? (
        <div className="flex gap-2 rounded-md border border-warning-border bg-warning-subtle px-3 py-2 text-sm text-warning-foreground" data-testid={`return-comment-${d.code}`}>
          <MessageSquare aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <p>
            <span className="font-medium">{tr('comments.fromReviewer')}</span>
            {tr('change.colon')}
            {returnComment}
          </p>
        </div>
      ) : null}
      {review && (commenting || review.comment) ? (
        <FormField id={`review-comment-${d.code}`} label={tr('comments.label')} description={tr('comments.hint')}>
          <Textarea value={review.comment} onChange={(ev) => review.onComment(ev.target.value)} rows={2} maxLength={RETURN_COMMENT_MAX} autoFocus={commenting} />
        </FormField>
      ) : review ? (
        // Closed until wanted: eight open boxes would bury the values being reviewed.
        <Button type="button" variant="ghost" size="sm" className="justify-self-start" onClick={() => setCommenting(true)} data-testid={`add-comment-${d.code}`}>
          <MessageSquare aria-hidden="true" className="size-4" />
          {tr('comments.add')}
        </Button>
      ) : null}
      {conflicts.map((c) => (
        <p key={c.field} className="text-sm text-warning-foreground" data-testid={`their-${c.field}`}>
          {t('theirValue', { field: c.field === 'value' ? t('conflictFieldValue') : c.field === 'note' ? t('note') : t('evidence'), value: c.theirs === '' ? '—' : c.theirs })}
        </p>
      ))}
    </div>
  );
}
