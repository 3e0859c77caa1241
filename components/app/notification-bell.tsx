'use client';
// The header's bell: a link to /notifications whose accessible name carries the unread count
// ("Notifications, 3 unread"). The count is rendered by the server with the layout; the layout
// stays put while the user moves between pages, so the bell asks again after each move.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Bell } from 'lucide-react';
import { useTRPC } from '@/lib/trpc/client';
import { cn } from '@/lib/cn';

export function NotificationBell({ unread: rendered }: { unread: number }) {
  const t = useTranslations('notifications');
  const pathname = usePathname();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queryKey = useMemo(() => trpc.notifications.unreadCount.queryKey(), [trpc]);
  const { data } = useQuery({ ...trpc.notifications.unreadCount.queryOptions(), initialData: rendered, staleTime: Infinity });
  const unread = data ?? rendered;
  // A new server render (router.refresh after marking read) brings the newest count.
  useEffect(() => {
    queryClient.setQueryData(queryKey, rendered);
  }, [rendered, queryClient, queryKey]);
  // Another page in the same layout: look again (the server rendered the count only once).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void queryClient.invalidateQueries({ queryKey });
  }, [pathname, queryClient, queryKey]);
  const label = t('bell', { count: unread });
  return (
    <Link
      href="/notifications"
      aria-label={label}
      title={label}
      aria-current={pathname === '/notifications' ? 'page' : undefined}
      data-testid="notification-bell"
      className={cn(
        'relative inline-flex size-9 items-center justify-center rounded-md border border-input text-foreground hover:bg-accent',
        'focus-visible:outline-2 focus-visible:outline-ring aria-[current=page]:bg-primary/10 aria-[current=page]:text-primary',
      )}
    >
      <Bell aria-hidden="true" className="size-5" />
      {unread > 0 ? (
        <span
          aria-hidden="true"
          className="absolute -right-1.5 -top-1.5 grid h-5 min-w-5 place-items-center rounded-full bg-danger px-1 text-[11px] font-semibold leading-none text-white tabular-nums"
        >
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </Link>
  );
}
