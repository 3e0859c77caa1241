'use client';
// Changing one's own password: the current one, the new one twice. After a forced change the
// whole app loads again (its layout no longer sends every page here).
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/client';
import { PASSWORD_MIN, passwordChangeSchema } from '@/core/schemas/org';
import { useZodForm } from '@/components/forms/use-zod-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';

export function PasswordChangeForm({ next }: { /** Where to go once done; none: stay and confirm. */ next?: string }) {
  const t = useTranslations('auth.changePassword');
  const trpc = useTRPC();
  const change = useMutation(trpc.me.changePassword.mutationOptions());
  const [done, setDone] = useState(false);
  const form = useZodForm({
    initial: { currentPassword: '', newPassword: '', confirmPassword: '' },
    schema: passwordChangeSchema,
    submit: async (data) => {
      await change.mutateAsync(data);
      if (next) window.location.assign(next);
      else {
        setDone(true);
        form.update(() => ({ currentPassword: '', newPassword: '', confirmPassword: '' }));
      }
    },
  });
  const { values, error: msg, formError } = form;
  return (
    <form onSubmit={form.onSubmit} noValidate className="grid gap-4">
      {done ? <Alert variant="success" title={t('done')} /> : null}
      {formError ? <Alert variant="error" title={formError} /> : null}
      <FormField label={t('current')} required error={msg('currentPassword')}>
        <Input type="password" autoComplete="current-password" value={values.currentPassword} onChange={(e) => form.set('currentPassword', e.target.value)} />
      </FormField>
      <FormField label={t('new')} required error={msg('newPassword')} description={t('description', { min: PASSWORD_MIN })}>
        <Input type="password" autoComplete="new-password" value={values.newPassword} onChange={(e) => form.set('newPassword', e.target.value)} />
      </FormField>
      <FormField label={t('confirm')} required error={msg('confirmPassword')}>
        <Input type="password" autoComplete="new-password" value={values.confirmPassword} onChange={(e) => form.set('confirmPassword', e.target.value)} />
      </FormField>
      <Button type="submit" loading={form.submitting}>
        {t('submit')}
      </Button>
    </form>
  );
}
