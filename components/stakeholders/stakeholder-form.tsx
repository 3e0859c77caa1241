'use client';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/client';
import { stakeholderInputSchema } from '@/core/schemas/org';
import { useZodForm } from '@/components/forms/use-zod-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { STAKEHOLDER_TYPES } from '@/core/domain/enums';
import { pickName, type Label } from '@/core/i18n/label';

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
  const tc = useTranslations('common');
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // A province has thousands of units: the counties first, then the units of the chosen county
  // (at first the county of the stakeholder's region, or the first county).
  const counties = useQuery(trpc.regions.list.queryOptions({ level: 'county' }));
  const [chosenCounty, setChosenCounty] = useState<number | null>(initial?.regionId ? Number(initial.regionId) : null);
  const countyKey = chosenCounty ?? counties.data?.find((c) => c.retiredAt === null)?.id ?? null;
  const regions = useQuery({ ...trpc.regions.list.queryOptions({ county: countyKey ?? 0 }), enabled: countyKey !== null });
  const countyId = regions.data?.find((r) => r.level === 'county')?.id;

  // The county and its townships (and villages), each labelled with its parents so names are unambiguous.
  const regionOptions = useMemo(() => {
    const rows = regions.data ?? [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const name = (r: { name: Label }) => pickName(r.name, locale);
    return rows
      .filter((r) => r.level === 'county' || r.level === 'township' || r.level === 'village')
      // Retired units take no new stakeholders; the one this stakeholder is already in stays listed.
      .filter((r) => r.retiredAt === null || String(r.id) === initial?.regionId)
      .map((r) => {
        const parent = r.parentId ? byId.get(r.parentId) : undefined;
        return { id: r.id, label: r.level === 'county' || !parent ? name(r) : `${name(parent)} › ${name(r)}`, code: r.code };
      })
      .sort((a, b) => a.code.localeCompare(b.code));
  }, [regions.data, locale, initial?.regionId]);

  const create = useMutation(trpc.stakeholders.create.mutationOptions());
  const update = useMutation(trpc.stakeholders.update.mutationOptions());
  const form = useZodForm({
    initial: initial ?? EMPTY,
    schema: stakeholderInputSchema,
    submit: async (data) => {
      const row = id ? await update.mutateAsync({ id, data }) : await create.mutateAsync(data);
      await queryClient.invalidateQueries({ queryKey: trpc.stakeholders.pathKey() });
      router.push(`/stakeholders/${row.id}?saved=1`);
      router.refresh();
    },
  });
  const { values, error: msg, formError } = form;
  const set = (k: keyof StakeholderFormValues) => (e: { target: { value: string } }) => form.set(k, e.target.value);

  return (
    <form onSubmit={form.onSubmit} noValidate className="grid max-w-2xl gap-5">
      {formError ? <Alert variant="error" title={t('form.saveFailed')}>{formError}</Alert> : null}
      <FormField id="stakeholder-name" label={t('fields.name')} required error={msg('name')}>
        <Input value={values.name} onChange={set('name')} autoComplete="organization" />
      </FormField>
      <div className="grid gap-5 sm:grid-cols-2">
        <FormField
          id="stakeholder-type"
          label={t('fields.type')}
          required
          error={msg('type')}
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
        <FormField id="stakeholder-county" label={t('fields.county')} description={t('form.countyHint')}>
          <NativeSelect
            value={countyId ?? ''}
            onChange={(e) => {
              setChosenCounty(Number(e.target.value));
              form.set('regionId', '');
            }}
          >
            {countyId === undefined ? <option value="">{tc('loading')}</option> : null}
            {(counties.data ?? [])
              .filter((c) => c.retiredAt === null || c.id === countyId)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {pickName(c.name, locale)}
                </option>
              ))}
          </NativeSelect>
        </FormField>
        <FormField id="stakeholder-regionId" label={t('fields.region')} required error={msg('regionId')}>
          <NativeSelect value={values.regionId} onChange={set('regionId')}>
            <option value="">{regions.isPending || regions.isFetching ? tc('loading') : t('form.choose')}</option>
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
        error={msg('creditCode')}
      >
        <Input value={values.creditCode} onChange={set('creditCode')} maxLength={24} spellCheck={false} autoCapitalize="characters" className="font-mono" />
      </FormField>
      <div className="grid gap-5 sm:grid-cols-2">
        <FormField id="stakeholder-contactName" label={t('fields.contactName')} error={msg('contactName')}>
          <Input value={values.contactName} onChange={set('contactName')} autoComplete="name" />
        </FormField>
        <FormField id="stakeholder-contactPhone" label={t('fields.contactPhone')} error={msg('contactPhone')}>
          <Input value={values.contactPhone} onChange={set('contactPhone')} type="tel" autoComplete="tel" />
        </FormField>
      </div>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" loading={form.submitting}>
          {id ? t('form.save') : t('form.create')}
        </Button>
        <Button type="button" variant="outline" onClick={() => router.back()}>
          {tc('cancel')}
        </Button>
      </div>
    </form>
  );
}
