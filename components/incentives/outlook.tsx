'use client';
// A determination looking forward, on the scorecard: what qualifying would bring (or brought),
// where the stakeholder stands where a budget or a county's places rank, and what must hold in
// which later period to qualify. Addressed to the stakeholder itself ("you") on its own page and
// about it ("this stakeholder") on an assessor's. Data: server/queries/incentive-outlook.ts.
import { useLocale, useTranslations } from 'next-intl';
import type { RuleLabels } from '@/core/eligibility';
// The modules themselves, not the index: it also brings the rule schemas (zod) to the browser.
import { forwardOffsets } from '@/core/eligibility/forward';
import { renderForward } from '@/core/eligibility/render';
import { formatNumber } from '@/core/i18n/format';
import { pickName } from '@/core/i18n/label';
import type { Scorecard } from '@/components/scorecard/types';

type Incentives = NonNullable<Scorecard['incentives']>;
type Item = Incentives['determinations'][number];
export type Person = Incentives['person'];
type Outlook = NonNullable<Item['outlook']>;

function AtStake({ item, outlook, person }: { item: Item; outlook: Outlook; person: Person }) {
  const t = useTranslations('incentivesOutlook.atStake');
  const locale = useLocale();
  const money = (x: number | null) => formatNumber(x, locale, { digits: 2 });
  const s = outlook.atStake;
  // Paid in part (a budget's last award or a pro-rata share): what it got of what it qualified for.
  if (item.eligible) {
    if (!item.override && item.amount !== null && item.demand !== null && item.amount < item.demand - 0.005) {
      return <p className="text-sm" data-at-stake="">{t(`received.${person}`, { amount: money(item.amount), demand: money(item.demand) })}</p>;
    }
    return null;
  }
  const parts: string[] = [];
  if (s.title) parts.push(t('title', { title: pickName(s.title, locale) }));
  if (s.amount !== null && s.amount > 0) parts.push(item.program.kind === 'tax_break' ? t('taxForgone', { amount: money(s.amount) }) : t('amount', { amount: money(s.amount) }));
  if (s.rate !== null) parts.push(t('rate', { rate: formatNumber(s.rate, locale) }));
  if (parts.length === 0) return null;
  if (s.assumed && s.atComposite !== null) parts.push(t('atComposite', { composite: formatNumber(s.atComposite, locale) }));
  if (s.capped) parts.push(t('capped'));
  return (
    <p className="text-sm font-medium" data-at-stake="">
      {t(person, { benefit: parts.join(locale === 'en' ? ', ' : '，') })}
    </p>
  );
}

function Standing({ outlook, person }: { outlook: Outlook; person: Person }) {
  const t = useTranslations('incentivesOutlook.standing');
  const locale = useLocale();
  const n = (x: number | null) => formatNumber(x, locale, { digits: 0 });
  const score = (x: number | null) => formatNumber(x, locale, { digits: 2 });
  const money = (x: number | null) => formatNumber(x, locale, { digits: 2 });
  const s = outlook.standing;
  if (!s) return null;
  const lines: string[] = [];
  if (s.kind === 'rank') {
    if (s.rank !== null) lines.push(t(`rank.${person}`, { rank: n(s.rank), of: n(s.of) }));
    lines.push(s.lastPaid ? t('rank.cutOff', { budget: money(s.budget), lastRank: n(s.lastPaid.rank), composite: score(s.lastPaid.composite) }) : t('rank.allPaid', { budget: money(s.budget), of: n(s.of) }));
  } else if (s.kind === 'pro_rata') {
    lines.push(t('proRata', { demand: money(s.demand), budget: money(s.budget), share: formatNumber(s.share, locale, { percent: true, digits: 1 }) }));
    const asked = outlook.atStake.amount;
    if (asked !== null && asked > 0) lines.push(t(person === 'you' ? 'proRataYou' : 'proRataThey', { amount: money(Math.floor(asked * s.share * 100) / 100) }));
  } else {
    if (s.rank !== null) lines.push(t(`county.${person}`, { rank: n(s.rank), of: n(s.of), limit: n(s.limit) }));
    lines.push(s.lastComposite !== null ? t('county.cutOff', { composite: score(s.lastComposite) }) : t('county.fewer', { of: n(s.of), limit: n(s.limit) }));
  }
  return (
    <p className="text-sm" data-standing={s.kind}>
      {lines.join(' ')}
    </p>
  );
}

function Next({ item, outlook, person, period, laterPeriods, labels }: { item: Item; outlook: Outlook; person: Person; period: string; laterPeriods: string[]; labels: RuleLabels }) {
  const t = useTranslations('incentivesOutlook.next');
  const locale = useLocale();
  const next = outlook.next;
  if (!next) return null;
  const name = (offset: number) => laterPeriods[offset - 1] ?? t('periodAfter', { n: offset, period });
  const target = name(next.offset);
  const offsets = forwardOffsets(next.rule);
  const lines: string[] = [];
  if (next.offset > 1) lines.push(t('blocked', { period: name(1) }));
  if (next.rule === null) {
    lines.push(t(`nothing.${person}`, { period: target }));
  } else if (offsets.length > 1) {
    lines.push(t(`from.${person}`, { period: target, condition: renderForward(next.rule, locale, labels, name) }));
  } else {
    const condition = renderForward(next.rule, locale, labels, null);
    lines.push(item.eligible && !item.override ? t(`keep.${person}`, { period: target, condition }) : t(`in.${person}`, { period: target, condition }));
  }
  const s = outlook.standing;
  if (s?.kind === 'rank') lines.push(t('budgetNote'));
  else if (s?.kind === 'county') lines.push(t('countyNote'));
  return (
    <div className="grid gap-1 rounded-md bg-muted/50 p-2 text-sm" data-next-period={target}>
      <h4 className="text-sm font-semibold">{t('heading')}</h4>
      {lines.map((line, i) => (
        <p key={i}>{line}</p>
      ))}
    </div>
  );
}

export function IncentiveOutlook({ item, person, period, laterPeriods, labels }: { item: Item; person: Person; period: string; laterPeriods: string[]; labels: RuleLabels }) {
  const outlook = item.outlook;
  if (!outlook) return null;
  return (
    <div className="grid gap-2" data-testid="incentive-outlook">
      <AtStake item={item} outlook={outlook} person={person} />
      <Standing outlook={outlook} person={person} />
      <Next item={item} outlook={outlook} person={person} period={period} laterPeriods={laterPeriods} labels={labels} />
    </div>
  );
}
