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
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { Skeleton } from '@/components/ui/skeleton';
import { STAKEHOLDER_TYPES, type StakeholderType } from '@/db/schema';

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
  const regionName = (r: { nameZh: string; nameEn: string }) => (locale === 'en' ? r.nameEn : r.nameZh);
  const filtered = Boolean(q || type || regionId);

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
                {regionName(r)}
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
          <div className="relative overflow-x-auto rounded-lg border bg-surface">
            <table className="w-full min-w-[640px] text-sm">
              <caption className="sr-only">{t('list.heading')}</caption>
              <thead className="bg-muted text-left text-xs uppercase tracking-wide text-muted-foreground">
                <tr>
                  <th scope="col" className="px-3 py-2.5">{t('fields.code')}</th>
                  <th scope="col" className="px-3 py-2.5">{t('fields.name')}</th>
                  <th scope="col" className="px-3 py-2.5">{t('fields.type')}</th>
                  <th scope="col" className="px-3 py-2.5">{t('fields.region')}</th>
                  <th scope="col" className="px-3 py-2.5">{t('fields.creditCode')}</th>
                  <th scope="col" className="px-3 py-2.5">{t('fields.status')}</th>
                </tr>
              </thead>
              <tbody className="divide-y">
                {list.data.items.map((s) => (
                  <tr key={s.id} className="hover:bg-accent/60">
                    <td className="whitespace-nowrap px-3 py-2.5 tabular-nums text-muted-foreground">{s.code}</td>
                    <td className="min-w-48 px-3 py-2.5 font-medium">
                      <Link href={`/stakeholders/${s.id}`} className="text-primary underline-offset-4 hover:underline">
                        {s.name}
                      </Link>
                    </td>
                    <td className="whitespace-nowrap px-3 py-2.5">{tc(`stakeholderTypes.${s.type}`)}</td>
                    <td className="whitespace-nowrap px-3 py-2.5">{locale === 'en' ? s.regionNameEn : s.regionNameZh}</td>
                    <td className="whitespace-nowrap px-3 py-2.5 font-mono text-xs">{s.creditCode ?? '—'}</td>
                    <td className="px-3 py-2.5">
                      <Badge variant={s.active ? 'success' : 'neutral'}>{s.active ? t('status.active') : t('status.inactive')}</Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={list.data.page}
            pageCount={list.data.pageCount}
            onPageChange={setPage}
            labels={{
              nav: tc('pagination.label'),
              previous: tc('pagination.previous'),
              next: tc('pagination.next'),
              pageOf: tc('pagination.pageOf', { page: list.data.page, pages: list.data.pageCount }),
            }}
          />
        </>
      )}
    </section>
  );
}
