'use client';
// The Pagination component takes its text as props; lists get it from the common catalog here.
import { useTranslations } from 'next-intl';
import type { PaginationLabels } from '@/components/ui/pagination';

export function usePaginationLabels(page: number, pageCount: number): PaginationLabels {
  const t = useTranslations('common.pagination');
  return { nav: t('label'), previous: t('previous'), next: t('next'), pageOf: t('pageOf', { page, pages: pageCount }) };
}
