// The coordination of the goals, told honestly: the class by number and name, what the class
// means, and the weakest goal with how far it trails the others — the coupling degree is forgiving,
// so a high class alone would suggest a balance that isn't there. C, T and D get a help popover.
import { getLocale, getTranslations } from 'next-intl/server';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { LazyHelpPopover as HelpPopover } from '@/components/ui/lazy-help-popover';
import type { Scorecard } from './types';
import { formatNumber } from '@/core/i18n/format';
import { pickName } from '@/core/i18n/label';
import { weakestGoal } from '@/core/scoring/weakest-goal';

type ScoreCard = NonNullable<Scorecard['card']>;

const PARTS = ['C', 'T', 'D'] as const;
const PART_NAMES = { C: 'cName', T: 'tName', D: 'dName' } as const;

export async function CoordinationCard({ card, print }: { card: ScoreCard; print: boolean }) {
  const [t, tx, locale] = await Promise.all([getTranslations('scorecard'), getTranslations('scorecardExplained'), getLocale()]);
  const n1 = (x: number) => formatNumber(x, locale, { digits: 1, fixed: true });
  const n3 = (x: number) => formatNumber(x, locale, { digits: 3 });
  const coupling = card.coupling;
  const weakest = weakestGoal(card.objectives, card.scale);
  const weakestName = weakest ? pickName(card.objectives.find((o) => o.code === weakest.code)!.name, locale) : '';
  const help = print ? null : (
    <HelpPopover label={tx('coordination.helpButton')} title={tx('coordination.helpTitle')} closeLabel={tx('close')} text={tx('coordination.helpButton')}>
      <dl className="grid gap-2" data-coordination-help="">
        {PARTS.map((k) => (
          <div key={k}>
            <dt className="font-medium">{tx(`coordination.${PART_NAMES[k]}`)}</dt>
            <dd className="text-muted-foreground">{tx(`coordination.${k}`)}</dd>
          </div>
        ))}
      </dl>
    </HelpPopover>
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('coordination.heading')}</CardTitle>
        <CardDescription>{t('coordination.method')}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {coupling ? (
          <>
            <p className="text-lg font-semibold" data-coordination-class={coupling.class}>
              {tx('coordination.classLine', { class: coupling.class, label: pickName(coupling.label, locale) })}{' '}
              <span className="text-sm font-normal text-muted-foreground tabular-nums">(D = {n3(coupling.D)})</span>
            </p>
            <div data-coordination-explanation="" className="grid gap-2">
              <p>{t(`coordination.explain.${String(coupling.class) as '1'}`)}</p>
              {weakest ? (
                <p data-weakest-goal={weakest.code} className={weakest.lagging ? 'font-medium' : undefined}>
                  {tx(weakest.lagging ? 'coordination.weakestLagging' : 'coordination.weakestClose', {
                    goal: weakestName,
                    score: n1(weakest.score),
                    gap: n1(weakest.gap),
                    mean: n1(weakest.othersMean),
                  })}
                </p>
              ) : null}
            </div>
            {/* Three boxes side by side from `sm`; on a phone three rows, so no name is broken. */}
            <dl className="grid gap-2 text-sm sm:grid-cols-3 sm:gap-3">
              {PARTS.map((k) => (
                <div key={k} className="flex min-w-0 items-baseline justify-between gap-3 rounded-md border px-3 py-2 sm:block sm:p-3">
                  <dt className="text-muted-foreground">{tx(`coordination.${PART_NAMES[k]}`)}</dt>
                  <dd className="text-base font-semibold tabular-nums">{n3(coupling[k])}</dd>
                </div>
              ))}
            </dl>
            {help ? <div>{help}</div> : null}
            {print ? (
              <dl className="grid gap-1 text-xs text-muted-foreground" data-coordination-help-print="">
                {PARTS.map((k) => (
                  <div key={k}>
                    <dt className="sr-only">{k}</dt>
                    <dd>{tx(`coordination.${k}`)}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </>
        ) : (
          <p>{t('coordination.none')}</p>
        )}
      </CardContent>
    </Card>
  );
}
