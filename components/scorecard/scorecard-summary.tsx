// The scorecard in a few plain sentences, at its top: the band, the points to the next band, the
// easiest step (the cheapest single route, else the combined plan) and the weakest goal. It speaks
// to "you" when the stakeholder reads its own scorecard, of the stakeholder otherwise.
import { getLocale, getTranslations } from 'next-intl/server';
import { Info } from 'lucide-react';
import type { NextBand, Scorecard } from './types';
import { formatList, formatNumber } from '@/core/i18n/format';
import { pickName } from '@/core/i18n/label';
import { weakestGoal } from '@/core/scoring/weakest-goal';
import type { Locale } from '@/i18n/config';
import { pointsTo, valueText } from './band-text';
import { WithNames, nameIn } from '@/components/ui/lang-text';

type Card = NonNullable<Scorecard['card']>;

export async function ScorecardSummary({ data, nextBand }: { data: Scorecard & { card: Card }; nextBand: NextBand | null }) {
  const [t, locale] = await Promise.all([getTranslations('whatIf.summary'), getLocale() as Promise<Locale>]);
  const { card } = data;
  const self = data.self;
  const name = nameIn(data.stakeholder.name);
  const composite = formatNumber(card.composite, locale, { digits: 1, fixed: true });
  const sentences: string[] = [];

  if (card.composite === null) sentences.push(t(self ? 'noCompositeSelf' : 'noCompositeOther', { name, period: data.period ?? '' }));
  else if (card.grade) sentences.push(t(self ? 'bandSelf' : 'bandOther', { name, grade: card.grade.code, label: pickName(card.grade.label, locale), composite }));
  else sentences.push(t(self ? 'noGradeSelf' : 'noGradeOther', { name, composite }));

  if (nextBand?.status === 'top_band') sentences.push(t('topBand'));
  else if (nextBand?.status === 'ok' && nextBand.nextGrade && nextBand.composite !== null) {
    const next = nextBand.nextGrade;
    sentences.push(t('toNext', { points: formatNumber(pointsTo(next.min, nextBand.composite), locale, { digits: 1, fixed: true }), next: next.code }));
    const route = nextBand.routes.find((r) => r.indicator === nextBand.cheapest[0]);
    if (route?.reachable) {
      const indicator = pickName(route.name, locale);
      const to = valueText(route.required, route.unit, route.decimals, locale);
      sentences.push(
        route.current === null
          ? t('easiestEnter', { indicator, to })
          : t('easiest', { indicator, from: valueText(route.current, route.unit, route.decimals, locale), to }),
      );
    } else if (nextBand.plan) {
      const steps = nextBand.plan.steps.map((s) => {
        const indicator = pickName(s.name, locale);
        const to = valueText(s.value, s.unit, s.decimals, locale);
        return s.current === null ? t('planStepEnter', { indicator, to }) : t('planStep', { indicator, from: valueText(s.current, s.unit, s.decimals, locale), to });
      });
      sentences.push(t('plan', { steps: formatList(steps, locale) }));
    } else sentences.push(t('noPlan'));
  }

  const weakest = weakestGoal(card.objectives.map((o) => ({ code: o.code, score: o.score })), card.scale);
  const goal = weakest ? card.objectives.find((o) => o.code === weakest.code) : null;
  if (goal) sentences.push(t('weakest', { goal: pickName(goal.name, locale) }));

  return (
    <section aria-label={t('label')} data-scorecard-summary="" className="flex gap-3 rounded-lg border border-primary/30 bg-primary/5 p-4">
      <Info aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-primary" />
      <p className="text-base leading-relaxed">
        <WithNames>{sentences.join(locale === 'zh-CN' ? '' : ' ')}</WithNames>
      </p>
    </section>
  );
}
