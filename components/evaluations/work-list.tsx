'use client';
// The assessor's work list: the stakeholders in scope with their evaluation status for a period,
// filters and search (client-side: a county has at most a few hundred stakeholders), and
// completion per county and township.
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Search } from 'lucide-react';
import type { inferRouterOutputs } from '@trpc/server';
import { useTRPC } from '@/lib/trpc/client';
import type { AppRouter } from '@/server/trpc/root';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { Progress } from '@/components/ui/progress';
import { Skeleton } from '@/components/ui/skeleton';
import { buttonClassName } from '@/components/ui/styles';

import { StatusBadge, type WorkStatus } from './status-badge';
import { STAKEHOLDER_TYPES, type StakeholderType } from '@/core/domain/enums';
import { pickName, type Label } from '@/core/i18n/label';
import { formatNumber } from '@/core/i18n/format';

const STATUSES: WorkStatus[] = ['not_started', 'draft', 'submitted', 'returned', 'approved'];

type ProgressRow = { regionId: number; name: Label; total: number; counts: Record<WorkStatus, number> };

function ProgressList({ title, rows, name }: { title: string; rows: ProgressRow[]; name: (r: ProgressRow) => string }) {
  const t = useTranslations('evaluations.workList');
  const locale = useLocale();
  if (rows.length === 0) return null;
  return (
    <section className="rounded-lg border bg-surface p-4" aria-label={title}>
      <h3 className="mb-3 text-sm font-semibold">{title}</h3>
      <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {rows.map((r) => {
          const done = r.counts.approved;
          return (
            <li key={r.regionId}>
              <Progress
                value={r.total ? (100 * done) / r.total : 0}
                label={name(r)}
                valueLabel={t('progressValue', { approved: formatNumber(done, locale), total: formatNumber(r.total, locale), submitted: formatNumber(r.counts.submitted, locale) })}
                tone={done === r.total ? 'success' : 'primary'}
                size="sm"
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}

type WorkListData = inferRouterOutputs<AppRouter>['evaluations']['workList'];

/** `initial`: the default period's list, fetched by the page on the server (no loading flash). */
export function WorkList({ initial }: { initial?: WorkListData }) {
  const t = useTranslations('evaluations.workList');
  const tc = useTranslations('common');
  const locale = useLocale();
  const format = useFormatter();
  const router = useRouter();
  const trpc = useTRPC();
  const [periodId, setPeriodId] = useState<number | undefined>(undefined);
  const params = useSearchParams();
  const [search, setSearch] = useState(params.get('search') ?? '');
  const [status, setStatus] = useState<WorkStatus | ''>('');
  const [type, setType] = useState<StakeholderType | ''>('');
  const [townshipId, setTownshipId] = useState<number | ''>('');
  const list = useQuery({
    ...trpc.evaluations.workList.queryOptions(periodId ? { periodId } : undefined),
    ...(periodId || !initial ? {} : { initialData: initial }),
    placeholderData: keepPreviousData,
  });
  const start = useMutation(trpc.evaluations.start.mutationOptions());
  const [startError, setStartError] = useState<string | null>(null);
  const regionName = (r: { name: Label }) => pickName(r.name, locale);

  const data = list.data;
  const townshipNames = useMemo(() => new Map((data?.townships ?? []).map((r) => [r.regionId, r])), [data]);
  const items = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (data?.items ?? []).filter(
      (i) =>
        (!status || i.status === status) &&
        (!type || i.type === type) &&
        (!townshipId || i.townshipId === townshipId) &&
        (!q || i.name.toLowerCase().includes(q) || i.code.toLowerCase().includes(q) || (i.creditCode ?? '').toLowerCase().includes(q)),
    );
  }, [data, search, status, type, townshipId]);
  const isOpen = data?.period?.status === 'open';

  async function onStart(stakeholderId: number) {
    setStartError(null);
    try {
      const e = await start.mutateAsync({ stakeholderId });
      router.push(`/evaluations/${e.id}`);
    } catch (err) {
      setStartError(err instanceof Error ? err.message : String(err));
    }
  }

  if (list.isError) {
    return (
      <Alert variant="error" title={tc('loadError')}>
        {list.error.message}
      </Alert>
    );
  }
  if (!data) {
    return (
      <div className="grid gap-2" aria-busy="true" aria-label={tc('loading')}>
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-12" />
        ))}
      </div>
    );
  }
  if (!data.period) return <EmptyState title={t('noPeriods')} />;

  return (
    <div className="grid gap-5">
      <div role="search" className="grid gap-3 rounded-lg border bg-surface p-3 sm:grid-cols-2 lg:grid-cols-[1fr_2fr_1fr_1fr_1fr]">
        <label className="grid gap-1 text-sm font-medium">
          {t('period')}
          <NativeSelect value={data.period.id} onChange={(e) => setPeriodId(Number(e.target.value))}>
            {data.periods.map((p) => (
              <option key={p.id} value={p.id}>
                {p.code} · {tc(`periodStatus.${p.status}`)}
              </option>
            ))}
          </NativeSelect>
        </label>
        <label className="grid gap-1 text-sm font-medium">
          {t('search')}
          <span className="relative">
            <Search aria-hidden="true" className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" />
            <Input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('searchPlaceholder')} className="pl-9" />
          </span>
        </label>
        <label className="grid gap-1 text-sm font-medium">
          {t('status')}
          <NativeSelect value={status} onChange={(e) => setStatus(e.target.value as WorkStatus | '')}>
            <option value="">{t('allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t('statusCount', { status: t(`statusName.${s}`), n: data.items.filter((i) => i.status === s).length })}
              </option>
            ))}
          </NativeSelect>
        </label>
        <label className="grid gap-1 text-sm font-medium">
          {t('type')}
          <NativeSelect value={type} onChange={(e) => setType(e.target.value as StakeholderType | '')}>
            <option value="">{t('allTypes')}</option>
            {STAKEHOLDER_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {tc(`stakeholderTypes.${ty}`)}
              </option>
            ))}
          </NativeSelect>
        </label>
        <label className="grid gap-1 text-sm font-medium">
          {t('township')}
          <NativeSelect value={townshipId} onChange={(e) => setTownshipId(e.target.value ? Number(e.target.value) : '')}>
            <option value="">{t('allTownships')}</option>
            {data.townships.map((r) => (
              <option key={r.regionId} value={r.regionId}>
                {regionName(r)}
              </option>
            ))}
          </NativeSelect>
        </label>
      </div>

      <ProgressList title={t('progressCounty')} rows={data.counties} name={regionName} />
      <details className="rounded-lg border bg-surface">
        <summary className="cursor-pointer px-4 py-3 text-sm font-semibold">{t('progressTownships', { n: data.townships.length })}</summary>
        <div className="border-t">
          <ProgressList title={t('progressTownshipsTitle')} rows={data.townships} name={regionName} />
        </div>
      </details>

      {startError ? (
        <Alert variant="error" title={t('startFailed')}>
          {startError}
        </Alert>
      ) : null}
      {!isOpen ? <Alert variant="info">{t('periodNotOpen', { code: data.period.code })}</Alert> : null}

      {items.length === 0 ? (
        <EmptyState title={t('empty')} description={data.items.length ? t('emptyFiltered') : undefined} />
      ) : (
        <>
          <p className="text-sm text-muted-foreground" aria-live="polite">
            {t('count', { shown: items.length, total: data.items.length })}
          </p>
          {/* Phones: one card per stakeholder; the table from the sm breakpoint up. */}
          <ul className="grid gap-2 sm:hidden" aria-label={t('caption', { code: data.period.code })}>
            {items.map((i) => {
              const township = i.townshipId ? townshipNames.get(i.townshipId) : undefined;
              return (
                <li key={i.stakeholderId} className="grid gap-2 rounded-lg border bg-surface p-3" data-testid={`work-card-${i.code}`}>
                  <div className="flex items-start justify-between gap-3">
                    <div className="min-w-0">
                      <div className="font-medium">{i.name}</div>
                      <div className="text-xs text-muted-foreground">
                        {i.code} · {tc(`stakeholderTypes.${i.type}`)}
                        {township ? ` · ${regionName(township)}` : ''}
                      </div>
                    </div>
                    <StatusBadge status={i.status} />
                  </div>
                  {i.status === 'returned' && i.returnReason ? <p className="text-xs text-muted-foreground line-clamp-2">{i.returnReason}</p> : null}
                  <div className="flex items-center justify-between gap-3">
                    <span className="text-xs text-muted-foreground tabular-nums">
                      {i.updatedAt ? format.dateTime(i.updatedAt, { dateStyle: 'medium', timeStyle: 'short' }) : ''}
                    </span>
                    {i.evaluationId ? (
                      <Link href={`/evaluations/${i.evaluationId}`} className={buttonClassName({ variant: 'outline', size: 'sm' })} aria-label={t('openFor', { name: i.name })}>
                        {i.status === 'submitted' ? t('review') : t('open')}
                      </Link>
                    ) : isOpen && i.active ? (
                      <Button size="sm" onClick={() => onStart(i.stakeholderId)} aria-label={t('startFor', { name: i.name })}>
                        {t('start')}
                      </Button>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
          <div className="hidden overflow-x-auto rounded-lg border bg-surface sm:block">
            <table className="w-full min-w-[720px] text-sm">
              <caption className="sr-only">{t('caption', { code: data.period.code })}</caption>
              <thead className="bg-muted text-left text-xs uppercase tracking-wide text-muted-foreground">
                <tr>
                  <th scope="col" className="px-3 py-2.5">{t('columns.stakeholder')}</th>
                  <th scope="col" className="px-3 py-2.5">{t('columns.type')}</th>
                  <th scope="col" className="px-3 py-2.5">{t('columns.township')}</th>
                  <th scope="col" className="px-3 py-2.5">{t('columns.status')}</th>
                  <th scope="col" className="px-3 py-2.5">{t('columns.updated')}</th>
                  <th scope="col" className="px-3 py-2.5 text-right">{t('columns.action')}</th>
                </tr>
              </thead>
              <tbody className="divide-y">
                {items.map((i) => {
                  const township = i.townshipId ? townshipNames.get(i.townshipId) : undefined;
                  return (
                    <tr key={i.stakeholderId} className="hover:bg-accent/60" data-testid={`work-row-${i.code}`}>
                      <td className="px-3 py-2.5">
                        <div className="font-medium">{i.name}</div>
                        <div className="text-xs tabular-nums text-muted-foreground">{i.code}</div>
                      </td>
                      <td className="px-3 py-2.5">{tc(`stakeholderTypes.${i.type}`)}</td>
                      <td className="px-3 py-2.5">{township ? regionName(township) : '—'}</td>
                      <td className="px-3 py-2.5">
                        <StatusBadge status={i.status} />
                        {i.status === 'returned' && i.returnReason ? (
                          <p className="mt-1 max-w-xs text-xs text-muted-foreground line-clamp-2">{i.returnReason}</p>
                        ) : null}
                      </td>
                      <td className="px-3 py-2.5 text-xs text-muted-foreground tabular-nums">
                        {i.updatedAt ? format.dateTime(i.updatedAt, { dateStyle: 'medium', timeStyle: 'short' }) : '—'}
                      </td>
                      <td className="px-3 py-2.5 text-right">
                        {i.evaluationId ? (
                          <Link
                            href={`/evaluations/${i.evaluationId}`}
                            className={buttonClassName({ variant: 'outline', size: 'sm' })}
                            aria-label={t('openFor', { name: i.name })}
                          >
                            {i.status === 'submitted' ? t('review') : t('open')}
                          </Link>
                        ) : isOpen && i.active ? (
                          <Button
                            size="sm"
                            onClick={() => onStart(i.stakeholderId)}
                            loading={start.isPending && start.variables?.stakeholderId === i.stakeholderId}
                            aria-label={t('startFor', { name: i.name })}
                          >
                            {t('start')}
                          </Button>
                        ) : (
                          <span className="text-xs text-muted-foreground">—</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
