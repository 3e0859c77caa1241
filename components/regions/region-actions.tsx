'use client';
// A unit's actions: rename (both names), retire or reinstate, and delete while it holds nothing.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/client';
import { fieldErrorsOf, translateMessage } from '@/lib/trpc/errors';
import { useZodForm } from '@/components/forms/use-zod-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog, Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { regionRenameSchema } from '@/core/schemas/regions';
import type { RegionRow } from './region-table';

export function RegionActions({ region, name }: { region: RegionRow; name: string }) {
  const t = useTranslations('admin.regions');
  const tc = useTranslations('common');
  const tAll = useTranslations();
  const router = useRouter();
  const { toast } = useToast();
  const trpc = useTRPC();
  const setRetired = useMutation(trpc.regions.setRetired.mutationOptions());
  const remove = useMutation(trpc.regions.delete.mutationOptions());
  const [renaming, setRenaming] = useState(false);
  const [error, setError] = useState<string | undefined>();

  /** The server's refusal in the reader's language (field "_" carries the catalog key). */
  const problem = (err: unknown) => {
    const message = fieldErrorsOf(err)._ ?? (err instanceof Error ? err.message : String(err));
    return translateMessage(tAll, message);
  };
  const act = async (run: () => Promise<unknown>, notice: string) => {
    setError(undefined);
    try {
      await run();
    } catch (err) {
      setError(problem(err));
      throw err;
    }
    toast({ title: notice, variant: 'success' });
    router.refresh();
  };

  return (
    <div className="flex justify-end gap-1 whitespace-nowrap">
      <Button size="sm" variant="ghost" aria-label={`${t('rename')} ${name}`} onClick={() => setRenaming(true)}>
        {t('rename')}
      </Button>
      <ConfirmDialog
        trigger={
          <Button size="sm" variant="ghost" aria-label={`${region.retired ? t('reinstate') : t('retire')} ${name}`}>
            {region.retired ? t('reinstate') : t('retire')}
          </Button>
        }
        title={region.retired ? t('reinstateTitle', { name }) : t('retireTitle', { name })}
        description={region.retired ? t('reinstateDescription') : t('retireDescription')}
        confirmLabel={region.retired ? t('reinstate') : t('retire')}
        cancelLabel={tc('cancel')}
        error={error}
        onOpenChange={() => setError(undefined)}
        onConfirm={() =>
          act(
            () => setRetired.mutateAsync({ id: region.id, retired: !region.retired }),
            region.retired ? t('reinstatedNotice', { name }) : t('retiredNotice', { name }),
          )
        }
      />
      {region.stakeholders === 0 ? (
        <ConfirmDialog
          trigger={
            <Button size="sm" variant="ghost" className="text-danger" aria-label={`${t('delete')} ${name}`}>
              {t('delete')}
            </Button>
          }
          title={t('deleteTitle', { name })}
          description={t('deleteDescription', { count: region.children })}
          confirmLabel={t('delete')}
          cancelLabel={tc('cancel')}
          destructive
          error={error}
          onOpenChange={() => setError(undefined)}
          onConfirm={() => act(() => remove.mutateAsync({ id: region.id }), t('deletedNotice', { name }))}
        />
      ) : (
        <span className="sr-only">{t('cannotDelete')}</span>
      )}
      {renaming ? <RenameDialog region={region} onClose={() => setRenaming(false)} onSaved={() => router.refresh()} /> : null}
    </div>
  );
}

function RenameDialog({ region, onClose, onSaved }: { region: RegionRow; onClose: () => void; onSaved: () => void }) {
  const t = useTranslations('admin.regions');
  const tc = useTranslations('common');
  const trpc = useTRPC();
  const { toast } = useToast();
  const rename = useMutation(trpc.regions.rename.mutationOptions());
  const form = useZodForm({
    initial: { nameZh: region.nameZh, nameEn: region.nameEn },
    schema: regionRenameSchema,
    toInput: (v) => ({ id: region.id, ...v }),
    submit: async (data) => {
      await rename.mutateAsync(data);
      toast({ title: t('renamedNotice', { code: region.code }), variant: 'success' });
      onSaved();
      onClose();
    },
  });
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent closeLabel={tc('cancel')}>
        <DialogHeader>
          <DialogTitle>{t('renameTitle', { code: region.code })}</DialogTitle>
          <DialogDescription>{t(`levels.${region.level}`)}</DialogDescription>
        </DialogHeader>
        <form onSubmit={form.onSubmit} noValidate className="grid gap-4">
          {form.formError ? <Alert variant="error" title={t('saveFailed')}>{form.formError}</Alert> : null}
          <FormField label={t('columns.nameZh')} required error={form.error('nameZh')}>
            <Input lang="zh-CN" value={form.values.nameZh} onChange={(e) => form.set('nameZh', e.target.value)} />
          </FormField>
          <FormField label={t('columns.nameEn')} required error={form.error('nameEn')}>
            <Input lang="en" value={form.values.nameEn} onChange={(e) => form.set('nameEn', e.target.value)} />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>{tc('cancel')}</Button>
            <Button type="submit" loading={form.submitting}>{tc('save')}</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
