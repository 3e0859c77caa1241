'use client';
// The weight-tuning workspace on a draft: manual, equal, AHP (pairwise grid with live weights and
// consistency ratio), entropy and CRITIC from a period's approved values, and a combination of a
// subjective and an objective set with an α slider. "Apply" writes the weights into the draft;
// AHP judgements above the CR limit only with a reason (kept in the change note). Indicators with
// no or few values in the period are named first: weights for them mean nothing yet.
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/client';
import { ahpWeights, AHP_CR_LIMIT, combineWeights, equalWeights, type AhpResult } from '@/core/scoring';
import type { WeightTarget } from '@/core/schemas/method';
import { Alert } from '@/components/ui/alert';
import { ConfirmDialog } from '@/components/ui/dialog';
import { ReasonField } from '@/components/forms/reason-field';
import { reasonProblem } from '@/core/schemas/reason';
import { IndicatorCoverageAlert } from './impact-coverage';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { NativeSelect } from '@/components/ui/native-select';
import { Slider } from '@/components/ui/slider';
import { Spinner } from '@/components/ui/spinner';
import { NamedTable, Table, TableCaption, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { cn } from '@/lib/cn';
import { NumberInput, percent, PeriodSelect, shares, type PeriodRow, type VersionData } from './method-kit';
import { labelOf, pickName } from '@/core/i18n/label';
import { formatNumber } from '@/core/i18n/format';

type Method = 'manual' | 'equal' | 'ahp' | 'entropy' | 'critic' | 'combination';

/** Saaty's scale as offered in the grid: 9 … 2, 1, 1/2 … 1/9. */
const SAATY = [9, 8, 7, 6, 5, 4, 3, 2, 1, 1 / 2, 1 / 3, 1 / 4, 1 / 5, 1 / 6, 1 / 7, 1 / 8, 1 / 9];
const saatyLabel = (v: number) => (v >= 1 ? String(Math.round(v)) : `1/${Math.round(1 / v)}`);

export function WeightTuner({ data, periods, periodId, onPeriodChange }: { data: VersionData; periods: PeriodRow[]; periodId: number | null; onPeriodChange: (id: number) => void }) {
  const t = useTranslations('method.tuning');
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const name = (x: { nameEn: string; nameZh: string } | undefined) => (x ? pickName(labelOf(x), locale) : '—');
  const [targetKey, setTargetKey] = useState('objectives');
  // Outside the tuner, which remounts with the applied weights.
  const [applied, setApplied] = useState(false);
  const target: WeightTarget = targetKey === 'objectives' ? { level: 'objectives' } : { level: 'indicators', objectiveId: Number(targetKey) };
  const items = useMemo(() => {
    if (target.level === 'objectives') return data.content.objectives.map((o) => ({ label: name(data.objectives.find((x) => x.id === o.objectiveId)), weight: o.weight }));
    const objective = data.content.objectives.find((o) => o.objectiveId === target.objectiveId);
    return (objective?.indicators ?? []).map((i) => ({ label: name(data.indicators.find((x) => x.id === i.indicatorId)), weight: i.weight }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, targetKey, locale]);

  return (
    <div className="grid gap-4">
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField label={t('target')}>
          <NativeSelect value={targetKey} onChange={(e) => { setTargetKey(e.target.value); setApplied(false); }}>
            <option value="objectives">{t('targetObjectives')}</option>
            {data.content.objectives.map((o) => (
              <option key={o.objectiveId} value={o.objectiveId}>{t('targetIndicatorsOf', { name: name(data.objectives.find((x) => x.id === o.objectiveId)) })}</option>
            ))}
          </NativeSelect>
        </FormField>
        <PeriodSelect label={t('period')} periods={periods} value={periodId} onChange={onPeriodChange} />
      </div>
      <ValuesWarning data={data} periodId={periodId} objectiveId={target.level === 'indicators' ? target.objectiveId : null} />
      <TargetTuner
        key={targetKey}
        versionId={data.version.id}
        target={target}
        items={items}
        periodId={periodId}
        applied={applied}
        onApplied={async () => {
          setApplied(true);
          await qc.invalidateQueries({ queryKey: trpc.kpiSets.pathKey() });
        }}
      />
    </div>
  );
}

/** The target's indicators with no or few values in the period, counted on the server in SQL. */
function ValuesWarning({ data, periodId, objectiveId }: { data: VersionData; periodId: number | null; objectiveId: number | null }) {
  const tv = useTranslations('methodCoverage.indicators');
  const trpc = useTRPC();
  const counted = useQuery({ ...trpc.tuning.indicatorValues.queryOptions({ versionId: data.version.id, periodId: periodId ?? 0 }), enabled: periodId !== null });
  if (!counted.data) return null;
  if (counted.data.rows === 0) return <Alert variant="info" title={tv('noneInPeriod', { period: counted.data.period.code })} />;
  const objectiveCode = objectiveId === null ? null : data.objectives.find((o) => o.id === objectiveId)?.code;
  const shown = counted.data.indicators.filter((i) => objectiveCode === null || i.objective === objectiveCode);
  return <IndicatorCoverageAlert indicators={shown} period={counted.data.period.code} />;
}

function TargetTuner({ versionId, target, items, periodId, applied, onApplied }: { versionId: number; target: WeightTarget; items: { label: string; weight: number }[]; periodId: number | null; applied: boolean; onApplied: () => Promise<void> }) {
  const t = useTranslations('method.tuning');
  const tAll = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  const n = items.length;
  const [method, setMethod] = useState<Method>('ahp');
  const [manual, setManual] = useState(() => items.map((i) => i.weight));
  const [matrix, setMatrix] = useState<number[][]>(() => Array.from({ length: n }, () => Array.from({ length: n }, () => 1)));
  const [objectiveMethod, setObjectiveMethod] = useState<'entropy' | 'critic'>('entropy');
  const [subjective, setSubjective] = useState<'ahp' | 'manual'>('ahp');
  const [alpha, setAlpha] = useState(0.5);
  const [applyError, setApplyError] = useState<string | null>(null);
  const tm = useTranslations('methodCoverage.ahp');
  const tc = useTranslations('common');
  const [acknowledging, setAcknowledging] = useState(false);
  const [reason, setReason] = useState('');
  const apply = useMutation(trpc.tuning.applyWeights.mutationOptions());
  const dataMethod = method === 'entropy' || method === 'critic' ? method : objectiveMethod;
  const needsData = method === 'entropy' || method === 'critic' || method === 'combination';
  const dataWeights = useQuery({
    ...trpc.tuning.dataWeights.queryOptions({ versionId, periodId: periodId ?? 0, target, method: dataMethod }),
    enabled: needsData && periodId !== null && n > 0,
  });

  const ahp: AhpResult | null = useMemo(() => {
    if (n < 1) return null;
    try {
      return ahpWeights(matrix, items.map((i) => i.label));
    } catch {
      return null;
    }
  }, [matrix, items, n]);

  const proposed: number[] | null = useMemo(() => {
    try {
      if (method === 'manual') return manual.every((w) => Number.isFinite(w) && w > 0) ? shares(manual) : null;
      if (method === 'equal') return equalWeights(n);
      if (method === 'ahp') return ahp?.weights ?? null;
      if (method === 'entropy' || method === 'critic') return dataWeights.data?.weights ?? null;
      const subjectiveWeights = subjective === 'ahp' ? ahp?.weights : shares(manual);
      if (!subjectiveWeights || !dataWeights.data) return null;
      return combineWeights(subjectiveWeights, dataWeights.data.weights, alpha);
    } catch {
      return null;
    }
  }, [method, manual, n, ahp, dataWeights.data, subjective, alpha]);
  // A zero weight (a constant indicator under entropy) cannot be stored: the format wants > 0.
  const applicable = proposed !== null && proposed.every((w) => w > 0);
  const current = shares(items.map((i) => i.weight));
  const usesAhp = method === 'ahp' || (method === 'combination' && subjective === 'ahp');
  const inconsistent = usesAhp && ahp !== null && !ahp.consistent;
  const cr = ahp ? formatNumber(ahp.CR, locale, { digits: 3, fixed: true }) : '';

  /** Writes the proposed weights; throws after reporting, so a dialog stays open. */
  async function applyProposed(inconsistencyReason: string | null) {
    setApplyError(null);
    const detail: Record<string, unknown> = usesAhp ? { matrix, CR: ahp?.CR ?? null } : {};
    if (method === 'combination') Object.assign(detail, { alpha, objective: objectiveMethod, periodId });
    if (method === 'entropy' || method === 'critic') Object.assign(detail, { periodId });
    try {
      // Rounded to 6 decimals so the stored document stays readable.
      await apply.mutateAsync({ versionId, target, weights: proposed!.map((w) => Math.round(w * 1e6) / 1e6), method, detail, inconsistencyReason });
      await onApplied();
    } catch (e) {
      setApplyError(e instanceof Error ? e.message : String(e));
      throw e;
    }
  }

  const setJudgement = (i: number, j: number, v: number) =>
    setMatrix((m) => {
      const next = m.map((row) => [...row]);
      next[i]![j] = v;
      next[j]![i] = 1 / v;
      return next;
    });

  if (n === 0) return <Alert variant="info" title={t('nothingToWeigh')} />;
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <Card className="min-w-0">
        <CardHeader className="flex flex-row flex-wrap items-end justify-between gap-3">
          <CardTitle as="h2">{t('methodHeading')}</CardTitle>
          <FormField label={t('method')} className="w-56">
            <NativeSelect value={method} onChange={(e) => setMethod(e.target.value as Method)}>
              {(['manual', 'equal', 'ahp', 'entropy', 'critic', 'combination'] as const).map((m) => <option key={m} value={m}>{t(`methods.${m}`)}</option>)}
            </NativeSelect>
          </FormField>
        </CardHeader>
        <CardContent className="grid gap-4">
          <p className="text-sm text-muted-foreground">{t(`methodHelp.${method}`)}</p>
          {method === 'manual' || (method === 'combination' && subjective === 'manual') ? (
            <div className="grid gap-3 sm:grid-cols-2">
              {items.map((item, i) => (
                <FormField key={i} label={item.label}>
                  <NumberInput value={manual[i]} onValueChange={(v) => setManual((m) => m.map((x, k) => (k === i ? v : x)))} />
                </FormField>
              ))}
            </div>
          ) : null}
          {method === 'ahp' || (method === 'combination' && subjective === 'ahp') ? (
            <AhpGrid items={items.map((i) => i.label)} matrix={matrix} onJudgement={setJudgement} ahp={ahp} />
          ) : null}
          {method === 'combination' ? (
            <div className="grid gap-3 sm:grid-cols-2">
              <FormField label={t('subjective')}>
                <NativeSelect value={subjective} onChange={(e) => setSubjective(e.target.value as 'ahp' | 'manual')}>
                  <option value="ahp">{t('methods.ahp')}</option>
                  <option value="manual">{t('methods.manual')}</option>
                </NativeSelect>
              </FormField>
              <FormField label={t('objective')}>
                <NativeSelect value={objectiveMethod} onChange={(e) => setObjectiveMethod(e.target.value as 'entropy' | 'critic')}>
                  <option value="entropy">{t('methods.entropy')}</option>
                  <option value="critic">{t('methods.critic')}</option>
                </NativeSelect>
              </FormField>
              <FormField label={t('alpha', { alpha: formatNumber(alpha, locale, { fixed: true }) })} className="sm:col-span-2" description={t('alphaHint')}>
                <Slider min={0} max={1} step={0.05} value={[alpha]} onValueChange={(v) => setAlpha(v[0] ?? 0.5)} formatValueText={(v) => formatNumber(v, locale, { fixed: true })} />
              </FormField>
            </div>
          ) : null}
          {needsData ? (
            dataWeights.isFetching ? (
              <Spinner label={t('computing')} />
            ) : dataWeights.isError ? (
              <Alert variant="error" title={t('dataFailed')}>{dataWeights.error.message}</Alert>
            ) : dataWeights.data ? (
              <p className="text-sm text-muted-foreground">
                {t('dataUsed', { rows: dataWeights.data.rowsUsed, total: dataWeights.data.rows, period: dataWeights.data.period })}
                {dataWeights.data.notices.length ? (
                  <span className="block text-warning-foreground">{dataWeights.data.notices.map((n) => tAll(`errors.engine.notices.${n.code}`, n.params)).join(' · ')}</span>
                ) : null}
              </p>
            ) : null
          ) : null}
        </CardContent>
      </Card>
      <Card className="h-fit min-w-0">
        <CardHeader><CardTitle as="h2">{t('proposedHeading')}</CardTitle></CardHeader>
        <CardContent className="grid gap-3">
          <NamedTable
            dense
            name={t('proposedHeading')}
            head={
              <>
                <TH>{t('item')}</TH>
                <TH numeric>{t('current')}</TH>
                <TH numeric>{t('proposed')}</TH>
              </>
            }
          >
            {items.map((item, i) => (
              <TR key={i}>
                <TD>{item.label}</TD>
                <TD numeric>{percent(current[i]!, locale)}</TD>
                <TD numeric className="font-semibold" data-testid={`proposed-${i}`}>{proposed ? percent(proposed[i]!, locale) : '—'}</TD>
              </TR>
            ))}
          </NamedTable>
          {applied ? <Alert variant="success" title={t('appliedNotice')} /> : null}
          {applyError ? <Alert variant="error" title={t('applyFailed')}>{applyError}</Alert> : null}
          {proposed && !applicable ? <Alert variant="warning" title={t('zeroWeight')} /> : null}
          <Button disabled={!applicable} loading={apply.isPending && !acknowledging} onClick={() => (inconsistent ? setAcknowledging(true) : applyProposed(null).catch(() => undefined))}>
            {inconsistent ? tm('inconsistentApply') : t('apply')}
          </Button>
          {acknowledging ? (
            <ConfirmDialog
              open
              onOpenChange={(o) => (o ? undefined : setAcknowledging(false))}
              title={tm('confirmTitle')}
              description={tm('confirmBody', { cr, limit: AHP_CR_LIMIT })}
              confirmLabel={tm('confirm')}
              cancelLabel={tc('cancel')}
              destructive
              confirmDisabled={reasonProblem(reason) !== null}
              error={applyError ?? undefined}
              onConfirm={async () => {
                await applyProposed(reason);
                setAcknowledging(false);
                setReason('');
              }}
            >
              <ReasonField id="ahp-inconsistency-reason" label={tm('reason')} value={reason} onChange={setReason} />
            </ConfirmDialog>
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}

function AhpGrid({ items, matrix, onJudgement, ahp }: { items: string[]; matrix: number[][]; onJudgement: (i: number, j: number, v: number) => void; ahp: AhpResult | null }) {
  const t = useTranslations('method.tuning');
  const locale = useLocale();
  const worst = ahp && !ahp.consistent ? ahp.mostInconsistent : null;
  return (
    <div className="grid gap-3">
      <Table dense scrollLabel={t('ahpGrid')}>
        <TableCaption>{t('ahpCaption')}</TableCaption>
        <THead>
          <tr>
            <TH><span className="sr-only">{t('item')}</span></TH>
            {items.map((label, j) => <TH key={j} className="max-w-28 truncate" title={label}>{label}</TH>)}
          </tr>
        </THead>
        <TBody>
          {items.map((rowLabel, i) => (
            <TR key={i}>
              <TH scope="row" className="max-w-32 truncate" title={rowLabel}>{rowLabel}</TH>
              {items.map((colLabel, j) => {
                const highlighted = worst && ((worst.i === i && worst.j === j) || (worst.i === j && worst.j === i));
                return (
                  <TD key={j} className={cn('text-center', highlighted && 'bg-warning-subtle outline-2 outline-warning')}>
                    {i === j ? (
                      <span className="text-muted-foreground">1</span>
                    ) : i < j ? (
                      <select
                        aria-label={t('judgement', { row: rowLabel, column: colLabel })}
                        className="h-8 rounded border bg-surface px-1 text-sm tabular-nums"
                        value={SAATY.findIndex((s) => Math.abs(s - matrix[i]![j]!) < 1e-9)}
                        onChange={(e) => onJudgement(i, j, SAATY[Number(e.target.value)]!)}
                      >
                        {SAATY.map((s, k) => <option key={k} value={k}>{saatyLabel(s)}</option>)}
                      </select>
                    ) : (
                      <span className="tabular-nums text-muted-foreground" aria-label={t('reciprocal', { row: rowLabel, column: colLabel })}>{saatyLabel(matrix[i]![j]!)}</span>
                    )}
                  </TD>
                );
              })}
            </TR>
          ))}
        </TBody>
      </Table>
      {ahp ? (
        <div aria-live="polite" className="grid gap-2">
          <p className="text-sm" data-testid="ahp-cr">
            {t('consistency', { cr: formatNumber(ahp.CR, locale, { digits: 3, fixed: true }), lambda: formatNumber(ahp.lambdaMax, locale, { digits: 3, fixed: true }), limit: AHP_CR_LIMIT })}
          </p>
          {!ahp.consistent ? (
            <Alert variant="warning" title={t('inconsistentTitle', { cr: formatNumber(ahp.CR, locale, { digits: 3, fixed: true }) })}>
              {worst
                ? t('inconsistentBody', { row: items[worst.i]!, column: items[worst.j]!, given: saatyLabel(worst.given), implied: formatNumber(worst.implied, locale, { fixed: true }) })
                : null}
            </Alert>
          ) : (
            <Alert variant="success" title={t('consistentTitle')} />
          )}
        </div>
      ) : null}
    </div>
  );
}
