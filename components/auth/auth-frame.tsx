import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { LanguageSwitcher } from '@/components/app/language-switcher';

/**
 * The frame of the pages outside the app's shell (sign-in, the forced password change): the app's
 * name, the page's title and the language switcher above one card; `after` goes below the card.
 */
export async function AuthFrame({ title, children, after }: { title: string; children: ReactNode; after?: ReactNode }) {
  const t = await getTranslations('common');
  return (
    <main className="grid min-h-dvh place-items-center bg-background px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-between gap-4">
          <div>
            <p className="text-sm font-medium text-primary">{t('appName')}</p>
            <h1 className="text-2xl font-semibold">{title}</h1>
          </div>
          <LanguageSwitcher />
        </div>
        <div className="grid gap-4 rounded-lg border bg-surface p-6 shadow-sm">{children}</div>
        {after}
      </div>
    </main>
  );
}
