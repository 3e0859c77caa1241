'use client';
import { useMutation } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { Languages } from 'lucide-react';
import { LOCALES, type Locale } from '@/i18n/config';
import { useTRPC } from '@/lib/trpc/client';

/**
 * A native select: keyboard and screen-reader friendly without extra work. The choice is a cookie
 * set by `me.setLocale` (and saved in the profile when signed in); the pages then re-render.
 */
export function LanguageSwitcher() {
  const t = useTranslations('common.language');
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const setLocale = useMutation(trpc.me.setLocale.mutationOptions());
  const [pending, start] = useTransition();
  return (
    <label className="inline-flex items-center gap-1.5 text-sm">
      <Languages aria-hidden="true" className="size-4 text-muted-foreground" />
      <span className="sr-only">{t('label')}</span>
      <select
        className="h-9 rounded-md border border-input bg-surface px-2 text-sm focus-visible:outline-2 focus-visible:outline-ring"
        value={locale}
        disabled={pending || setLocale.isPending}
        aria-label={t('label')}
        onChange={(e) => {
          const next = e.target.value as Locale;
          start(async () => {
            await setLocale.mutateAsync({ locale: next });
            router.refresh();
          });
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(l)}
          </option>
        ))}
      </select>
    </label>
  );
}
