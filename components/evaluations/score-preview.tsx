'use client';
// Live score preview: the engine (pure TypeScript) scores this evaluation's typed values in the
// browser among the period's approved peers, known only by their summary (previewScore,
// core/scoring/preview.ts). Parts that depend on the peers are marked provisional until the
// period's official run; the rank is marked approximate when it is read from a sketch.
import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
// The modules themselves, not the engine's index (which also brings its validators and hashing).
import { ScoringInputError } from '@/core/scoring/errors';
import type { KpiSetV1 } from '@/core/scoring/format';
import type { PeerSummary } from '@/core/scoring/peer-summary';
import { previewScore } from '@/core/scoring/preview';
import type { IndicatorDef } from '@/core/domain/evaluation-values';
import { pickName } from '@/core/i18n/label';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Progress } from '@/components/ui/progress';
import { formatNumber } from '@/core/i18n/format';

/** The preview of the typed values, computed once for the panel and the phone's compact bar. */
export function usePreviewResult(document: KpiSetV1, peers: PeerSummary, values: Record<string, number | null>) {
  return useMemo(() => {
    try {
      const preview = previewScore(document, peers, values);
      return { ok: true as const, me: preview.score, rank: preview.rank, count: preview.ranked, approximate: preview.rankApproximate };
    } catch (error) {
      // Under the "reject" missing-data policy a composite needs every value: say which one is missing.
      if (error instanceof ScoringInputError && error.code === 'missing_value' && error.indicator) return { ok: false as const, missing: error.indicator };
      throw error;
    }
  }, [document, peers, values]);
}
export type PreviewResult = ReturnType<typeof usePreviewResult>;

export function ScorePreview({
  document,
  indicators,
  peers,
  result,
}: {
  document: KpiSetV1;
  indicators: readonly IndicatorDef[];
  peers: PeerSummary;
  result: PreviewResult;
}) {
  const t = useTranslations('evaluations.preview');
  const locale = useLocale();
  const peerDependentObjectives = new Set(indicators.filter((i) => i.peerDependent).map((i) => i.objectiveCode));
  const one = (n: number) => formatNumber(n, locale, { digits: 1, fixed: true });
  const indicatorName = (code: string) => {
    const label = document.objectives.flatMap((o) => o.indicators).find((i) => i.code === code)?.name;
    return label ? pickName(label, locale) : code;
  };
  const gradeName = (code: string) => {
    const label = document.grades.find((g) => g.code === code)?.label;
    return label ? pickName(label, locale) : code;
  };

  return (
    <Card aria-live="polite" id="score-preview" className="scroll-mt-20">
      <CardHeader>
        <CardTitle as="h2">{t('title')}</CardTitle>
        <p className="text-xs text-muted-foreground">{t('basis', { n: peers.peers })}</p>
      </CardHeader>
      <CardContent className="grid gap-4">
        {!result.ok ? (
          <p className="text-sm text-muted-foreground">{t('needsEvery', { indicator: indicatorName(result.missing) })}</p>
        ) : (
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
                const score = result.me.objectives[o.code] ?? null;
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
                {result.rank === null ? '—' : t(result.approximate ? 'rankAbout' : 'rankOf', { rank: result.rank, n: result.count })}{' '}
                <Badge variant="info">{t(result.approximate ? 'approximate' : 'provisional')}</Badge>
              </dd>
              <dt className="text-muted-foreground">{t('completeness')}</dt>
              <dd className="text-right tabular-nums">{formatNumber(result.me.completeness, locale, { percent: true, digits: 0 })}</dd>
            </dl>
            <p className="text-xs text-muted-foreground">{t('note')}</p>
            {result.approximate ? <p className="text-xs text-muted-foreground">{t('rankNote')}</p> : null}
          </>
        )}
      </CardContent>
    </Card>
  );
}
