'use client';
// The impact preview's first section: who would lose or gain a composite under the draft (named),
// which indicators have no or few values in the period, and the reminder that ρ, the movers and
// the ranks compare only the stakeholders scored both ways (server: services/impact-preview.ts, core:
// impact-coverage.ts). A draft that silently drops stakeholders must not read as "nobody moves".
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { StatCard } from '@/components/ui/stat-card';
import { formatNumber } from '@/core/i18n/format';
import { pickName } from '@/core/i18n/label';

// The stored preview's page (the job has computed it).
type Preview = Extract<inferRouterOutputs<AppRouter>['tuning']['preview'], { ready: true }>;
type Row = Preview['rows'][number];
export type IndicatorCoverageRow = Preview['coverage']['indicators'][number];

/** Names shown before "show all": enough to read, short enough for a phone. */
const FIRST = 10;

export function ImpactCoverage({ preview, byCode }: { preview: Preview; byCode: Map<string, Row> }) {
  const t = useTranslations('methodCoverage.coverage');
  const { summary, coverage, period } = preview;
  const lost = coverage.lost.map((c) => byCode.get(c)!);
  const gained = coverage.gained.map((c) => byCode.get(c)!);
  return (
    <section aria-labelledby="impact-coverage" className="grid gap-3" data-testid="impact-coverage">
      <h3 id="impact-coverage" className="text-base font-semibold">{t('heading')}</h3>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <StatCard label={t('lost')} value={<span data-testid="coverage-lost">{coverage.lostCount}</span>} hint={t('lostHint')} />
        <StatCard label={t('gained')} value={<span data-testid="coverage-gained">{coverage.gainedCount}</span>} hint={t('gainedHint')} />
        <StatCard label={t('both')} value={<span data-testid="coverage-both">{t('bothValue', { both: summary.scoredBoth, total: summary.stakeholders })}</span>} />
      </div>
      {lost.length > 0 ? (
        <Alert variant="warning" title={t('lostTitle', { count: coverage.lostCount, period: period.code })} data-testid="coverage-lost-alert">
          <p>{t('lostBody')}</p>
          <NameList rows={lost} total={coverage.lostCount} label={t('lostList')} which="old" />
        </Alert>
      ) : null}
      {gained.length > 0 ? (
        <Alert variant="info" title={t('gainedTitle', { count: coverage.gainedCount, period: period.code })}>
          <p>{t('gainedBody')}</p>
          <NameList rows={gained} total={coverage.gainedCount} label={t('gainedList')} which="new" />
        </Alert>
      ) : null}
      {lost.length === 0 && gained.length === 0 ? <p className="text-sm text-muted-foreground">{t('unchanged')}</p> : null}
      <IndicatorCoverageAlert indicators={coverage.indicators} period={period.code} />
      <p className="text-sm text-muted-foreground" data-testid="coverage-shared-note">{t('sharedNote', { count: summary.scoredBoth })}</p>
    </section>
  );
}

function NameList({ rows, total, label, which }: { rows: Row[]; total: number; label: string; which: 'old' | 'new' }) {
  const t = useTranslations('methodCoverage.coverage');
  const locale = useLocale();
  const [all, setAll] = useState(false);
  const shown = all ? rows : rows.slice(0, FIRST);
  return (
    <div className="mt-2 grid gap-2">
      <ul aria-label={label} className="grid max-h-72 gap-0.5 overflow-y-auto text-sm">
        {shown.map((r) => {
          const composite = formatNumber(which === 'old' ? r.oldComposite : r.newComposite, locale, { digits: 1, fixed: true });
          const grade = (which === 'old' ? r.oldGrade : r.newGrade) ?? '—';
          return (
            <li key={r.code} className="flex flex-wrap justify-between gap-x-3">
              <span><span className="font-medium">{r.name}</span> <span className="font-mono text-xs text-muted-foreground">{r.code}</span></span>
              <span className="tabular-nums text-muted-foreground">{t(which === 'old' ? 'wasScore' : 'nowScore', { composite, grade })}</span>
            </li>
          );
        })}
      </ul>
      {total > rows.length ? <p className="text-xs text-muted-foreground">{t('listedFirst', { listed: rows.length, total })}</p> : null}
      {rows.length > FIRST ? (
        <div>
          <Button size="sm" variant="outline" onClick={() => setAll((v) => !v)}>{all ? t('showFewer') : t('showAll', { count: rows.length })}</Button>
        </div>
      ) : null}
    </div>
  );
}

/** Indicators with no or few values in the period; nothing when every indicator has enough. */
export function IndicatorCoverageAlert({ indicators, period }: { indicators: readonly IndicatorCoverageRow[]; period: string }) {
  const t = useTranslations('methodCoverage.indicators');
  const locale = useLocale();
  const thin = indicators.filter((i) => i.level !== 'enough');
  if (thin.length === 0) return null;
  return (
    <Alert variant="warning" title={t('title', { count: thin.length, period })} data-testid="coverage-indicators">
      <p>{t('body')}</p>
      <ul className="mt-2 grid gap-0.5 text-sm">
        {thin.map((i) => (
          <li key={i.code} className="flex flex-wrap items-center gap-x-2">
            <span className="font-medium">{pickName(i.name, locale)}</span>
            <span className="font-mono text-xs text-muted-foreground">{i.code}</span>
            <span>— {i.level === 'none' ? t('none') : t('few', { values: formatNumber(i.values, locale), rows: formatNumber(i.rows, locale) })}</span>
            {i.added ? <Badge variant="info">{t('added')}</Badge> : null}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
