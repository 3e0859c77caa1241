'use client';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Plus, Search } from 'lucide-react';
import { useTRPC } from '@/lib/trpc/client';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { buttonClassName } from '@/components/ui/styles';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { usePaginationLabels } from '@/components/app/use-pagination-labels';
import { Table, TableCaption, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { Skeleton } from '@/components/ui/skeleton';
import { STAKEHOLDER_TYPES, type StakeholderType } from '@/core/domain/enums';
import { pickName } from '@/core/i18n/label';


const PAGE_SIZE = 20;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

export function StakeholderList({ canCreate }: { canCreate: boolean }) {
  const t = useTranslations('stakeholders');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const [type, setType] = useState<StakeholderType | ''>('');
  const [regionId, setRegionId] = useState<number | ''>('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [page, setPage] = useState(1);
  const q = useDebounced(search, 250);

  const townships = useQuery(trpc.regions.list.queryOptions({ level: 'township' }));
  const list = useQuery({
    ...trpc.stakeholders.list.queryOptions({
      page,
      pageSize: PAGE_SIZE,
      search: q || undefined,
      type: type || undefined,
      regionId: regionId || undefined,
      includeInactive,
    }),
    placeholderData: keepPreviousData,
  });
  const filtered = Boolean(q || type || regionId);

  const pageLabels = usePaginationLabels(list.data?.page ?? page, list.data?.pageCount ?? 1);
  return (
    <section aria-labelledby="stakeholder-list-heading" className="grid gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="stakeholder-list-heading" className="text-lg font-semibold">
          {t('list.heading')}
        </h2>
        {canCreate ? (
          <Link href="/stakeholders/new" className={buttonClassName()}>
            <Plus aria-hidden="true" />
            {t('list.create')}
          </Link>
        ) : null}
      </div>
      <div role="search" className="grid gap-3 rounded-lg border bg-surface p-3 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_auto]">
        <label className="grid gap-1 text-sm font-medium">
          {t('list.search')}
          <span className="relative">
            <Search aria-hidden="true" className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" />
            <Input type="search" value={search} onChange={(e) => { setSearch(e.target.value); setPage(1); }} placeholder={t('list.searchPlaceholder')} className="pl-9" />
          </span>
        </label>
        <label className="grid gap-1 text-sm font-medium">
          {t('fields.type')}
          <NativeSelect value={type} onChange={(e) => { setType(e.target.value as StakeholderType | ''); setPage(1); }}>
            <option value="">{t('list.allTypes')}</option>
            {STAKEHOLDER_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {tc(`stakeholderTypes.${ty}`)}
              </option>
            ))}
          </NativeSelect>
        </label>
        <label className="grid gap-1 text-sm font-medium">
          {t('list.township')}
          <NativeSelect value={regionId} onChange={(e) => { setRegionId(e.target.value ? Number(e.target.value) : ''); setPage(1); }}>
            <option value="">{t('list.allTownships')}</option>
            {(townships.data ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {pickName(r.name, locale)}
              </option>
            ))}
          </NativeSelect>
        </label>
        <label className="flex items-center gap-2 self-end pb-2.5 text-sm">
          <input type="checkbox" className="size-4 accent-primary" checked={includeInactive} onChange={(e) => { setIncludeInactive(e.target.checked); setPage(1); }} />
          {t('list.includeInactive')}
        </label>
      </div>

      {list.isError ? (
        <Alert variant="error" title={t('list.loadError')}>
          {list.error.message}
        </Alert>
      ) : list.isPending ? (
        <div className="grid gap-2" aria-busy="true" aria-label={tc('loading')}>
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-12" />
          ))}
        </div>
      ) : list.data.total === 0 ? (
        <EmptyState
          title={filtered ? t('list.emptyFiltered') : t('list.empty')}
          description={filtered ? t('list.emptyFilteredHint') : canCreate ? t('list.emptyHint') : undefined}
          action={
            canCreate && !filtered ? (
              <Link href="/stakeholders/new" className={buttonClassName()}>
                {t('list.create')}
              </Link>
            ) : undefined
          }
        />
      ) : (
        <>
          <p className="text-sm text-muted-foreground" aria-live="polite">
            {t('list.count', { total: list.data.total })}
          </p>
          <Table className="min-w-[640px]" scrollLabel={t('list.heading')}>
            <TableCaption className="sr-only">{t('list.heading')}</TableCaption>
            <THead>
              <TR>
                <TH>{t('fields.code')}</TH>
                <TH>{t('fields.name')}</TH>
                <TH>{t('fields.type')}</TH>
                <TH>{t('fields.region')}</TH>
                <TH>{t('fields.creditCode')}</TH>
                <TH>{t('fields.status')}</TH>
              </TR>
            </THead>
            <TBody>
              {list.data.items.map((s) => (
                <TR key={s.id}>
                  <TD className="whitespace-nowrap tabular-nums text-muted-foreground">{s.code}</TD>
                  <TD className="min-w-48 font-medium">
                    <Link href={`/stakeholders/${s.id}`} className="text-primary underline-offset-4 hover:underline">
                      {s.name}
                    </Link>
                  </TD>
                  <TD className="whitespace-nowrap">{tc(`stakeholderTypes.${s.type}`)}</TD>
                  <TD className="whitespace-nowrap">{pickName(s.regionName, locale)}</TD>
                  <TD className="whitespace-nowrap font-mono text-xs">{s.creditCode ?? '—'}</TD>
                  <TD>
                    <Badge variant={s.active ? 'success' : 'neutral'}>{s.active ? t('status.active') : t('status.inactive')}</Badge>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
          <Pagination
            page={list.data.page}
            pageCount={list.data.pageCount}
            onPageChange={setPage}
            labels={pageLabels}
          />
        </>
      )}
    </section>
  );
}
