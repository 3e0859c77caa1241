'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import {
  BarChart3,
  Building2,
  CalendarRange,
  ClipboardList,
  Gauge,
  Gavel,
  HandCoins,
  History,
  LayoutDashboard,
  ListChecks,
  LogOut,
  Map as MapIcon,
  Menu,
  Network,
  Scale,
  SlidersHorizontal,
  UserRound,
  Users,
  X,
} from 'lucide-react';
import { cn } from '@/lib/cn';
import { LanguageSwitcher } from './language-switcher';
import { NotificationBell } from './notification-bell';
import { LangText } from '@/components/ui/lang-text';

const ICONS = {
  overview: BarChart3,
  stakeholders: Building2,
  users: Users,
  profile: UserRound,
  periods: CalendarRange,
  indicators: ListChecks,
  kpiSets: SlidersHorizontal,
  workList: ClipboardList,
  dashboard: LayoutDashboard,
  county: MapIcon,
  programs: HandCoins,
  scorecard: Gauge,
  regions: Network,
  audit: History,
  appeals: Scale,
  appealsOverview: Gavel,
} as const;
/** The sign-out route: a plain form post, answered with a redirect to sign-in. */
const SIGN_OUT = '/api/session/sign-out';

/** A navigation entry; entries with the same `group` are listed together under that heading. */
export type NavItem = { href: string; label: string; icon: keyof typeof ICONS; group?: string };

export function AppShell({
  nav,
  user,
  demoNotice,
  unread,
  children,
}: {
  nav: NavItem[];
  user: { name: string; username: string; roleLabel: string };
  demoNotice: string | null;
  /** The caller's unread notifications (the bell's number). */
  unread: number;
  children: ReactNode;
}) {
  const t = useTranslations('common');
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  // The most specific entry that contains the current path is the active one.
  const activeHref = nav
    .map((n) => n.href)
    .filter((href) => pathname === href || pathname.startsWith(href + '/'))
    .sort((a, b) => b.length - a.length)[0];
  const isActive = (href: string) => href === activeHref;
  const groups = nav.reduce<{ label: string | undefined; items: NavItem[] }[]>((acc, item) => {
    const last = acc[acc.length - 1];
    if (last && last.label === item.group) last.items.push(item);
    else acc.push({ label: item.group, items: [item] });
    return acc;
  }, []);
  const links = (items: NavItem[], onClick?: () => void) =>
    items.map((item) => {
      const Icon = ICONS[item.icon];
      const active = isActive(item.href);
      return (
        <Link
          key={item.href}
          href={item.href}
          onClick={onClick}
          aria-current={active ? 'page' : undefined}
          className={cn(
            'flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium transition-colors',
            'focus-visible:outline-2 focus-visible:outline-ring',
            active ? 'bg-primary/10 text-primary' : 'text-muted-foreground hover:bg-accent hover:text-foreground',
          )}
        >
          <Icon aria-hidden="true" className="size-4" />
          {item.label}
        </Link>
      );
    });

  return (
    <div className="flex min-h-dvh flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-surface focus:px-3 focus:py-2">
        {t('skipToContent')}
      </a>
      {demoNotice ? (
        <div role="note" className="border-b border-warning-border bg-warning-subtle px-4 py-1.5 text-center text-xs font-medium text-warning-foreground print:hidden">
          {demoNotice}
        </div>
      ) : null}
      <header className="sticky top-0 z-30 border-b bg-surface/95 backdrop-blur print:hidden">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-3 px-4">
          <Link href="/" className="mr-2 flex items-center gap-2 font-semibold text-foreground">
            <span aria-hidden="true" className="grid size-7 place-items-center rounded-md bg-primary text-xs font-bold text-primary-foreground">
              {t('logoMark')}
            </span>
            {/* Read out at every width: on phones the link shows only the mark, which is hidden from screen readers. */}
            <span className="sr-only sm:not-sr-only">{t('appName')}</span>
          </Link>
          {nav.length <= 4 ? (
            <nav aria-label={t('nav.label')} className="hidden items-center gap-1 md:flex">
              {links(nav)}
            </nav>
          ) : null}
          <div className="ml-auto flex items-center gap-2">
            <NotificationBell unread={unread} />
            <LanguageSwitcher />
            <div className="hidden text-right leading-tight lg:block">
              {/* One's own account: the password can be changed there. */}
              <Link href="/me/profile/password" className="text-sm font-medium hover:underline" title={t('changePassword')}>
                <LangText>{user.name}</LangText>
              </Link>
              <div className="text-xs text-muted-foreground">{user.roleLabel}</div>
            </div>
            <form method="post" action={SIGN_OUT} className={nav.length <= 4 ? 'hidden md:block' : 'hidden lg:block'}>
              <button
                type="submit"
                className="inline-flex h-9 items-center gap-1.5 rounded-md border border-input px-3 text-sm hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring"
              >
                <LogOut aria-hidden="true" className="size-4" />
                {t('signOut')}
              </button>
            </form>
            <button
              type="button"
              className={cn('inline-flex size-9 items-center justify-center rounded-md border border-input', nav.length <= 4 ? 'md:hidden' : 'lg:hidden')}
              aria-expanded={open}
              aria-controls="mobile-nav"
              aria-label={open ? t('nav.close') : t('nav.open')}
              onClick={() => setOpen((v) => !v)}
            >
              {open ? <X aria-hidden="true" className="size-5" /> : <Menu aria-hidden="true" className="size-5" />}
            </button>
          </div>
        </div>
        {open ? (
          <nav id="mobile-nav" aria-label={t('nav.label')} className={cn('grid gap-1 border-t px-4 py-3', nav.length <= 4 ? 'md:hidden' : 'lg:hidden')}>
            <div className="px-3 pb-2 text-sm">
              <LangText className="font-medium">{user.name}</LangText> · <span className="text-muted-foreground">{user.roleLabel}</span>
            </div>
            {groups.map((g, i) => (
              <div key={i} className="grid gap-1">
                {g.label ? <div className="px-3 pt-2 text-xs font-semibold uppercase tracking-wide text-muted-foreground">{g.label}</div> : null}
                {links(g.items, () => setOpen(false))}
              </div>
            ))}
            <form method="post" action={SIGN_OUT}>
              <button type="submit" className="inline-flex w-full items-center gap-2 rounded-md px-3 py-2 text-sm text-muted-foreground hover:bg-accent">
                <LogOut aria-hidden="true" className="size-4" />
                {t('signOut')}
              </button>
            </form>
          </nav>
        ) : null}
      </header>
      {nav.length > 4 ? (
        // Many entries (administrators): a sidebar on wide screens, the menu button below that.
        <div className="mx-auto flex w-full max-w-[90rem] flex-1">
          <aside className="hidden w-60 shrink-0 border-r bg-surface lg:block print:hidden">
            <nav aria-label={t('nav.label')} className="sticky top-14 grid gap-4 p-3">
              {groups.map((g, i) => (
                <div key={i} className="grid gap-0.5">
                  {g.label ? <div className="px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-muted-foreground">{g.label}</div> : null}
                  {links(g.items)}
                </div>
              ))}
            </nav>
          </aside>
          <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-6 sm:py-8">
            {children}
          </main>
        </div>
      ) : (
        <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 sm:py-8">
          {children}
        </main>
      )}
      <footer className="border-t py-4 text-center text-xs text-muted-foreground print:hidden">{t('footer')}</footer>
    </div>
  );
}
