import type { ReactNode } from 'react';
import Link from 'next/link';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { cn } from '@/lib/cn';
import { buttonClassName } from './styles';

export interface PaginationLabels {
  /** Accessible name of the <nav>, e.g. t('pagination.label'). */
  nav: string;
  previous: string;
  next: string;
  /** Already formatted "Page X of Y", e.g. t('pagination.pageOf', { page, count }). */
  pageOf: string;
}

export interface PaginationProps {
  /** Current page, 1-based. */
  page: number;
  pageCount: number;
  labels: PaginationLabels;
  /** Client-side paging. */
  onPageChange?: (page: number) => void;
  /** URL-based paging (works from server components); takes precedence over onPageChange. */
  hrefForPage?: (page: number) => string;
  className?: string;
}

/** Previous / "page X of Y" / next. Hidden when printing (it is a nav). */
export function Pagination({
  page,
  pageCount,
  labels,
  onPageChange,
  hrefForPage,
  className,
}: PaginationProps) {
  const hasPrevious = page > 1;
  const hasNext = page < pageCount;

  const control = (target: number, enabled: boolean, children: ReactNode, rel: 'prev' | 'next') => {
    const classes = buttonClassName({ variant: 'outline', size: 'sm' });
    if (!enabled) {
      // A disabled link is not a link: render inert text the user can see but not activate.
      return (
        <span aria-disabled="true" className={cn(classes, 'opacity-55')}>
          {children}
        </span>
      );
    }
    if (hrefForPage) {
      return (
        <Link href={hrefForPage(target)} rel={rel} prefetch={false} className={classes}>
          {children}
        </Link>
      );
    }
    return (
      <button type="button" className={classes} onClick={() => onPageChange?.(target)}>
        {children}
      </button>
    );
  };

  return (
    <nav aria-label={labels.nav} className={cn('flex items-center justify-between gap-2 py-3', className)}>
      {control(
        page - 1,
        hasPrevious,
        <>
          <ChevronLeft aria-hidden="true" className="rtl:rotate-180" />
          <span className="max-[400px]:sr-only">{labels.previous}</span>
        </>,
        'prev',
      )}
      <p className="text-sm text-muted-foreground tabular-nums">{labels.pageOf}</p>
      {control(
        page + 1,
        hasNext,
        <>
          <span className="max-[400px]:sr-only">{labels.next}</span>
          <ChevronRight aria-hidden="true" className="rtl:rotate-180" />
        </>,
        'next',
      )}
    </nav>
  );
}
