'use client';
// A plain form post to the sign-in route (works without JavaScript); a refusal comes back as
// query parameters that the page passes in here.
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { SignInRefusal } from '@/core/domain/sign-in';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';

export function SignInForm({
  next,
  error,
  username,
  retryAfterSeconds,
}: {
  next: string;
  error: SignInRefusal | null;
  username: string;
  retryAfterSeconds: number;
}) {
  const t = useTranslations('auth.signIn');
  const [pending, setPending] = useState(false);
  useEffect(() => {
    // Going back to this page restores it as it was left, mid-submit: make it usable again.
    const reset = () => setPending(false);
    window.addEventListener('pageshow', reset);
    return () => window.removeEventListener('pageshow', reset);
  }, []);
  const seconds = retryAfterSeconds;
  const body =
    error === 'throttled' && seconds < 120
      ? t('errors.throttled.bodySeconds', { seconds })
      : t(`errors.${error ?? 'invalid'}.body`, { minutes: Math.ceil(seconds / 60) });
  return (
    <form method="post" action="/api/session/sign-in" onSubmit={() => setPending(true)} className="grid gap-4">
      {error ? (
        <Alert variant="error" title={t(`errors.${error}.title`)}>
          {body}
        </Alert>
      ) : null}
      <input type="hidden" name="next" value={next} />
      <FormField label={t('username')} required>
        <Input name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} defaultValue={username} autoFocus />
      </FormField>
      <FormField label={t('password')} required>
        <Input name="password" type="password" autoComplete="current-password" />
      </FormField>
      <Button type="submit" loading={pending} className="w-full">
        {t('submit')}
      </Button>
    </form>
  );
}
