'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Languages } from 'lucide-react';
import { LOCALES } from '@/i18n/config';

/**
 * A native select in a plain form posted to /api/session/locale, which sets the language cookie
 * (and saves the choice in the profile when signed in): keyboard and screen-reader friendly, and
 * it works without JavaScript (the button then applies the choice). With JavaScript the choice
 * applies as it is made and the page re-renders in place. No tRPC client: the sign-in page's
 * only script stays small.
 */
export function LanguageSwitcher() {
  const t = useTranslations('common.language');
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  // A post that failed (link down, refused) leaves the page in its language: the select goes back
  // to it and says so, instead of showing a language the page is not in.
  const [failed, setFailed] = useState(false);
  return (
    <form
      method="post"
      action="/api/session/locale"
      className="inline-flex items-center gap-1.5 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const body = new FormData(form);
        setFailed(false);
        start(async () => {
          // The 303 to the page is not followed (an opaque redirect): the page re-renders in place instead.
          const res = await fetch(form.action, { method: 'POST', body, redirect: 'manual' }).catch(() => null);
          if (res && (res.type === 'opaqueredirect' || res.ok)) return router.refresh();
          const select = form.elements.namedItem('locale');
          if (select instanceof HTMLSelectElement) select.value = locale;
          setFailed(true);
        });
      }}
    >
      <Languages aria-hidden="true" className="size-4 text-muted-foreground" />
      <select
        name="locale"
        className="h-9 rounded-md border border-input bg-surface px-2 text-sm focus-visible:outline-2 focus-visible:outline-ring"
        defaultValue={locale}
        key={locale}
        disabled={pending}
        aria-label={t('label')}
        onChange={(e) => e.currentTarget.form?.requestSubmit()}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(l)}
          </option>
        ))}
      </select>
      {failed ? (
        <span role="alert" className="text-xs text-danger">
          {t('failed')}
        </span>
      ) : null}
      <noscript>
        <button type="submit" className="h-9 rounded-md border border-input bg-surface px-2 text-sm">
          {t('apply')}
        </button>
      </noscript>
    </form>
  );
}
