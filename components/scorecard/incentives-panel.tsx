'use client';
// The stakeholder's own incentive determinations for the scorecard's period: per program, eligible
// or not, the benefit (amount, rate reduction or title), what is at stake, its place where a budget
// ranks, the condition for the next period, why (each clause with the actual value and the
// threshold) and, for one that fails, the gap; once the run's robustness was checked, whether the
// result held under other weightings. An administrator's override is shown as such, with
// the computed result beside it. Sentences say "you" on the stakeholder's own page and "this
// stakeholder" on a reader's. A client island because the clause sentences take label functions
// (server: stakeholderIncentives in server/queries/incentive-outlook.ts).
import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { Award, ChevronRight } from 'lucide-react';
import type { RuleLabels } from '@/core/eligibility';
import type { Scorecard } from './types';
import { GapView, RuleExplanationView } from '@/components/incentives/explanation';
import { IncentiveOutlook, type Person } from '@/components/incentives/outlook';
import { formatNumber } from '@/core/i18n/format';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { labelOf, pickName } from '@/core/i18n/label';
import { ruleLabels } from '@/components/incentives/rule-labels';

type Incentives = NonNullable<Scorecard['incentives']>;
type Item = Incentives['determinations'][number];

export function IncentivesPanel({ incentives, period, print }: { incentives: Incentives; period: string; print: boolean }) {
  const t = useTranslations('scorecard.incentives');
  const to = useTranslations('incentivesOutlook');
  const locale = useLocale();
  const labels = useMemo(() => ruleLabels(incentives.labels, locale), [incentives.labels, locale]);
  const person = incentives.person;
  return (
    <Card data-testid="scorecard-incentives">
      <CardHeader>
        <CardTitle>
          <span className="inline-flex items-center gap-2">
            <Award aria-hidden="true" className="size-5 text-primary" />
            {t('heading')}
          </span>
        </CardTitle>
        <CardDescription>{to(`description.${person}`, { period })}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {incentives.determinations.length === 0 ? (
          <EmptyState titleAs="h3" icon={null} title={t('noneTitle')} description={to(`none.${person}`, { period })} />
        ) : (
          incentives.determinations.map((d) => <Determination key={d.determinationId} item={d} labels={labels} print={print} person={person} period={period} laterPeriods={incentives.laterPeriods} />)
        )}
      </CardContent>
    </Card>
  );
}

function Determination({ item: d, labels, print, person, period, laterPeriods }: { item: Item; labels: RuleLabels; print: boolean; person: Person; period: string; laterPeriods: string[] }) {
  const t = useTranslations('scorecard.incentives');
  const to = useTranslations('incentivesOutlook');
  const ti = useTranslations('incentives');
  const tr = useTranslations('robustness.stakeholder');
  const locale = useLocale();
  const name = pickName(labelOf(d.program), locale);
  const money = (x: number | null) => t('yuan', { amount: formatNumber(x, locale, { digits: 2 }) });
  const benefit: string[] = [];
  if (d.eligible) {
    if (d.rate !== null) benefit.push(t('rate', { rate: formatNumber(d.rate, locale) }));
    if (d.title) benefit.push(t('titleAwarded', { title: pickName(d.title, locale) }));
    if (d.amount !== null) benefit.push(d.program.kind === 'tax_break' ? t('taxForgone', { amount: money(d.amount) }) : t('amount', { amount: money(d.amount) }));
  }
  const headingId = `incentive-${d.determinationId}`;
  return (
    <section aria-labelledby={headingId} className="grid gap-3 rounded-md border p-3 sm:p-4" data-determination={d.program.code} data-eligible={d.eligible ? 'yes' : 'no'}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="grid min-w-0 gap-0.5">
          <h3 id={headingId} className="font-semibold break-words">{name}</h3>
          <p className="text-xs text-muted-foreground">{ti(`kinds.${d.program.kind}`)}</p>
        </div>
        <div className="flex flex-wrap gap-1.5">
          <Badge variant={d.eligible ? 'success' : 'neutral'} dot>{d.eligible ? t('eligible') : t('notEligible')}</Badge>
          {d.override ? <Badge variant="warning">{t('overridden')}</Badge> : null}
        </div>
      </div>
      {benefit.length ? <p className="font-medium" data-benefit="">{benefit.join(' · ')}</p> : null}
      {/* A reason this catalog does not word yet still reads, in the scorecard's wording. */}
      <p className="text-sm">{to.has(`reasons.${person}.${d.reason}`) ? to(`reasons.${person}.${d.reason}`) : t(`reasons.${d.reason}`)}</p>
      <IncentiveOutlook item={d} person={person} period={period} laterPeriods={laterPeriods} labels={labels} />
      {d.robustness ? (
        <p className="text-sm" data-robustness={d.robustness.fragile ? 'fragile' : 'robust'}>
          {tr(`${d.robustness.fragile ? 'fragile' : 'robust'}.${person}`, { stability: formatNumber(d.robustness.stability, locale, { percent: true, digits: 1 }), draws: formatNumber(d.robustness.draws, locale) })}
        </p>
      ) : null}
      {d.eligible && d.capped ? <p className="text-sm text-muted-foreground">{t('capped')}</p> : null}
      {d.override ? (
        <p className="rounded-md border border-warning-border bg-warning-subtle p-2 text-sm text-warning-foreground" data-override="">
          {t('overrideLine', {
            eligible: d.override.eligible ? t('yes') : t('no'),
            computed: d.computed.eligible ? t('yes') : t('no'),
            computedAmount: d.computed.amount === null ? '—' : money(d.computed.amount),
            reason: d.override.reason,
          })}
        </p>
      ) : null}
      <details className="group/why" open={print || undefined}>
        <summary className="flex min-h-10 cursor-pointer list-none items-center gap-1 text-sm font-medium text-primary [&::-webkit-details-marker]:hidden">
          <ChevronRight aria-hidden="true" className="size-4 transition-transform group-open/why:rotate-90" />
          {t('why')}
        </summary>
        <div className="mt-2 grid gap-3">
          <RuleExplanationView explanation={d.explanation} labels={labels} />
          {d.truth !== 'pass' && d.gap ? (
            <div className="grid gap-1">
              <h4 className="text-sm font-semibold">{t('gapTitle')}</h4>
              <GapView gap={d.gap} labels={labels} />
              <p className="text-xs text-muted-foreground">{t('gapNote')}</p>
            </div>
          ) : null}
        </div>
      </details>
    </section>
  );
}
