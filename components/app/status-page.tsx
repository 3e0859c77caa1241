import type { ReactNode } from 'react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClassName } from '@/components/ui/styles';

/** A page that says why there is nothing to show (404, 403), with the way home. */
export async function StatusPage({ icon, title, body }: { icon: ReactNode; title: string; body: string }) {
  const t = await getTranslations('common.errors');
  return (
    <main className="grid min-h-[60dvh] place-items-center px-4 py-16">
      <div className="grid max-w-md justify-items-center gap-4 text-center">
        <div aria-hidden="true" className="grid size-14 place-items-center rounded-full bg-muted text-muted-foreground">
          {icon}
        </div>
        <h1 className="text-2xl font-semibold">{title}</h1>
        <p className="text-muted-foreground">{body}</p>
        <Link href="/" className={buttonClassName()}>
          {t('goHome')}
        </Link>
      </div>
    </main>
  );
}
