'use client';
// A plain form post to the sign-in route (works without JavaScript); a refusal comes back as
// query parameters that the page passes in here.
import { useEffect, useId, useRef, useState } from 'react';
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
  const errorId = useId();
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  // Which fields the refusal is about: wrong or missing credentials point at both fields (which of
  // the two was wrong is not revealed); a disabled or throttled account is not the fields' fault.
  const fieldsInvalid = error === 'invalid' || error === 'missing';
  useEffect(() => {
    if (!error) return;
    // After a refusal the page is new: put focus where the person has to act, on the first field
    // still to fill (the name is kept, the password is not), instead of leaving it on the page.
    const target = fieldsInvalid ? (usernameRef.current?.value ? passwordRef.current : usernameRef.current) : null;
    (target ?? document.getElementById(errorId))?.focus();
  }, [error, fieldsInvalid, errorId]);
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
        // tabIndex -1: focus can be sent here when no field is to blame.
        <Alert id={errorId} tabIndex={-1} variant="error" title={t(`errors.${error}.title`)} className="focus-visible:outline-2 focus-visible:outline-ring">
          {body}
        </Alert>
      ) : null}
      <input type="hidden" name="next" value={next} />
      <FormField label={t('username')} required>
        <Input
          ref={usernameRef}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          defaultValue={username}
          autoFocus={!error}
          aria-invalid={fieldsInvalid || undefined}
          aria-describedby={fieldsInvalid ? errorId : undefined}
        />
      </FormField>
      <FormField label={t('password')} required>
        <Input
          ref={passwordRef}
          name="password"
          type="password"
          autoComplete="current-password"
          aria-invalid={fieldsInvalid || undefined}
          aria-describedby={fieldsInvalid ? errorId : undefined}
        />
      </FormField>
      <Button type="submit" loading={pending} className="w-full">
        {t('submit')}
      </Button>
    </form>
  );
}
