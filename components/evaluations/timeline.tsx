'use client';
// The evaluation's history from the audit log, each entry with what it changed ("Population covered
// 120 → 135, note added"); consecutive autosaves by one person fold into one entry with their net
// change. A return lists the reviewer's comments on single indicators.
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { foldChanges, changeKind, type EntryChanges, type RecordedChange } from '@/core/domain/evaluation-history';
import type { IndicatorDef } from '@/core/domain/evaluation-values';
import { labelOf, pickName } from '@/core/i18n/label';
import { formatValueWithUnit } from '@/core/i18n/units';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { LangText } from '@/components/ui/lang-text';

type Entry = {
  id: number;
  at: Date;
  action: string;
  actorName: string | null;
  reason: string | null;
  changes: EntryChanges;
  comments: { code: string; comment: string }[];
};
type Folded = Entry & { count: number; parts: EntryChanges[] };
/** Phrases shown per entry before "and N more". */
const SHOWN = 8;

const KNOWN = new Set(['evaluation.create', 'evaluation.save', 'evaluation.submit', 'evaluation.approve', 'evaluation.return', 'evaluation.reopen', 'evaluation.import']);

export function Timeline({ entries, indicators }: { entries: readonly Entry[]; indicators: readonly IndicatorDef[] }) {
  const t = useTranslations('evaluations.timeline');
  const tr = useTranslations('reviewerTools.timeline');
  const format = useFormatter();
  const locale = useLocale();
  const byCode = new Map(indicators.map((d) => [d.code, d]));
  const nameOf = (code: string) => {
    const d = byCode.get(code);
    return d ? pickName(labelOf(d), locale) : code;
  };
  const shown = (code: string, v: RecordedChange['to'] | undefined) =>
    v === null || v === undefined ? '—' : typeof v === 'number' ? formatValueWithUnit(v, byCode.get(code)?.unit, locale, { digits: 4 }) : v;
  const phrase = (c: RecordedChange) => {
    if (c.field === 'value') return c.from === undefined || c.from === null ? tr('valueSet', { to: shown(c.code, c.to) }) : tr('valueChange', { from: shown(c.code, c.from), to: shown(c.code, c.to) });
    return tr(`${c.field}.${changeKind(c)}`);
  };
  /** One phrase per indicator: its name, then what changed in it. */
  const describe = (changes: RecordedChange[]) => {
    const byIndicator = new Map<string, string[]>();
    for (const c of changes) byIndicator.set(c.code, [...(byIndicator.get(c.code) ?? []), phrase(c)]);
    const all = [...byIndicator].map(([code, parts]) => tr('indicator', { indicator: nameOf(code), changes: parts.join(tr('partSeparator')) }));
    const text = all.slice(0, SHOWN).join(tr('separator'));
    return all.length > SHOWN ? `${text}${tr('separator')}${tr('more', { n: all.length - SHOWN })}` : text;
  };

  const folded: Folded[] = [];
  for (const e of entries) {
    const last = folded[folded.length - 1];
    if (last && e.action === 'evaluation.save' && last.action === 'evaluation.save' && last.actorName === e.actorName) {
      last.count++;
      last.at = e.at;
      last.parts.push(e.changes);
    } else folded.push({ ...e, count: 1, parts: [e.changes] });
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">{t('title')}</CardTitle>
      </CardHeader>
      <CardContent>
        {folded.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('empty')}</p>
        ) : (
          <ol className="relative grid gap-4 border-l pl-5" data-testid="timeline">
            {folded.map((e) => (
              <li key={e.id} className="relative">
                <span aria-hidden="true" className="absolute -left-[1.6rem] top-1.5 size-2.5 rounded-full bg-primary" />
                <p className="text-sm">
                  <span className="font-medium">{KNOWN.has(e.action) ? t(`actions.${e.action.replace('evaluation.', '')}`, { count: e.count }) : e.action}</span>
                  {' · '}
                  {e.actorName ? <LangText>{e.actorName}</LangText> : t('system')}
                </p>
                <p className="text-xs text-muted-foreground tabular-nums">
                  <time dateTime={new Date(e.at).toISOString()}>{format.dateTime(new Date(e.at), { dateStyle: 'medium', timeStyle: 'short' })}</time>
                </p>
                <Changes changes={foldChanges(e.parts)} describe={describe} notRecorded={tr('notRecorded')} noChange={e.action === 'evaluation.save' ? tr('noChange') : null} />
                {e.reason ? <p className="mt-1 rounded-md bg-muted px-3 py-2 text-sm">{e.reason}</p> : null}
                {e.comments.length ? (
                  <ul className="mt-1 grid gap-1 text-sm" aria-label={tr('comments')}>
                    {e.comments.map((c) => (
                      <li key={c.code} className="rounded-md border px-3 py-1.5">
                        <span className="font-medium">{nameOf(c.code)}</span>
                        {tr('colon')}
                        {c.comment}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}

function Changes({ changes, describe, notRecorded, noChange }: { changes: EntryChanges; describe: (c: RecordedChange[]) => string; notRecorded: string; noChange: string | null }) {
  if (changes === null || (Array.isArray(changes) && changes.length === 0 && noChange === null)) return null;
  const text = changes === 'not_recorded' ? notRecorded : changes.length ? describe(changes) : noChange;
  return (
    <p className="mt-0.5 text-sm text-muted-foreground" data-testid="timeline-changes">
      {text}
    </p>
  );
}
