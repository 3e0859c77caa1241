'use client';
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { signInAction, type SignInState } from '@/app/actions/session';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';

export function SignInForm({ next }: { next: string }) {
  const t = useTranslations('auth.signIn');
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, { error: null });
  const minutes = state.retryAfterSeconds ? Math.ceil(state.retryAfterSeconds / 60) : 0;
  return (
    <form action={action} className="grid gap-4" noValidate={false}>
      {state.error ? (
        <Alert variant="error" title={t(`errors.${state.error}.title`)}>
          {t(`errors.${state.error}.body`, { minutes })}
        </Alert>
      ) : null}
      <input type="hidden" name="next" value={next} />
      <FormField label={t('username')} required>
        <Input name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} defaultValue={state.username ?? ''} autoFocus />
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
