'use client';
// A plain GET form: the search lands in the URL, so the result can be linked and works without script.
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';

export function RegionSearch({ parentId, search }: { parentId: number | undefined; search: string | undefined }) {
  const t = useTranslations('admin.regions');
  return (
    <form role="search" method="get" action="/admin/regions" className="flex flex-wrap items-end gap-2 rounded-lg border bg-surface p-3">
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <label className="grid min-w-60 flex-1 gap-1 text-sm font-medium">
        {t('search')}
        <Input type="search" name="search" defaultValue={search ?? ''} maxLength={100} />
      </label>
      <Button type="submit">{t('searchButton')}</Button>
      {search ? (
        <Link className="text-sm underline-offset-4 hover:underline" href={parentId ? `/admin/regions?parentId=${parentId}` : '/admin/regions'}>
          {t('clearSearch')}
        </Link>
      ) : null}
    </form>
  );
}
