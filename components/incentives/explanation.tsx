'use client';
// Why a stakeholder passed or failed: the rule tree with, per clause, the actual value and the
// threshold; and for one who failed, the gap (the smallest change that would qualify it).
import { useLocale, useTranslations } from 'next-intl';
import { CheckCircle2, CircleHelp, XCircle } from 'lucide-react';
import type { Gap, MetricRef, RuleExplanation, RuleLabels, Truth } from '@/core/eligibility';
// The renderer alone: the package index also brings the rule schemas (zod) to the browser.
import { renderClause } from '@/core/eligibility/render';
import { formatNumber } from '@/core/i18n/format';
import { formatValueWithUnit } from '@/core/i18n/units';
import type { ExplanationLabels } from './rule-labels';
import { Badge } from '@/components/ui/badge';

function TruthIcon({ truth, label }: { truth: Truth; label: string }) {
  const Icon = truth === 'pass' ? CheckCircle2 : truth === 'fail' ? XCircle : CircleHelp;
  const tone = truth === 'pass' ? 'text-success' : truth === 'fail' ? 'text-danger' : 'text-warning';
  return (
    <span className={`inline-flex shrink-0 items-center ${tone}`}>
      <Icon aria-hidden="true" className="size-4" />
      <span className="sr-only">{label}</span>
    </span>
  );
}

export function RuleExplanationView({ explanation, labels }: { explanation: RuleExplanation; labels: RuleLabels }) {
  return (
    <ul className="grid gap-2" data-testid="rule-explanation">
      <ExplanationNode node={explanation} labels={labels} />
    </ul>
  );
}

function ExplanationNode({ node, labels }: { node: RuleExplanation; labels: RuleLabels }) {
  const t = useTranslations('incentives.explain');
  const locale = useLocale();
  const truthLabel = t(`truth.${node.truth}`);
  if (node.op !== 'clause') {
    const children = node.op === 'not' ? [node.rule] : node.rules;
    return (
      <li className="grid gap-2">
        <p className="flex items-center gap-2 text-sm font-medium">
          <TruthIcon truth={node.truth} label={truthLabel} />
          {t(`groups.${node.op}`)}
        </p>
        <ul className="grid gap-2 border-l-2 border-border pl-4">
          {children.map((c, i) => (
            <ExplanationNode key={i} node={c} labels={labels} />
          ))}
        </ul>
      </li>
    );
  }
  const e = node.explanation;
  const inner = node.clause.kind === 'consecutive' ? node.clause.clause : node.clause;
  // A raw indicator value reads with its unit; scores, percentiles and classes have none.
  const unit = inner.kind === 'indicator' && inner.measure === 'raw' ? (labels as ExplanationLabels).unit?.(inner.indicator) : null;
  const fmt = (v: number | string | null) => (typeof v === 'number' ? formatValueWithUnit(v, unit, locale) : (v ?? '—'));
  const count = (v: number | string | null) => (typeof v === 'number' ? formatNumber(v, locale) : (v ?? '—'));
  const unitOf = (indicator: string) => (labels as ExplanationLabels).unit?.(indicator);
  return (
    <li className="grid gap-1 rounded-md border border-border bg-card p-2 text-sm" data-truth={node.truth}>
      <p className="flex items-start gap-2">
        <TruthIcon truth={node.truth} label={truthLabel} />
        <span>{renderClause(node.clause, locale, labels)}</span>
      </p>
      <p className="pl-6 text-muted-foreground">
        {node.clause.kind === 'consecutive'
          ? t('periodsHeld', { held: count(e.actual), needed: count(e.threshold) })
          : node.clause.kind === 'noRedFlag'
            ? t('redFlagCount', { count: typeof e.actual === 'number' ? e.actual : 0 })
            : t('actualVsThreshold', { actual: fmt(e.actual), threshold: fmt(e.threshold) })}
        {e.note ? ` · ${t(`notes.${e.note}`)}` : null}
      </p>
      {e.redFlags && e.redFlags.some((f) => f.flagged) ? (
        <ul className="pl-6 text-muted-foreground">
          {e.redFlags
            .filter((f) => f.flagged)
            .map((f) => (
              <li key={f.indicator}>{t('redFlagDetail', { indicator: labels.indicator?.(f.indicator) ?? f.indicator, raw: formatValueWithUnit(f.raw, unitOf(f.indicator), locale), limit: formatValueWithUnit(f.limit, unitOf(f.indicator), locale) })}</li>
            ))}
        </ul>
      ) : null}
      {e.periods && e.periods.length > 1 ? (
        <ul className="flex flex-wrap gap-1.5 pl-6">
          {e.periods.map((p, i) => (
            <li key={i}>
              <Badge variant={p.truth === 'pass' ? 'success' : p.truth === 'fail' ? 'danger' : 'warning'}>
                {(p.period ?? t('thisPeriod')) + ': ' + fmt(p.actual)}
              </Badge>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function metricLabel(m: MetricRef, t: (k: string, p?: Record<string, string>) => string, labels: RuleLabels): string {
  switch (m.kind) {
    case 'objective':
      return t('metrics.objective', { name: labels.objective?.(m.objective) ?? m.objective });
    case 'indicator':
      return t(m.measure === 'raw' ? 'metrics.indicatorRaw' : 'metrics.indicatorNormalized', { name: labels.indicator?.(m.indicator) ?? m.indicator });
    case 'percentile':
      return t(m.scope === 'province' ? 'metrics.percentileProvince' : 'metrics.percentileCounty');
    default:
      return t(`metrics.${m.kind}`);
  }
}

export function GapView({ gap, labels }: { gap: Gap; labels: RuleLabels }) {
  const t = useTranslations('incentives.explain');
  const locale = useLocale();
  if (!gap.attainable) return <p className="text-sm">{t(`gapUnattainable.${gap.reason}`)}</p>;
  const fmt = (v: number | string | null) => (typeof v === 'number' ? formatNumber(v, locale) : (v ?? '—'));
  return (
    <ul className="grid gap-1 text-sm" data-testid="gap">
      {gap.changes.map((c, i) => (
        <li key={i}>
          {t('gapChange', {
            metric: metricLabel(c.metric, t, labels),
            actual: fmt(c.actual),
            target: fmt(c.target),
            delta: c.delta === null ? '' : ` (${c.delta > 0 ? '+' : ''}${formatNumber(c.delta, locale)})`,
          })}
        </li>
      ))}
    </ul>
  );
}
