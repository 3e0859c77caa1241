'use client';
// "What if…": the reader tries other values and sees the composite, the band and each program's
// rule, re-scored by the server's engine with every other stakeholder's values held fixed
// (scorecards.whatIf). Plain labelled text inputs (keyboard and screen readers), checked locally with
// the evaluation form's rules, sent after a pause in typing; the result is a polite live region.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useMemo, useState } from 'react';
import { FlaskConical, RotateCcw, Wand2 } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { translateKeyed } from '@/components/evaluations/messages';
import { useTRPC } from '@/lib/trpc/client';
import { fieldErrorsOf } from '@/lib/trpc/errors';
import { parseValueText, valueProblem, type IndicatorDef } from '@/core/domain/value-checks';
import { formatNumber } from '@/core/i18n/format';
import { pickName } from '@/core/i18n/label';
import { formatValueWithUnit } from '@/core/i18n/units';
import type { Locale } from '@/i18n/config';
import type { NextBand } from './types';
import { pointsTo } from './band-text';

/** Pause in typing before the values are sent. */
const DEBOUNCE_MS = 350;

type Route = NextBand['indicators'][number];

export interface WhatIfPanelProps {
  stakeholderId: number;
  period: string;
  path: NextBand;
}

const textOf = (x: number | null) => (x === null ? '' : String(x));

/** The evaluation form's rule for a value (range, integer), from what the panel knows of the indicator. */
function defOf(r: Route): IndicatorDef {
  return {
    id: 0,
    code: r.indicator,
    objectiveCode: r.objective,
    nameEn: r.name.en,
    nameZh: r.name['zh-CN'],
    unit: r.unit,
    direction: r.direction,
    valueType: r.valueType,
    min: r.min,
    max: r.max,
    evidenceRequired: false,
    redFlagAbove: null,
    peerDependent: false,
  };
}

/** A new period or stakeholder starts from its own published values. */
export function WhatIfPanel(props: WhatIfPanelProps) {
  return <WhatIfForm key={`${props.stakeholderId}:${props.period}`} {...props} />;
}

function WhatIfForm({ stakeholderId, period, path }: WhatIfPanelProps) {
  const indicators = path.indicators;
  const next = path.nextGrade;
  // Values that reach the next band: the combined plan's, or the cheapest single route's.
  const plan = path.plan ? Object.fromEntries(path.plan.steps.map((s) => [s.indicator, s.value])) : null;
  const route = path.routes.find((r) => r.indicator === path.cheapest[0] && r.reachable && r.required !== null);
  const step = route ? { [route.indicator]: route.required! } : null;
  const t = useTranslations('whatIf.panel');
  const tRoot = useTranslations();
  const locale = useLocale() as Locale;
  const trpc = useTRPC();
  const published = useMemo(() => Object.fromEntries(indicators.map((r) => [r.indicator, textOf(r.current)])), [indicators]);
  const [texts, setTexts] = useState<Record<string, string>>(published);

  // Parsed values that differ from the published ones, and the local problems.
  const { changed, problems } = useMemo(() => {
    const changed: Record<string, number | null> = {};
    const problems: Record<string, string> = {};
    for (const r of indicators) {
      const text = texts[r.indicator] ?? '';
      if (text.trim() === published[r.indicator]) continue;
      const value = parseValueText(text);
      if (value !== null) {
        const problem = valueProblem(defOf(r), value);
        if (problem) {
          problems[r.indicator] = problem;
          continue;
        }
      }
      if (value !== r.current) changed[r.indicator] = value;
    }
    return { changed, problems };
  }, [texts, indicators, published]);

  const key = JSON.stringify(changed);
  const [sent, setSent] = useState(key);
  useEffect(() => {
    const id = setTimeout(() => setSent(key), DEBOUNCE_MS);
    return () => clearTimeout(id);
  }, [key]);
  const values = JSON.parse(sent) as Record<string, number | null>;
  const hasProblems = Object.keys(problems).length > 0;
  const hasChanges = Object.keys(values).length > 0;
  const query = useQuery({
    ...trpc.scorecards.whatIf.queryOptions({ stakeholderId, period, values }),
    enabled: hasChanges && !hasProblems,
    placeholderData: keepPreviousData,
  });
  const serverErrors = fieldErrorsOf(query.error);
  const fieldError = (code: string) => {
    const message = problems[code] ?? serverErrors[`values.${code}`];
    return message ? translateKeyed(tRoot as (key: string, params?: Record<string, string | number>) => string, message, locale) : undefined;
  };

  const fill = (target: Record<string, number>) => setTexts({ ...published, ...Object.fromEntries(Object.entries(target).map(([c, v]) => [c, String(v)])) });
  const n1 = (x: number | null) => formatNumber(x, locale, { digits: 1, fixed: true });
  const range = (r: Route) => {
    const min = r.min === null ? null : formatValueWithUnit(r.min, r.unit, locale, { digits: 6 });
    const max = r.max === null ? null : formatValueWithUnit(r.max, r.unit, locale, { digits: 6 });
    if (min !== null && max !== null) return t('rangeBetween', { min, max });
    if (min !== null) return t('rangeFrom', { min });
    if (max !== null) return t('rangeTo', { max });
    return t('rangeAny');
  };

  const ruleBadge = (truth: string) => (
    <Badge variant={truth === 'pass' ? 'success' : truth === 'fail' ? 'danger' : 'warning'}>
      {truth === 'pass' ? t('rulePasses') : truth === 'fail' ? t('ruleFails') : t('ruleUnknown')}
    </Badge>
  );
  const result = hasChanges && !hasProblems ? query.data : undefined;
  const pending = hasChanges && !hasProblems && (query.isFetching || key !== sent);

  return (
    <section aria-labelledby="what-if-heading" data-card="" data-print="hide" data-what-if="" className="grid gap-4 rounded-lg border bg-surface p-4 shadow-card sm:p-6">
      <div className="grid gap-1">
        <h2 id="what-if-heading" className="flex items-center gap-2 text-lg font-semibold">
          <FlaskConical aria-hidden="true" className="size-5 text-primary" />
          {t('heading')}
        </h2>
        <p className="text-sm text-muted-foreground">{t('description')}</p>
      </div>
      <div className="flex flex-wrap gap-2">
        {plan ? (
          <Button type="button" size="sm" onClick={() => fill(plan)} data-apply-plan="">
            <Wand2 aria-hidden="true" className="size-4" />
            {t('applyPlan')}
          </Button>
        ) : null}
        {step ? (
          <Button type="button" size="sm" onClick={() => fill(step)} data-apply-step="">
            <Wand2 aria-hidden="true" className="size-4" />
            {t('applyRoute')}
          </Button>
        ) : null}
        <Button type="button" size="sm" variant="outline" onClick={() => setTexts(published)} disabled={!hasChanges && !hasProblems && key === sent}>
          <RotateCcw aria-hidden="true" className="size-4" />
          {t('reset')}
        </Button>
      </div>
      {/* The result beside the inputs on wide screens (kept in view), above them on phones. */}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start">
        <div className="grid gap-4 sm:grid-cols-2">
          {indicators.map((r) => (
            <FormField
              key={r.indicator}
              label={pickName(r.name, locale)}
              description={t('valueHint', { current: r.current === null ? t('missing') : formatValueWithUnit(r.current, r.unit, locale, { digits: 6 }), range: range(r) })}
              error={fieldError(r.indicator)}
            >
              <Input
                inputMode="decimal"
                autoComplete="off"
                value={texts[r.indicator] ?? ''}
                onChange={(e) => setTexts((prev) => ({ ...prev, [r.indicator]: e.target.value }))}
                data-what-if-input={r.indicator}
              />
            </FormField>
          ))}
        </div>
        <div aria-live="polite" aria-atomic="true" className="order-first grid gap-3 rounded-md border bg-muted/30 p-3 lg:sticky lg:top-20 lg:order-last" data-what-if-result="">
          <h3 className="text-base font-semibold">{t('result')}</h3>
          {hasProblems ? (
            <p>{t('fixValues')}</p>
          ) : !hasChanges ? (
            <p>{t('same')}</p>
          ) : query.isError && !result ? (
            <p className="text-danger">{t('failed', { message: query.error.message })}</p>
          ) : !result ? (
            <p>{t('scoring')}</p>
          ) : (
            <>
              <dl className="grid grid-cols-2 gap-3">
                <div>
                  <dt className="text-sm text-muted-foreground">{t('composite')}</dt>
                  <dd className="text-2xl font-semibold tabular-nums" data-what-if-composite="">
                    {result.composite === null ? t('noComposite') : n1(result.composite)}
                  </dd>
                </div>
                <div>
                  <dt className="text-sm text-muted-foreground">{t('band')}</dt>
                  <dd className="text-xl font-semibold" data-what-if-band={result.grade?.code ?? ''}>
                    {result.grade ? `${result.grade.code} · ${pickName(result.grade.label, locale)}` : t('noBand')}
                  </dd>
                </div>
              </dl>
              {next && result.composite !== null ? (
                result.grade && result.grade.min >= next.min ? (
                  <p className="font-medium text-success" data-what-if-reaches="">
                    {t('reaches', { next: next.code })}
                  </p>
                ) : (
                  <p>{t('short', { next: next.code, points: n1(pointsTo(next.min, result.composite)) })}</p>
                )
              ) : null}
              {pending ? <p className="text-sm text-muted-foreground">{t('scoring')}</p> : null}
              {result.programs.length > 0 ? (
                <>
                  <h4 className="text-sm font-semibold">{t('programs')}</h4>
                  <ul className="grid gap-2">
                    {result.programs.map((p) => (
                      <li key={p.program.code} className="rounded-md border bg-surface p-2" data-what-if-program={p.program.code}>
                        <div className="text-sm font-medium">{locale === 'zh-CN' ? p.program.nameZh : p.program.nameEn}</div>
                        <dl className="mt-1 grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-1 text-sm">
                          <dt className="text-muted-foreground">{t('now')}</dt>
                          <dd>{ruleBadge(p.ruleBefore)}</dd>
                          <dt className="text-muted-foreground">{t('then')}</dt>
                          <dd data-what-if-rule={p.ruleAfter}>{ruleBadge(p.ruleAfter)}</dd>
                          <dt className="text-muted-foreground">{t('decision')}</dt>
                          <dd>
                            <Badge variant={p.eligible ? 'success' : 'neutral'}>{p.eligible ? t('eligible') : t('notEligible')}</Badge>
                          </dd>
                        </dl>
                      </li>
                    ))}
                  </ul>
                  <p className="text-xs text-muted-foreground">{t('budgetNote')}</p>
                </>
              ) : (
                <p className="text-sm text-muted-foreground">{t('noPrograms')}</p>
              )}
            </>
          )}
        </div>
      </div>
    </section>
  );
}
