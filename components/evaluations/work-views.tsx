'use client';
// The work list's views as tabs that are links (the view lives in the URL, so Back returns to it),
// each with its count, and the open period's due date: days left, or days overdue.
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/lib/cn';
import { formatNumber } from '@/core/i18n/format';
import { WORK_VIEWS, type DueState, type WorkView } from '@/core/domain/work-views';

export function WorkViewTabs({ current, counts, href }: { current: WorkView | undefined; counts: Record<WorkView, number>; href: (patch: { view: WorkView | undefined }) => string }) {
  const t = useTranslations('workQueue');
  const locale = useLocale();
  const tabs: (WorkView | undefined)[] = [undefined, ...WORK_VIEWS];
  return (
    <div className="grid gap-2">
      <nav aria-label={t('views.label')} className="flex max-w-full items-end gap-1 overflow-x-auto border-b [scrollbar-width:thin]">
        {tabs.map((v) => {
          const active = v === current;
          const label = t(`views.${v ?? 'all'}`);
          return (
            <Link
              key={v ?? 'all'}
              href={href({ view: v })}
              scroll={false}
              aria-current={active ? 'page' : undefined}
              data-testid={`work-view-${v ?? 'all'}`}
              className={cn(
                '-mb-px inline-flex min-h-10 shrink-0 items-center gap-2 border-b-2 border-transparent px-3 py-2 text-sm font-medium whitespace-nowrap text-muted-foreground',
                'hover:text-foreground focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring',
                active && 'border-primary text-primary',
              )}
            >
              {label}
              {v ? (
                <span className="rounded-full bg-muted px-2 text-xs tabular-nums text-foreground" data-testid={`work-view-count-${v}`}>
                  {formatNumber(counts[v], locale)}
                </span>
              ) : null}
            </Link>
          );
        })}
      </nav>
      {current ? <p className="text-xs text-muted-foreground">{t(`viewHint.${current}`)}</p> : null}
    </div>
  );
}

/** Days left (or overdue) as a badge; overdue only matters while entry is open. */
export function DueBadge({ due, open }: { due: DueState; open: boolean }) {
  const t = useTranslations('workQueue.due');
  if (open && due.overdue) return <Badge variant="danger" data-testid="due-badge">{t('overdue', { days: -due.days })}</Badge>;
  if (!open) return null;
  return <Badge variant={due.days <= 7 ? 'warning' : 'neutral'} data-testid="due-badge">{t('daysLeft', { days: due.days })}</Badge>;
}

/** The period's due date with days left or overdue, in one line. */
export function DueNote({ code, due, open, className }: { code: string; due: DueState | null; open: boolean; className?: string }) {
  const t = useTranslations('workQueue.due');
  if (!due) return open ? <p className={cn('text-sm text-muted-foreground', className)}>{t('none', { code })}</p> : null;
  return (
    <p className={cn('flex flex-wrap items-center gap-2 text-sm', className)} data-testid="due-note">
      <span className="font-medium">{t('label', { code })}</span>
      <span className="tabular-nums text-muted-foreground">{t('dueOn', { date: due.dueOn })}</span>
      <DueBadge due={due} open={open} />
    </p>
  );
}
