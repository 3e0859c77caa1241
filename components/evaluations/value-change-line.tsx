'use client';
// Beside a value: the stakeholder's previous approved value of the indicator, the change since, and
// a flag when the change is unusual (core/domain/value-change.ts). It follows the typed value, so
// the assessor sees it while entering and the reviewer while reviewing.
import { useLocale, useTranslations } from 'next-intl';
import { AlertTriangle } from 'lucide-react';
import { valueChange } from '@/core/domain/value-change';
import { formatNumber } from '@/core/i18n/format';
import { formatValueWithUnit, type Unit } from '@/core/i18n/units';

export type Previous = { value: number | null; periodCode: string | null; spread: number | null };

export function ValueChangeLine({ previous, current, unit, code }: { previous: Previous | undefined; current: number | null; unit: Unit | null; code: string }) {
  const t = useTranslations('reviewerTools.change');
  const locale = useLocale();
  const num = (n: number) => formatNumber(n, locale, { digits: 4 });
  const withUnit = (n: number) => formatValueWithUnit(n, unit, locale, { digits: 4 });
  if (!previous || previous.value === null || previous.periodCode === null) return <span>{t('noPrevious')}</span>;
  const change = valueChange(previous.value, current, previous.spread);
  const signed = (n: number) => (n > 0 ? `+${num(n)}` : num(n));
  // More decimals for small changes, so one rarely reads "-0%".
  const percent = (r: number) => `${r > 0 ? '+' : ''}${formatNumber(r, locale, { percent: true, digits: Math.abs(r) < 0.01 ? 2 : Math.abs(r) < 0.1 ? 1 : 0 })}`;
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-1" data-testid={`change-${code}`}>
      <span>{t('previous', { period: previous.periodCode, value: withUnit(previous.value) })}</span>
      {change ? (
        <span className="tabular-nums">
          {change.delta === 0
            ? t('unchanged')
            : change.relative === null
              ? t('delta', { delta: signed(change.delta) })
              : t('deltaPct', { delta: signed(change.delta), pct: percent(change.relative) })}
        </span>
      ) : null}
      {change?.unusual ? (
        <span className="inline-flex items-start gap-1 rounded-md border border-warning-border bg-warning-subtle px-2 py-0.5 text-xs text-warning-foreground" data-testid={`unusual-${code}`}>
          <AlertTriangle aria-hidden="true" className="mt-0.5 size-3 shrink-0" />
          <span>
            <span className="font-medium">{t('unusual')}</span>
            {t('colon')}
            {change.reasons.map((r) => (r === 'relative' ? t('reasonRelative') : t('reasonSpread', { spread: withUnit(previous.spread!) }))).join(t('and'))}
          </span>
        </span>
      ) : null}
    </span>
  );
}
