'use client';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/client';
import { fieldErrorsOf, translateMessage, type FieldErrorMap } from '@/lib/trpc/errors';
import { stakeholderInputSchema } from '@/core/schemas/org';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { STAKEHOLDER_TYPES } from '@/core/domain/enums';

export type StakeholderFormValues = {
  name: string;
  type: string;
  regionId: string;
  creditCode: string;
  contactName: string;
  contactPhone: string;
};

const EMPTY: StakeholderFormValues = { name: '', type: '', regionId: '', creditCode: '', contactName: '', contactPhone: '' };

export function StakeholderForm({ id, initial, typeLocked }: { id?: number; initial?: StakeholderFormValues; typeLocked?: boolean }) {
  const t = useTranslations('stakeholders');
  const tAll = useTranslations();
  const tc = useTranslations('common');
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<StakeholderFormValues>(initial ?? EMPTY);
  const [errors, setErrors] = useState<FieldErrorMap>({});
  const [formError, setFormError] = useState<string | null>(null);
  const regions = useQuery(trpc.regions.list.queryOptions({}));

  // Counties and townships (and villages), each labelled with its parents so names are unambiguous.
  const regionOptions = useMemo(() => {
    const rows = regions.data ?? [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const name = (r: { nameZh: string; nameEn: string }) => (locale === 'en' ? r.nameEn : r.nameZh);
    return rows
      .filter((r) => r.level === 'county' || r.level === 'township' || r.level === 'village')
      .map((r) => {
        const parent = r.parentId ? byId.get(r.parentId) : undefined;
        return { id: r.id, label: r.level === 'county' || !parent ? name(r) : `${name(parent)} › ${name(r)}`, code: r.code };
      })
      .sort((a, b) => a.code.localeCompare(b.code));
  }, [regions.data, locale]);

  const create = useMutation(trpc.stakeholders.create.mutationOptions());
  const update = useMutation(trpc.stakeholders.update.mutationOptions());

  const set = (k: keyof StakeholderFormValues) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [k]: e.target.value }));
    if (errors[k]) setErrors(({ [k]: _, ...rest }) => rest);
  };
  const msg = (m: string | undefined) => (m ? translateMessage(tAll, m) : undefined);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const parsed = stakeholderInputSchema.safeParse(values);
    if (!parsed.success) {
      const fe: FieldErrorMap = {};
      for (const issue of parsed.error.issues) fe[String(issue.path[0])] ??= issue.message;
      setErrors(fe);
      const first = Object.keys(fe)[0];
      if (first) document.getElementById(`stakeholder-${first}`)?.focus();
      return;
    }
    try {
      const row = id ? await update.mutateAsync({ id, data: parsed.data }) : await create.mutateAsync(parsed.data);
      await queryClient.invalidateQueries({ queryKey: trpc.stakeholders.pathKey() });
      router.push(`/stakeholders/${row.id}?saved=1`);
      router.refresh();
    } catch (err) {
      const fe = fieldErrorsOf(err);
      setErrors(fe);
      if (Object.keys(fe).length === 0) setFormError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid max-w-2xl gap-5">
      {formError ? <Alert variant="error" title={t('form.saveFailed')}>{formError}</Alert> : null}
      <FormField id="stakeholder-name" label={t('fields.name')} required error={msg(errors.name)}>
        <Input value={values.name} onChange={set('name')} autoComplete="organization" />
      </FormField>
      <div className="grid gap-5 sm:grid-cols-2">
        <FormField
          id="stakeholder-type"
          label={t('fields.type')}
          required
          error={msg(errors.type)}
          description={typeLocked ? t('form.typeLocked') : undefined}
        >
          <NativeSelect value={values.type} onChange={set('type')} disabled={typeLocked}>
            <option value="">{t('form.choose')}</option>
            {STAKEHOLDER_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {tc(`stakeholderTypes.${ty}`)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id="stakeholder-regionId" label={t('fields.region')} required error={msg(errors.regionId)}>
          <NativeSelect value={values.regionId} onChange={set('regionId')}>
            <option value="">{regions.isPending ? tc('loading') : t('form.choose')}</option>
            {regionOptions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      </div>
      <FormField
        id="stakeholder-creditCode"
        label={t('fields.creditCode')}
        description={t('form.creditCodeHint')}
        error={msg(errors.creditCode)}
      >
        <Input value={values.creditCode} onChange={set('creditCode')} maxLength={24} spellCheck={false} autoCapitalize="characters" className="font-mono" />
      </FormField>
      <div className="grid gap-5 sm:grid-cols-2">
        <FormField id="stakeholder-contactName" label={t('fields.contactName')} error={msg(errors.contactName)}>
          <Input value={values.contactName} onChange={set('contactName')} autoComplete="name" />
        </FormField>
        <FormField id="stakeholder-contactPhone" label={t('fields.contactPhone')} error={msg(errors.contactPhone)}>
          <Input value={values.contactPhone} onChange={set('contactPhone')} type="tel" autoComplete="tel" />
        </FormField>
      </div>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" loading={create.isPending || update.isPending}>
          {id ? t('form.save') : t('form.create')}
        </Button>
        <Button type="button" variant="outline" onClick={() => router.back()}>
          {tc('cancel')}
        </Button>
      </div>
    </form>
  );
}
