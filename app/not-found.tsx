import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { FileQuestion } from 'lucide-react';
import { buttonClassName } from '@/components/ui/styles';

export default async function NotFound() {
  const t = await getTranslations('common.errors');
  return (
    <main className="grid min-h-[60dvh] place-items-center px-4 py-16">
      <div className="grid max-w-md justify-items-center gap-4 text-center">
        <div aria-hidden="true" className="grid size-14 place-items-center rounded-full bg-muted text-muted-foreground">
          <FileQuestion className="size-7" />
        </div>
        <h1 className="text-2xl font-semibold">{t('notFoundTitle')}</h1>
        <p className="text-muted-foreground">{t('notFoundBody')}</p>
        <Link href="/" className={buttonClassName()}>
          {t('goHome')}
        </Link>
      </div>
    </main>
  );
}
