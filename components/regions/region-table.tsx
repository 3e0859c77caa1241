'use client';
// The units of one level with what each holds, and their actions (rename, retire, delete).
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableCaption, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { formatNumber } from '@/core/i18n/format';
import type { RegionLevel } from '@/core/domain/enums';
import type { Locale } from '@/i18n/config';
import { RegionActions } from './region-actions';

export interface RegionRow {
  id: number;
  code: string;
  level: RegionLevel;
  nameZh: string;
  nameEn: string;
  retired: boolean;
  children: number;
  stakeholders: number;
}

export function RegionTable({ caption, items, emptyText }: { caption: string; items: RegionRow[]; emptyText: string }) {
  const t = useTranslations('admin.regions');
  const locale = useLocale() as Locale;
  if (items.length === 0) return <EmptyState title={emptyText} />;
  return (
    <Table className="min-w-[760px]" scrollLabel={caption}>
      <TableCaption className="sr-only">{caption}</TableCaption>
      <THead>
        <TR>
          <TH>{t('columns.code')}</TH>
          <TH>{t('columns.nameZh')}</TH>
          <TH>{t('columns.nameEn')}</TH>
          <TH>{t('columns.level')}</TH>
          <TH className="text-end">{t('columns.stakeholders')}</TH>
          <TH className="text-end">{t('columns.children')}</TH>
          <TH>{t('columns.status')}</TH>
          <TH><span className="sr-only">{t('columns.actions')}</span></TH>
        </TR>
      </THead>
      <TBody>
        {items.map((r) => {
          const name = locale === 'en' ? r.nameEn || r.nameZh : r.nameZh;
          return (
            <TR key={r.id}>
              <TD className="font-mono text-xs">{r.code}</TD>
              <TD className="whitespace-nowrap font-medium" lang="zh-CN">
                {/* The name read out starts with the name shown (WCAG 2.5.3); English readers also hear the English one. */}
                {r.children > 0 ? (
                  <Link prefetch={false} className="underline-offset-4 hover:underline" href={`/admin/regions?parentId=${r.id}`} aria-label={locale === 'en' ? `${r.nameZh} – ${t('open', { name })}` : undefined}>
                    {r.nameZh}
                  </Link>
                ) : (
                  r.nameZh
                )}
              </TD>
              <TD lang="en">{r.nameEn}</TD>
              <TD className="whitespace-nowrap">{t(`levels.${r.level}`)}</TD>
              <TD className="text-end tabular-nums">{formatNumber(r.stakeholders, locale)}</TD>
              <TD className="text-end tabular-nums">{formatNumber(r.children, locale)}</TD>
              <TD>
                <Badge variant={r.retired ? 'warning' : 'success'}>{r.retired ? t('retired') : t('active')}</Badge>
              </TD>
              <TD>
                <RegionActions region={r} name={name} />
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
