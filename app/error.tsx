'use client';
import { useTranslations } from 'next-intl';
import { AlertTriangle } from 'lucide-react';
import { Button } from '@/components/ui/button';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('common.errors');
  return (
    <main className="grid min-h-[60dvh] place-items-center px-4 py-16">
      <div role="alert" className="grid max-w-md justify-items-center gap-4 text-center">
        <div aria-hidden="true" className="grid size-14 place-items-center rounded-full bg-danger-subtle text-danger">
          <AlertTriangle className="size-7" />
        </div>
        <h1 className="text-2xl font-semibold">{t('errorTitle')}</h1>
        <p className="text-muted-foreground">{t('errorBody')}</p>
        {error.digest ? <p className="font-mono text-xs text-muted-foreground">{t('reference', { digest: error.digest })}</p> : null}
        <Button onClick={reset}>{t('retry')}</Button>
      </div>
    </main>
  );
}
