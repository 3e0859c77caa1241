'use client';
// Changes between two versions of a KPI set, and the export of a version as a kpi-set/v1 file.
import { useLocale, useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/client';
import type { KpiSetDiff } from '@/core/scoring/kpi-set-diff';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { NativeSelect } from '@/components/ui/native-select';
import { Skeleton } from '@/components/ui/skeleton';
import { NamedTable, TD, TH, TR } from '@/components/ui/table';
import { percent, type VersionData } from './method-kit';
import { pickName } from '@/core/i18n/label';

const CHANGE_BADGE = { added: 'success', removed: 'danger', changed: 'info' } as const;

function describeNormalization(n: Record<string, unknown> | null): string {
  if (!n) return '—';
  const { method, ...rest } = n;
  const params = Object.entries(rest)
    .filter(([, v]) => v !== undefined && v !== 'none')
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(', ');
  return params ? `${String(method)} (${params})` : String(method);
}

export function VersionChanges({ data }: { data: VersionData }) {
  const t = useTranslations('method.diff');
  const trpc = useTRPC();
  const others = data.siblings.filter((s) => s.id !== data.version.id);
  const defaultOther = others.find((s) => s.version < data.version.version && s.status === 'published') ?? others[0];
  const [otherId, setOtherId] = useState<number | null>(defaultOther?.id ?? null);
  const other = others.find((s) => s.id === otherId);
  const olderFirst = other && other.version < data.version.version;
  const diff = useQuery({
    ...trpc.kpiSets.diff.queryOptions({ fromVersionId: olderFirst ? otherId! : data.version.id, toVersionId: olderFirst ? data.version.id : (otherId ?? 0) }),
    enabled: otherId !== null,
  });
  if (others.length === 0) return <Alert variant="info" title={t('onlyVersion')} />;
  return (
    <div className="grid gap-4">
      <FormField label={t('compareWith')} className="max-w-xs">
        <NativeSelect value={otherId ?? ''} onChange={(e) => setOtherId(Number(e.target.value))}>
          {others.map((s) => <option key={s.id} value={s.id}>v{s.version} · {t(`status.${s.status}`)}</option>)}
        </NativeSelect>
      </FormField>
      {diff.isPending ? <Skeleton className="h-40" /> : diff.isError ? <Alert variant="error" title={t('failed')}>{diff.error.message}</Alert> : <DiffView from={diff.data.from.version} to={diff.data.to.version} diff={diff.data.diff} />}
    </div>
  );
}

function DiffView({ from, to, diff }: { from: number; to: number; diff: KpiSetDiff }) {
  const t = useTranslations('method.diff');
  const locale = useLocale();
  const label = (l: { en: string; 'zh-CN': string } | null) => (l ? pickName(l, locale) : '—');
  if (diff.identical) return <Alert variant="info" title={t('identical', { from, to })} />;
  return (
    <div className="grid gap-6" data-testid="version-diff">
      <p className="text-sm text-muted-foreground">{t('heading', { from, to })}</p>
      {diff.settings.length ? (
        <DiffTable title={t('settings')} head={<><TH>{t('field')}</TH><TH>{t('before', { v: from })}</TH><TH>{t('after', { v: to })}</TH></>}>
          {diff.settings.map((s) => (
            <TR key={s.field}><TD>{t(`fields.${s.field.replace('.', '_')}`)}</TD><TD>{String(s.before)}</TD><TD>{String(s.after)}</TD></TR>
          ))}
        </DiffTable>
      ) : null}
      {diff.objectives.length ? (
        <DiffTable title={t('objectives')} head={<><TH>{t('item')}</TH><TH>{t('change')}</TH><TH numeric>{t('weight')}</TH><TH numeric>{t('share')}</TH></>}>
          {diff.objectives.map((o) => (
            <TR key={o.code}>
              <TD>{label(o.name)}</TD>
              <ChangeCell change={o.change} />
              <TD numeric>{o.weightBefore ?? '—'} → {o.weightAfter ?? '—'}</TD>
              <TD numeric>{percent(o.shareBefore, locale)} → {percent(o.shareAfter, locale)}</TD>
            </TR>
          ))}
        </DiffTable>
      ) : null}
      {diff.indicators.length ? (
        <DiffTable title={t('indicators')} head={<><TH>{t('item')}</TH><TH>{t('change')}</TH><TH numeric>{t('weight')}</TH><TH numeric>{t('shareWithin')}</TH><TH>{t('normalization')}</TH></>}>
          {diff.indicators.map((i) => (
            <TR key={i.code}>
              <TD>{label(i.name)} <span className="font-mono text-xs text-muted-foreground">{i.code}</span>{i.objectiveBefore && i.objectiveAfter && i.objectiveBefore !== i.objectiveAfter ? <span className="block text-xs">{t('moved', { from: i.objectiveBefore, to: i.objectiveAfter })}</span> : null}</TD>
              <ChangeCell change={i.change} />
              <TD numeric>{i.weightBefore ?? '—'} → {i.weightAfter ?? '—'}</TD>
              <TD numeric>{percent(i.shareBefore, locale)} → {percent(i.shareAfter, locale)}</TD>
              <TD className="text-xs">
                {JSON.stringify(i.normalizationBefore) === JSON.stringify(i.normalizationAfter)
                  ? describeNormalization(i.normalizationAfter)
                  : `${describeNormalization(i.normalizationBefore)} → ${describeNormalization(i.normalizationAfter)}`}
              </TD>
            </TR>
          ))}
        </DiffTable>
      ) : null}
      {diff.grades.length ? (
        <DiffTable title={t('grades')} head={<><TH>{t('gradeCode')}</TH><TH>{t('change')}</TH><TH numeric>{t('gradeMin')}</TH><TH>{t('gradeLabel')}</TH></>}>
          {diff.grades.map((g) => (
            <TR key={g.code}>
              <TD className="font-mono">{g.code}</TD>
              <ChangeCell change={g.change} />
              <TD numeric>{g.minBefore ?? '—'} → {g.minAfter ?? '—'}</TD>
              <TD>{label(g.labelBefore)} → {label(g.labelAfter)}</TD>
            </TR>
          ))}
        </DiffTable>
      ) : null}
    </div>
  );
}

/** One kind of change (settings, objectives, …): its heading and the table of what changed. */
function DiffTable({ title, head, children }: { title: string; head: ReactNode; children: ReactNode }) {
  return (
    <section className="grid gap-2">
      <h3 className="text-base font-semibold">{title}</h3>
      <NamedTable dense name={title} head={head}>
        {children}
      </NamedTable>
    </section>
  );
}

function ChangeCell({ change }: { change: keyof typeof CHANGE_BADGE }) {
  const t = useTranslations('method.diff');
  return (
    <TD>
      <Badge variant={CHANGE_BADGE[change]}>{t(`changes.${change}`)}</Badge>
    </TD>
  );
}

export function VersionExport({ data }: { data: VersionData }) {
  const t = useTranslations('method.export');
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const exported = useQuery(trpc.kpiSets.export.queryOptions({ versionId: data.version.id }));
  return (
    <div className="grid gap-4">
      <p className="max-w-prose text-sm text-muted-foreground">{t('body')}</p>
      {exported.data ? <p className="break-all font-mono text-xs" data-testid="method-hash">{t('hash')}: {exported.data.methodHash}</p> : null}
      <div>
        <Button
          onClick={async () => {
            setError(null);
            try {
              const file = await qc.fetchQuery(trpc.kpiSets.export.queryOptions({ versionId: data.version.id }));
              const url = URL.createObjectURL(new Blob([file.text], { type: 'application/json' }));
              const a = document.createElement('a');
              a.href = url;
              a.download = file.fileName;
              a.click();
              URL.revokeObjectURL(url);
            } catch (e) {
              setError(e instanceof Error ? e.message : String(e));
            }
          }}
        >
          {t('download')}
        </Button>
      </div>
      {error ? <Alert variant="error" title={t('failed')}>{error}</Alert> : null}
      {exported.data ? (
        <details>
          <summary className="cursor-pointer text-sm font-medium text-primary">{t('show')}</summary>
          <pre className="mt-2 max-h-96 overflow-auto rounded-md border bg-surface p-3 text-xs">{exported.data.text}</pre>
        </details>
      ) : null}
    </div>
  );
}
