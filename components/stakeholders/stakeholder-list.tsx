'use client';
// The stakeholders in the caller's scope, a page at a time: filters, sort and page live in the URL
// (the page renders the first page on the server; see components/app/paged-list.tsx).
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useQuery } from '@tanstack/react-query';
import { FileUp, Plus } from 'lucide-react';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';
import { useTRPC } from '@/lib/trpc/client';
import { Badge } from '@/components/ui/badge';
import { buttonClassName } from '@/components/ui/styles';
import { EmptyState } from '@/components/ui/empty-state';
import { ListPager, ListTable, SearchField, SortTH, useListParams } from '@/components/app/paged-list';
import { TD, TH, TR } from '@/components/ui/table';
import { NativeSelect } from '@/components/ui/native-select';
import { TypeFilter } from './type-filter';
import type { StakeholderListParams } from '@/core/schemas/lists';
import { stakeholderListShape } from '@/core/schemas/list-shapes';
import { pickName } from '@/core/i18n/label';
import { LangText } from '@/components/ui/lang-text';

type Page = inferRouterOutputs<AppRouter>['stakeholders']['list'];

export function StakeholderList({ canCreate, data, params }: { canCreate: boolean; data: Page; params: StakeholderListParams }) {
  const t = useTranslations('stakeholders');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const { view, href, set, pending } = useListParams(stakeholderListShape, params);
  const townships = useQuery(trpc.regions.list.queryOptions({ level: 'township' }));
  const filtered = Boolean(params.search || params.type || params.regionId);
  return (
    <section aria-labelledby="stakeholder-list-heading" className="grid gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="stakeholder-list-heading" className="text-lg font-semibold">
          {t('list.heading')}
        </h2>
        {canCreate ? (
          <div className="flex flex-wrap gap-2">
            <Link href="/stakeholders/import" className={buttonClassName({ variant: 'outline' })}>
              <FileUp aria-hidden="true" />
              {t('registry.importLink')}
            </Link>
            <Link href="/stakeholders/new" className={buttonClassName()}>
              <Plus aria-hidden="true" />
              {t('list.create')}
            </Link>
          </div>
        ) : null}
      </div>
      <div role="search" className="grid gap-3 rounded-lg border bg-surface p-3 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_auto]">
        <SearchField label={t('list.search')} placeholder={t('list.searchPlaceholder')} value={view.search ?? ''} onCommit={(search) => set({ search: search || undefined })} />
        <TypeFilter label={t('fields.type')} allLabel={t('list.allTypes')} value={view.type} onChange={(type) => set({ type })} />
        <label className="grid gap-1 text-sm font-medium">
          {t('list.township')}
          <NativeSelect value={view.regionId ?? ''} onChange={(e) => set({ regionId: e.target.value ? Number(e.target.value) : undefined })}>
            <option value="">{t('list.allTownships')}</option>
            {(townships.data ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {pickName(r.name, locale)}
              </option>
            ))}
          </NativeSelect>
        </label>
        <label className="flex items-center gap-2 self-end pb-2.5 text-sm">
          <input type="checkbox" className="size-4 accent-primary" checked={view.includeInactive ?? false} onChange={(e) => set({ includeInactive: e.target.checked || undefined })} />
          {t('list.includeInactive')}
        </label>
      </div>

      {data.total === 0 ? (
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
            {t('list.count', { total: data.total })}
          </p>
          <ListTable
            className="min-w-[640px]"
            caption={t('list.heading')}
            pending={pending}
            head={
              <>
                <SortTH params={params} sortKey="code" href={href} label={t('fields.code')} />
                <SortTH params={params} sortKey="name" href={href} label={t('fields.name')} />
                <TH>{t('fields.type')}</TH>
                <TH>{t('fields.region')}</TH>
                <TH>{t('fields.creditCode')}</TH>
                <TH>{t('fields.status')}</TH>
              </>
            }
          >
            {data.items.map((s) => (
              <TR key={s.id}>
                <TD className="whitespace-nowrap tabular-nums text-muted-foreground">{s.code}</TD>
                <TD className="min-w-48 font-medium">
                  <Link href={`/stakeholders/${s.id}`} prefetch={false} className="text-primary underline-offset-4 hover:underline">
                    <LangText>{s.name}</LangText>
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
          </ListTable>
          <ListPager data={data} href={href} />
        </>
      )}
    </section>
  );
}
