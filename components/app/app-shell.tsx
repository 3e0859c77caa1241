'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { BarChart3, Building2, LogOut, Menu, UserRound, Users, X } from 'lucide-react';
import { signOutAction } from '@/app/actions/session';
import { cn } from '@/lib/cn';
import { LanguageSwitcher } from './language-switcher';

const ICONS = { overview: BarChart3, stakeholders: Building2, users: Users, profile: UserRound } as const;
export type NavItem = { href: string; label: string; icon: keyof typeof ICONS };

export function AppShell({
  nav,
  user,
  demoNotice,
  children,
}: {
  nav: NavItem[];
  user: { name: string; username: string; roleLabel: string };
  demoNotice: string | null;
  children: ReactNode;
}) {
  const t = useTranslations('common');
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const isActive = (href: string) => pathname === href || (href !== '/admin' && pathname.startsWith(href + '/'));
  const links = (onClick?: () => void) =>
    nav.map((item) => {
      const Icon = ICONS[item.icon];
      const active = isActive(item.href);
      return (
        <Link
          key={item.href}
          href={item.href}
          onClick={onClick}
          aria-current={active ? 'page' : undefined}
          className={cn(
            'inline-flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium transition-colors',
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
            <span className="hidden sm:inline">{t('appName')}</span>
          </Link>
          <nav aria-label={t('nav.label')} className="hidden items-center gap-1 md:flex">
            {links()}
          </nav>
          <div className="ml-auto flex items-center gap-2">
            <LanguageSwitcher />
            <div className="hidden text-right leading-tight lg:block">
              <div className="text-sm font-medium">{user.name}</div>
              <div className="text-xs text-muted-foreground">{user.roleLabel}</div>
            </div>
            <form action={signOutAction} className="hidden md:block">
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
              className="inline-flex size-9 items-center justify-center rounded-md border border-input md:hidden"
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
          <nav id="mobile-nav" aria-label={t('nav.label')} className="grid gap-1 border-t px-4 py-3 md:hidden">
            <div className="px-3 pb-2 text-sm">
              <span className="font-medium">{user.name}</span> · <span className="text-muted-foreground">{user.roleLabel}</span>
            </div>
            {links(() => setOpen(false))}
            <form action={signOutAction}>
              <button type="submit" className="inline-flex w-full items-center gap-2 rounded-md px-3 py-2 text-sm text-muted-foreground hover:bg-accent">
                <LogOut aria-hidden="true" className="size-4" />
                {t('signOut')}
              </button>
            </form>
          </nav>
        ) : null}
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 sm:py-8">
        {children}
      </main>
      <footer className="border-t py-4 text-center text-xs text-muted-foreground print:hidden">{t('footer')}</footer>
    </div>
  );
}
