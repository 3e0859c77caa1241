// The combined plan (core/scoring/combined-plan.ts): the two or three indicators to change together
// when none reaches the next band alone, with the value each needs and its share of the change.
import { getLocale, getTranslations } from 'next-intl/server';
import { Table, TableCaption, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { NextBand } from './types';
import { formatNumber } from '@/core/i18n/format';
import { pickName } from '@/core/i18n/label';
import type { Locale } from '@/i18n/config';
import { valueText } from './band-text';

export async function CombinedPlanTable({ plan, next }: { plan: NonNullable<NextBand['plan']>; next: string }) {
  const [t, tn, locale] = await Promise.all([getTranslations('whatIf.plan'), getTranslations('scorecard.nextBand'), getLocale() as Promise<Locale>]);
  const pct = (x: number) => formatNumber(x, locale, { percent: true, digits: 1 });
  type Step = (typeof plan.steps)[number];
  const now = (s: Step) => (s.current === null ? <span className="text-muted-foreground">{tn('missing')}</span> : valueText(s.current, s.unit, s.decimals, locale));
  const planned = (s: Step) => (s.current === null ? tn('enter', { value: valueText(s.value, s.unit, s.decimals, locale) }) : valueText(s.value, s.unit, s.decimals, locale));
  return (
    <div className="grid gap-2 rounded-md border border-success-border bg-success-subtle/40 p-3 sm:p-4" data-combined-plan="">
      <h3 className="text-base font-semibold">{t('heading')}</h3>
      <p className="text-sm">{t('description', { next, count: plan.steps.length })}</p>
      {/* Phones: one card per step, the planned value up front; wider screens and print: the table. */}
      <ul className="grid gap-2 sm:hidden print:hidden" aria-label={t('caption', { next })}>
        {plan.steps.map((s) => (
          <li key={s.indicator} className="rounded-md border bg-surface p-3" data-plan-card={s.indicator}>
            <div className="font-medium">{pickName(s.name, locale)}</div>
            <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
              <dt className="text-muted-foreground">{tn('current')}</dt>
              <dd className="text-end tabular-nums">{now(s)}</dd>
              <dt className="text-muted-foreground">{t('planned')}</dt>
              <dd className="text-end font-semibold tabular-nums">{planned(s)}</dd>
              <dt className="text-muted-foreground">{tn('effort')}</dt>
              <dd className="text-end tabular-nums">{pct(s.effort)}</dd>
            </dl>
          </li>
        ))}
      </ul>
      <div className="hidden sm:block print:block">
        <Table dense scrollLabel={t('caption', { next })}>
          <TableCaption className="sr-only">{t('caption', { next })}</TableCaption>
          <THead>
            <TR>
              <TH className="min-w-40">{tn('indicator')}</TH>
              <TH numeric>{tn('current')}</TH>
              <TH numeric>{t('planned')}</TH>
              <TH numeric>{tn('effort')}</TH>
            </TR>
          </THead>
          <TBody>
            {plan.steps.map((s) => (
              <TR key={s.indicator} data-plan-step={s.indicator}>
                <TD className="font-medium">{pickName(s.name, locale)}</TD>
                <TD numeric>{now(s)}</TD>
                <TD numeric className="font-semibold">
                  {planned(s)}
                </TD>
                <TD numeric>{pct(s.effort)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </div>
      <p className="text-sm">
        {t('total', { effort: pct(plan.effort), composite: formatNumber(plan.composite, locale, { digits: 1, fixed: true }), grade: plan.grade })}
      </p>
    </div>
  );
}
