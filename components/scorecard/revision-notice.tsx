// A scorecard whose scores come from a revision of the period says so: which revision and when,
// the stakeholder's values corrected after an appeal, the administrator's note, and what the
// frozen first publication showed.
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/alert';
import { formatNumber } from '@/core/i18n/format';
import { pickName } from '@/core/i18n/label';
import type { Scorecard } from './types';

type Revision = NonNullable<Scorecard['revision']>;

export async function RevisionNotice({ revision, indicatorName }: { revision: Revision; indicatorName: Map<string, string> }) {
  const [t, format, locale] = await Promise.all([getTranslations('revisions.notice'), getFormatter(), getLocale()]);
  const n = (x: number | null) => (x === null ? t('none') : formatNumber(x, locale, { digits: 2 }));
  return (
    <Alert variant="info" title={t('title', { number: revision.number, date: format.dateTime(new Date(revision.publishedAt), { dateStyle: 'medium' }) })} data-revision={revision.number}>
      <ul className="grid gap-1">
        {revision.corrections.map((c) => (
          <li key={`${c.revision}-${c.code}`}>{t('correction', { indicator: indicatorName.get(c.code) ?? pickName(c.name, locale), from: n(c.from), to: n(c.to) })}</li>
        ))}
      </ul>
      <p className="mt-1">{t('note', { note: revision.note })}</p>
      {revision.original ? (
        <p className="mt-1 text-muted-foreground">{t('original', { composite: formatNumber(revision.original.composite, locale, { digits: 1, fixed: true }), grade: revision.original.grade ?? t('none') })}</p>
      ) : null}
    </Alert>
  );
}
