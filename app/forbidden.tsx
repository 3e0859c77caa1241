import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ShieldX } from 'lucide-react';
import { buttonClassName } from '@/components/ui/styles';

/** A page the user's role may not open (403), in the user's language. */
export default async function Forbidden() {
  const t = await getTranslations('common.errors');
  return (
    <main className="grid min-h-[60dvh] place-items-center px-4 py-16">
      <div className="grid max-w-md justify-items-center gap-4 text-center">
        <div aria-hidden="true" className="grid size-14 place-items-center rounded-full bg-muted text-muted-foreground">
          <ShieldX className="size-7" />
        </div>
        <h1 className="text-2xl font-semibold">{t('forbiddenTitle')}</h1>
        <p className="text-muted-foreground">{t('forbiddenBody')}</p>
        <Link href="/" className={buttonClassName()}>
          {t('goHome')}
        </Link>
      </div>
    </main>
  );
}
