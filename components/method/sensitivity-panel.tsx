'use client';
// Sensitivity of ranks and grades to the weights: the server sends the normalized values once,
// the browser draws N seeded perturbations in chunks between frames (the page stays responsive
// and shows progress), then lists each stakeholder's 5–95 % rank range, unstable ones first.
import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/client';
import { SensitivityRun, type StakeholderSensitivity } from '@/core/scoring/sensitivity';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { ChoiceSelect } from '@/components/ui/choice-select';
import { Progress } from '@/components/ui/progress';
import { StatCard } from '@/components/ui/stat-card';
import { Table, TableCaption, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { NumberInput, PeriodSelect, type PeriodRow, type VersionData } from './method-kit';

const PAGE = 25;
const PERTURBS = ['all', 'objectives', 'indicators'] as const;
/** Time budget of one chunk of samples before yielding to the browser. */
const CHUNK_MS = 25;

type Result = { rows: (StakeholderSensitivity & { name: string; code: string })[]; samples: number; millis: number };

export function SensitivityPanel({ data, periods, periodId, onPeriodChange }: { data: VersionData; periods: PeriodRow[]; periodId: number | null; onPeriodChange: (id: number) => void }) {
  const t = useTranslations('method.sensitivity');
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [noise, setNoise] = useState(20);
  const [samples, setSamples] = useState(200);
  const [seed, setSeed] = useState(1);
  const [perturb, setPerturb] = useState<(typeof PERTURBS)[number]>('all');
  const [phase, setPhase] = useState<'idle' | 'loading' | 'running'>('idle');
  const [progress, setProgress] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [page, setPage] = useState(1);
  const cancelled = useRef(false);
  useEffect(() => () => void (cancelled.current = true), []);
  const valid = noise > 0 && noise < 100 && Number.isInteger(samples) && samples >= 10 && samples <= 5000 && Number.isInteger(seed);

  async function run() {
    if (periodId === null) return;
    setError(null);
    setResult(null);
    setPage(1);
    cancelled.current = false;
    setPhase('loading');
    setProgress(0);
    try {
      const started = performance.now();
      const input = await qc.fetchQuery(trpc.tuning.sensitivityBasis.queryOptions({ versionId: data.version.id, periodId }));
      const engine = new SensitivityRun(input.basis, { noise: noise / 100, samples, seed, perturb });
      setPhase('running');
      let chunk = 1;
      while (!engine.finished) {
        if (cancelled.current) return setPhase('idle');
        const t0 = performance.now();
        engine.step(chunk);
        const spent = performance.now() - t0;
        // Grow or shrink the chunk so each takes about CHUNK_MS.
        chunk = Math.max(1, Math.round((chunk * CHUNK_MS) / Math.max(1, spent)));
        setProgress(engine.samplesDone / samples);
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      const rows = engine.result().map((r) => ({ ...r, name: input.stakeholders[r.row]!.name, code: input.stakeholders[r.row]!.code }));
      rows.sort((a, b) => Number(a.stable) - Number(b.stable) || (b.rankP95 ?? 0) - (b.rankP5 ?? 0) - ((a.rankP95 ?? 0) - (a.rankP5 ?? 0)) || (a.baseRank ?? 1e9) - (b.baseRank ?? 1e9));
      setResult({ rows, samples, millis: Math.round(performance.now() - started) });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setPhase((p) => (p === 'idle' ? p : 'idle'));
    }
  }

  const unstable = useMemo(() => result?.rows.filter((r) => !r.stable).length ?? 0, [result]);
  const widest = useMemo(() => (result ? Math.max(0, ...result.rows.map((r) => (r.rankP95 ?? 0) - (r.rankP5 ?? 0))) : 0), [result]);

  return (
    <div className="grid gap-6">
      <p className="max-w-prose text-sm text-muted-foreground">{t('intro')}</p>
      <form
        className="grid items-end gap-3 sm:grid-cols-2 lg:grid-cols-6"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <div className="lg:col-span-2">
          <PeriodSelect label={t('period')} periods={periods} value={periodId} onChange={onPeriodChange} />
        </div>
        <FormField label={t('noise')}>
          <NumberInput value={noise} onValueChange={setNoise} />
        </FormField>
        <FormField label={t('samples')}>
          <NumberInput value={samples} onValueChange={setSamples} />
        </FormField>
        <FormField label={t('seed')}>
          <NumberInput value={seed} onValueChange={setSeed} />
        </FormField>
        <FormField label={t('perturb')}>
          <ChoiceSelect value={perturb} choices={PERTURBS} label={(p) => t(`perturbs.${p}`)} onValueChange={setPerturb} />
        </FormField>
        <div className="flex gap-2 lg:col-span-6">
          <Button type="submit" disabled={!valid || phase !== 'idle' || periodId === null} loading={phase !== 'idle'}>{t('run')}</Button>
          {phase === 'running' ? <Button variant="outline" onClick={() => (cancelled.current = true)}>{t('cancel')}</Button> : null}
        </div>
      </form>
      {!valid ? <Alert variant="warning" title={t('invalid')} /> : null}
      {phase === 'loading' ? <Progress value={null} label={t('loading')} valueLabel={t('loading')} /> : null}
      {phase === 'running' ? <Progress value={Math.round(progress * 100)} max={100} label={t('progress')} valueLabel={`${Math.round(progress * 100)} %`} /> : null}
      {error ? <Alert variant="error" title={t('failed')}>{error}</Alert> : null}
      {result ? (
        <>
          <div className="grid grid-cols-2 gap-3 lg:grid-cols-3">
            <StatCard label={t('unstable')} value={<span data-testid="unstable-count">{unstable}</span>} hint={t('unstableHint', { total: result.rows.length })} />
            <StatCard label={t('widest')} value={widest} hint={t('widestHint')} />
            <StatCard label={t('samplesRun')} value={result.samples} hint={t('took', { millis: result.millis })} />
          </div>
          <Table dense scrollLabel={t('tableTitle')} className="min-w-[44rem]">
            <TableCaption>{t('tableTitle')}</TableCaption>
            <THead>
              <tr>
                <TH>{t('stakeholder')}</TH>
                <TH numeric>{t('baseRank')}</TH>
                <TH numeric>{t('rankRange')}</TH>
                <TH numeric>{t('median')}</TH>
                <TH>{t('grade')}</TH>
                <TH numeric>{t('gradeStability')}</TH>
              </tr>
            </THead>
            <TBody>
              {result.rows.slice((page - 1) * PAGE, page * PAGE).map((r) => (
                <TR key={r.code}>
                  <TD><span className="font-medium">{r.name}</span> <span className="font-mono text-xs text-muted-foreground">{r.code}</span></TD>
                  <TD numeric>{r.baseRank ?? '—'}</TD>
                  <TD numeric>{r.rankP5 === null ? '—' : `${r.rankP5} – ${r.rankP95}`}</TD>
                  <TD numeric>{r.rankMedian ?? '—'}</TD>
                  <TD>
                    {r.baseGrade ?? '—'}{' '}
                    {r.gradeStability === null ? null : r.stable ? <Badge variant="success">{t('stable')}</Badge> : <Badge variant="warning">{t('unstableBadge', { grades: r.gradesSeen.join(' / ') })}</Badge>}
                  </TD>
                  <TD numeric>{r.gradeStability === null ? '—' : `${Math.floor(r.gradeStability * 100)} %`}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
          <nav aria-label={t('pagination')} className="flex items-center justify-between gap-3 text-sm">
            <Button size="sm" variant="outline" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>{t('previous')}</Button>
            <span className="tabular-nums">{t('pageOf', { page, pages: Math.max(1, Math.ceil(result.rows.length / PAGE)) })}</span>
            <Button size="sm" variant="outline" disabled={page * PAGE >= result.rows.length} onClick={() => setPage((p) => p + 1)}>{t('next')}</Button>
          </nav>
        </>
      ) : null}
    </div>
  );
}
