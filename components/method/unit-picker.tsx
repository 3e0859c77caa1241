'use client';
// The indicator's unit, picked from the units catalogue; an administrator can add a unit with its
// two names (in its own form beside the indicator's, since forms don't nest).
import { useLocale, useTranslations } from 'next-intl';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/client';
import { unitInputSchema } from '@/core/schemas/method';
import { formatValueWithUnit, unitName, type Unit } from '@/core/i18n/units';
import { useZodForm } from '@/components/forms/use-zod-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';

/** The catalogue, shared by the picker and the library's list. */
export function useUnits(): Map<string, Unit> {
  const trpc = useTRPC();
  const units = useQuery(trpc.indicators.units.queryOptions());
  return new Map((units.data ?? []).map((u) => [u.code, u]));
}

/** "万元 (yuan_10k)": the reader's name first, the code to tell look-alikes apart. */
function optionLabel(u: Unit, locale: 'en' | 'zh-CN'): string {
  const other = locale === 'en' ? u.nameZh : u.nameEn;
  const name = unitName(u, locale);
  return other && other !== name ? `${name} · ${other}` : name;
}

export function UnitPicker({ value, onChange, error, disabled, onAdd }: { value: string; onChange: (code: string) => void; error?: string | undefined; disabled?: boolean; onAdd: () => void }) {
  const t = useTranslations('method.indicators');
  const locale = useLocale();
  const units = useUnits();
  const known = value === '' || units.has(value);
  return (
    <FormField label={t('fields.unit')} error={error} disabled={disabled}>
      <div className="flex gap-2">
        <NativeSelect value={value} onChange={(e) => onChange(e.target.value)} data-testid="unit-select">
          <option value="">{t('units.none')}</option>
          {[...units.values()].map((u) => (
            <option key={u.code} value={u.code}>
              {optionLabel(u, locale)}
            </option>
          ))}
          {known ? null : <option value={value}>{value}</option>}
        </NativeSelect>
        {disabled ? null : (
          <Button type="button" variant="outline" onClick={onAdd} className="shrink-0">
            {t('units.add')}
          </Button>
        )}
      </div>
    </FormField>
  );
}

type UnitForm = { code: string; nameZh: string; nameEn: string; attached: boolean };
const EMPTY: UnitForm = { code: '', nameZh: '', nameEn: '', attached: false };

/** Adds a unit to the catalogue and hands its code back to the indicator form. */
export function UnitCreator({ onCreated, onCancel }: { onCreated: (unit: Unit) => void; onCancel: () => void }) {
  const t = useTranslations('method.indicators.units');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const create = useMutation(trpc.indicators.createUnit.mutationOptions());
  const zf = useZodForm({
    initial: EMPTY,
    schema: unitInputSchema,
    submit: async (data) => {
      const unit = await create.mutateAsync(data);
      await qc.invalidateQueries({ queryKey: trpc.indicators.units.queryKey() });
      onCreated(unit);
    },
  });
  const { values: form, set, error: msg, formError } = zf;
  const preview = form.nameZh || form.nameEn ? formatValueWithUnit(1234.5, form, locale) : null;
  return (
    <form onSubmit={zf.onSubmit} noValidate className="grid gap-3 rounded-lg border bg-surface p-3" aria-label={t('addTitle')}>
      <h3 className="text-sm font-semibold">{t('addTitle')}</h3>
      {formError ? <Alert variant="error" title={t('saveFailed')}>{formError}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <FormField label={t('code')} required error={msg('code')}>
          <Input value={form.code} onChange={(e) => set('code', e.target.value)} autoCapitalize="none" spellCheck={false} />
        </FormField>
        <FormField label={t('nameZh')} required error={msg('nameZh')}>
          <Input value={form.nameZh} onChange={(e) => set('nameZh', e.target.value)} />
        </FormField>
        <FormField label={t('nameEn')} required error={msg('nameEn')}>
          <Input value={form.nameEn} onChange={(e) => set('nameEn', e.target.value)} />
        </FormField>
      </div>
      <FormField label={t('attached')} layout="inline" description={preview ? t('example', { example: preview }) : undefined}>
        <Checkbox checked={form.attached} onCheckedChange={(c) => set('attached', c === true)} />
      </FormField>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" loading={zf.submitting}>{t('save')}</Button>
        <Button type="button" size="sm" variant="outline" onClick={onCancel}>{tc('cancel')}</Button>
      </div>
    </form>
  );
}
