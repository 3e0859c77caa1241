import Link from 'next/link';
import { TRPCError } from '@trpc/server';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { RegionTable } from '@/components/regions/region-table';
import { RegionSearch } from '@/components/regions/region-search';
import { allowed, api } from '@/lib/trpc/server';
import { listParamsFromUrl, listParamsToQuery } from '@/core/schemas/list-params';
import { regionTreeSchema } from '@/core/schemas/regions';
import { pickName } from '@/core/i18n/label';
import type { Locale } from '@/i18n/config';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('admin'))('regions.title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

// One unit's children a page at a time: the URL holds the unit, the search and the page.
export default async function RegionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  if (!(await allowed('regions.tree'))) notFound();
  const t = await getTranslations('admin.regions');
  const tp = await getTranslations('common.pagination');
  const locale = (await getLocale()) as Locale;
  const params = listParamsFromUrl(regionTreeSchema, await searchParams);
  const caller = await api();
  // A stale link to a deleted unit: the page answers as for any missing page.
  const data = await caller.regions.tree(params).catch((e: unknown) => {
    if (e instanceof TRPCError && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  const href = (patch: Partial<typeof params>) => `/admin/regions${listParamsToQuery(regionTreeSchema, params, patch)}`;
  const current = data.breadcrumb.at(-1);
  const heading = current ? t('childrenHeading', { name: pickName(current.name, locale) }) : t('topHeading');

  return (
    <ClientMessages namespaces={['admin.regions', 'adminTools.table', 'errors', 'jobs', 'validation']}>
      <PageHeader
        title={t('title')}
        description={t('description')}
        breadcrumb={
          <nav aria-label={t('breadcrumb')}>
            <ol className="flex flex-wrap items-center gap-1">
              <li>{current ? <Link className="underline-offset-4 hover:underline" href="/admin/regions">{t('top')}</Link> : <span aria-current="page">{t('top')}</span>}</li>
              {data.breadcrumb.map((r, i) => (
                <li key={r.id} className="flex items-center gap-1">
                  <span aria-hidden="true">/</span>
                  {i === data.breadcrumb.length - 1 ? (
                    <span aria-current="page">{pickName(r.name, locale)}</span>
                  ) : (
                    <Link className="underline-offset-4 hover:underline" href={`/admin/regions?parentId=${r.id}`}>{pickName(r.name, locale)}</Link>
                  )}
                </li>
              ))}
            </ol>
          </nav>
        }
      />
      <section aria-labelledby="regions-heading" className="grid min-w-0 content-start gap-4">
        <h2 id="regions-heading" className="text-lg font-semibold">{heading}</h2>
        <RegionSearch parentId={params.parentId} search={params.search} />
        <p className="text-sm text-muted-foreground">{t('deleteRule')}</p>
        {params.search ? <p role="status" className="text-sm text-muted-foreground">{t('searchResults', { total: data.total, search: params.search })}</p> : null}
        <RegionTable caption={heading} items={data.items} emptyText={params.search ? t('searchResults', { total: 0, search: params.search }) : current ? t('emptyBelow') : t('empty')} />
        {data.pageCount > 1 ? (
          <Pagination
            page={data.page}
            pageCount={data.pageCount}
            hrefForPage={(page) => href({ page })}
            labels={{ nav: tp('label'), previous: tp('previous'), next: tp('next'), pageOf: tp('pageOf', { page: data.page, pages: data.pageCount }) }}
          />
        ) : null}
      </section>
    </ClientMessages>
  );
}
