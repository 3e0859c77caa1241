'use client';
// Live score preview: the engine (scoreKpiSet, pure TypeScript) runs in the browser on this
// evaluation's typed values together with the period's approved peers. Goalposts and target
// normalizations are exact; minmax, z-score and percentile parts — and rank and percentile —
// depend on the peers and are marked provisional until the period's official run.
import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { scoreKpiSet, type KpiSetV1, type ValuesRow } from '@/core/scoring';
import type { IndicatorDef } from '@/core/domain/evaluation-values';
import { pickName } from '@/core/i18n/label';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Progress } from '@/components/ui/progress';
import { formatNumber } from '@/core/i18n/format';

export function ScorePreview({
  document,
  indicators,
  peers,
  self,
  values,
}: {
  document: KpiSetV1;
  indicators: readonly IndicatorDef[];
  peers: readonly ValuesRow[];
  self: string;
  values: Record<string, number | null>;
}) {
  const t = useTranslations('evaluations.preview');
  const locale = useLocale();
  const result = useMemo(() => {
    try {
      const scored = scoreKpiSet(document, [...peers, { stakeholder: self, values }]);
      const me = scored.results.find((r) => r.stakeholder === self) ?? null;
      return { ok: true as const, me, count: scored.results.length };
    } catch (error) {
      return { ok: false as const, message: error instanceof Error ? error.message : String(error) };
    }
  }, [document, peers, self, values]);
  const peerDependentObjectives = new Set(indicators.filter((i) => i.peerDependent).map((i) => i.objectiveCode));
  const one = (n: number) => formatNumber(n, locale, { digits: 1, fixed: true });
  const gradeName = (code: string) => {
    const label = document.grades.find((g) => g.code === code)?.label;
    return label ? pickName(label, locale) : code;
  };

  return (
    <Card aria-live="polite">
      <CardHeader>
        <CardTitle as="h2">{t('title')}</CardTitle>
        <p className="text-xs text-muted-foreground">{t('basis', { n: peers.length })}</p>
      </CardHeader>
      <CardContent className="grid gap-4">
        {!result.ok ? (
          <p className="text-sm text-danger">{result.message}</p>
        ) : !result.me ? null : (
          <>
            <div className="flex items-end justify-between gap-3">
              <div>
                <div className="text-xs text-muted-foreground">{t('composite')}</div>
                <div className="text-3xl font-semibold tabular-nums" data-testid="preview-composite">
                  {result.me.composite === null ? '—' : one(result.me.composite)}
                </div>
              </div>
              {result.me.grade ? (
                <Badge variant="primary">
                  {t('grade', { grade: gradeName(result.me.grade) })}
                </Badge>
              ) : null}
            </div>
            {result.me.composite === null ? <p className="text-sm text-muted-foreground">{t('incomplete', { pct: formatNumber(result.me.completeness, locale, { percent: true, digits: 0 }) })}</p> : null}
            <ul className="grid gap-3">
              {document.objectives.map((o) => {
                const score = result.me!.objectives[o.code] ?? null;
                return (
                  <li key={o.code}>
                    <Progress
                      value={score ?? 0}
                      label={
                        <span className="inline-flex items-center gap-1.5">
                          {pickName(o.name, locale)}
                          {peerDependentObjectives.has(o.code) ? <Badge variant="info">{t('provisional')}</Badge> : null}
                        </span>
                      }
                      valueLabel={score === null ? '—' : one(score)}
                      size="sm"
                    />
                  </li>
                );
              })}
            </ul>
            <dl className="grid grid-cols-2 gap-2 text-sm">
              <dt className="text-muted-foreground">{t('rank')}</dt>
              <dd className="text-right tabular-nums">
                {result.me.rank === null ? '—' : t('rankOf', { rank: result.me.rank, n: result.count })} <Badge variant="info">{t('provisional')}</Badge>
              </dd>
              <dt className="text-muted-foreground">{t('completeness')}</dt>
              <dd className="text-right tabular-nums">{formatNumber(result.me.completeness, locale, { percent: true, digits: 0 })}</dd>
            </dl>
            <p className="text-xs text-muted-foreground">{t('note')}</p>
          </>
        )}
      </CardContent>
    </Card>
  );
}
