'use client';
// The caller's notifications, a page at a time. The text of each is the catalog's, in the reader's
// language, with the parameters stored when it happened. Opening one marks it read first, so the
// bell counts one fewer on the page it leads to.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { Bell, CalendarClock, CalendarRange, CheckCircle2, FilePenLine, Gavel, MessageSquareWarning, Undo2 } from 'lucide-react';
import type { AppRouter } from '@/server/trpc/root';
import { useTRPC } from '@/lib/trpc/client';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { usePaginationLabels } from '@/components/app/use-pagination-labels';
import { cn } from '@/lib/cn';
import { WithNames, nameIn } from '@/components/ui/lang-text';

type ListData = inferRouterOutputs<AppRouter>['notifications']['list'];
type Item = ListData['items'][number];

const ICONS = {
  evaluation_returned: Undo2,
  evaluation_approved: CheckCircle2,
  period_opened: CalendarRange,
  period_due_soon: CalendarClock,
  appeal_submitted: MessageSquareWarning,
  appeal_proposed: Gavel,
  appeal_decided: Gavel,
  period_revised: FilePenLine,
} as const;

export function NotificationList({ data }: { data: ListData }) {
  const t = useTranslations('notifications');
  const format = useFormatter();
  const router = useRouter();
  const trpc = useTRPC();
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions());
  const markAll = useMutation(trpc.notifications.markAllRead.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const labels = usePaginationLabels(data.page, data.pageCount);
  const failed = (e: unknown) => setError(t('failed', { message: e instanceof Error ? e.message : String(e) }));

  const text = (n: Item) => {
    const p = n.params;
    const params = { by: nameIn(p.by ?? ''), stakeholder: nameIn(p.stakeholder ?? ''), code: p.code ?? '', period: p.period ?? '', dueDate: p.dueDate ? format.dateTime(new Date(`${p.dueDate}T00:00:00+08:00`), { dateStyle: 'medium' }) : '', decision: p.decision ?? 'other' };
    return t(`kinds.${n.kind}`, params);
  };

  const open = async (n: Item) => {
    setError(null);
    try {
      if (n.readAt === null) await markRead.mutateAsync({ id: n.id });
      router.push(n.link);
      // The layout (and its bell) is rendered by the server: have it rendered again.
      router.refresh();
    } catch (e) {
      failed(e);
    }
  };

  const readAll = async () => {
    setError(null);
    try {
      await markAll.mutateAsync();
      router.refresh();
    } catch (e) {
      failed(e);
    }
  };

  if (data.total === 0) return <EmptyState icon={<Bell aria-hidden="true" className="size-6" />} title={t('empty')} description={t('emptyHint')} />;

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted-foreground" data-testid="notifications-summary">
          {t('unreadSummary', { unread: data.unread, total: data.total })}
        </p>
        {data.unread > 0 ? (
          <Button variant="outline" size="sm" loading={markAll.isPending} onClick={readAll}>
            {t('markAllRead')}
          </Button>
        ) : null}
      </div>
      {error ? <Alert variant="error" title={error} /> : null}
      <ul className="grid divide-y rounded-lg border bg-surface" data-testid="notifications">
        {data.items.map((n) => {
          const Icon = ICONS[n.kind];
          const unread = n.readAt === null;
          return (
            <li key={n.id} className={cn('flex gap-3 px-4 py-3', unread && 'bg-primary/5')} data-testid={`notification-${n.id}`} data-unread={unread || undefined}>
              <Icon aria-hidden="true" className={cn('mt-0.5 size-5 shrink-0', n.kind === 'evaluation_returned' ? 'text-warning' : 'text-primary')} />
              <div className="grid min-w-0 flex-1 gap-1">
                <Link
                  prefetch={false}
                  href={n.link}
                  onClick={(e) => {
                    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                    e.preventDefault();
                    void open(n);
                  }}
                  className={cn('text-sm text-foreground underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-ring', unread && 'font-semibold')}
                >
                  <WithNames>{text(n)}</WithNames>
                </Link>
                {n.params.reason ? <p className="break-words text-sm text-muted-foreground">{t('reason', { reason: n.params.reason })}</p> : null}
                <p className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                  <time dateTime={new Date(n.createdAt).toISOString()}>{format.dateTime(new Date(n.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}</time>
                  {unread ? <Badge variant="primary">{t('unread')}</Badge> : <span>{t('read')}</span>}
                  {unread ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      className="h-7 px-2 text-xs"
                      onClick={async () => {
                        setError(null);
                        try {
                          await markRead.mutateAsync({ id: n.id });
                          router.refresh();
                        } catch (e) {
                          failed(e);
                        }
                      }}
                    >
                      {t('markRead')}
                    </Button>
                  ) : null}
                </p>
              </div>
            </li>
          );
        })}
      </ul>
      {data.pageCount > 1 ? <Pagination page={data.page} pageCount={data.pageCount} labels={labels} hrefForPage={(p) => `/notifications?page=${p}`} /> : null}
    </div>
  );
}
