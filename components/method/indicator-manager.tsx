'use client';
// The indicator library: list, create, edit, retire / restore.
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useTRPC } from '@/lib/trpc/client';
import { indicatorInputSchema } from '@/core/schemas/method';
import { useZodForm } from '@/components/forms/use-zod-form';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { ChoiceSelect } from '@/components/ui/choice-select';
import { EmptyState } from '@/components/ui/empty-state';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { ListEditorLayout } from '@/components/ui/list-editor-layout';
import { Skeleton } from '@/components/ui/skeleton';
import { Switch } from '@/components/ui/switch';
import { NamedTable, TD, TH, TR } from '@/components/ui/table';
import { Textarea } from '@/components/ui/textarea';
import { labelOf, pickName } from '@/core/i18n/label';
import { DIRECTIONS, VALUE_TYPES } from '@/core/domain/enums';
import { unitName } from '@/core/i18n/units';
import { UnitCreator, UnitPicker, useUnits } from './unit-picker';

type Form = {
  code: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  unit: string;
  direction: 'higher' | 'lower';
  valueType: 'number' | 'integer' | 'percent';
  minValue: string;
  maxValue: string;
  evidenceRequired: boolean;
  redFlagAbove: string;
};

const EMPTY: Form = { code: '', nameZh: '', nameEn: '', descriptionZh: '', descriptionEn: '', unit: '', direction: 'higher', valueType: 'number', minValue: '', maxValue: '', evidenceRequired: false, redFlagAbove: '' };
const LOCKED = new Set(['code', 'nameZh', 'nameEn', 'unit', 'direction']);

type Editing = { mode: 'create' } | { mode: 'edit'; id: number; locked: boolean; form: Form };

export function IndicatorManager() {
  const t = useTranslations('method.indicators');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const [includeRetired, setIncludeRetired] = useState(false);
  const [editing, setEditing] = useState<Editing | null>(null);
  // Kept as a message key so it follows a change of language.
  const [notice, setNotice] = useState<{ key: string; params: Record<string, string | number> } | null>(null);
  const list = useQuery(trpc.indicators.list.queryOptions({ search: search || undefined, includeRetired }));
  const retire = useMutation(trpc.indicators.setRetired.mutationOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.indicators.pathKey() });
  const num = (x: number | null) => (x === null ? '' : String(x));
  const units = useUnits();

  return (
    <ListEditorLayout
      width="wide"
      editor={
        editing ? (
          <IndicatorPanel
            key={editing.mode === 'edit' ? editing.id : 'new'}
            editing={editing}
            onClose={() => setEditing(null)}
            onDone={async (message) => {
              setEditing(null);
              setNotice(message);
              await refresh();
            }}
          />
        ) : null
      }
    >
      <section aria-labelledby="indicators-heading" className="grid min-w-0 content-start gap-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="indicators-heading" className="text-lg font-semibold">{t('listHeading')}</h2>
          <Button onClick={() => setEditing({ mode: 'create' })}>
            <Plus aria-hidden="true" />
            {t('create')}
          </Button>
        </div>
        {notice ? <Alert variant="success" title={t(notice.key, notice.params)} /> : null}
        <div role="search" className="grid items-end gap-3 rounded-lg border bg-surface p-3 sm:grid-cols-2">
          <label className="grid gap-1 text-sm font-medium">
            {t('search')}
            <Input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </label>
          <FormField label={t('includeRetired')} layout="inline">
            <Switch checked={includeRetired} onCheckedChange={setIncludeRetired} />
          </FormField>
        </div>
        {list.isError ? (
          <Alert variant="error" title={tc('loadError')}>{list.error.message}</Alert>
        ) : list.isPending ? (
          <Skeleton className="h-64" />
        ) : list.data.length === 0 ? (
          <EmptyState title={t('empty')} />
        ) : (
          <NamedTable
            name={t('listHeading')}
            actions={t('actions')}
            head={
              <>
                <TH>{t('fields.code')}</TH>
                <TH>{t('fields.name')}</TH>
                <TH>{t('fields.unit')}</TH>
                <TH>{t('fields.direction')}</TH>
                <TH numeric>{t('usedIn')}</TH>
              </>
            }
          >
            {list.data.map((i) => (
              <TR key={i.id} selected={editing?.mode === 'edit' && editing.id === i.id}>
                <TD className="font-mono text-xs">{i.code}</TD>
                <TD>
                  <span className="font-medium">{pickName(labelOf(i), locale)}</span>
                  {i.retired ? <Badge variant="neutral" className="ms-2">{t('retired')}</Badge> : null}
                </TD>
                <TD>{i.unitCode ? unitName(units.get(i.unitCode) ?? { code: i.unitCode, nameEn: i.unitCode, nameZh: i.unitCode, attached: false }, locale) : '—'}</TD>
                <TD className="whitespace-nowrap">{t(`direction.${i.direction}`)}</TD>
                <TD numeric className="whitespace-nowrap">{t('usage', { versions: i.versions, published: i.publishedVersions })}</TD>
                <TD>
                  <div className="flex justify-end gap-1 whitespace-nowrap">
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={t('editFor', { code: i.code })}
                      onClick={() =>
                        setEditing({
                          mode: 'edit',
                          id: i.id,
                          locked: i.publishedVersions > 0,
                          form: { code: i.code, nameZh: i.nameZh, nameEn: i.nameEn, descriptionZh: i.descriptionZh ?? '', descriptionEn: i.descriptionEn ?? '', unit: i.unitCode ?? '', direction: i.direction, valueType: i.valueType, minValue: num(i.minValue), maxValue: num(i.maxValue), evidenceRequired: i.evidenceRequired, redFlagAbove: num(i.redFlagAbove) },
                        })
                      }
                    >
                      {t('edit')}
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={(i.retired ? t('restore') : t('retire')) + ' ' + i.code}
                      onClick={async () => {
                        await retire.mutateAsync({ id: i.id, retired: !i.retired });
                        setNotice(i.retired ? { key: 'restoredNotice', params: { code: i.code } } : { key: 'retiredNotice', params: { code: i.code } });
                        await refresh();
                      }}
                    >
                      {i.retired ? t('restore') : t('retire')}
                    </Button>
                  </div>
                </TD>
              </TR>
            ))}
          </NamedTable>
        )}
      </section>
    </ListEditorLayout>
  );
}

function IndicatorPanel({ editing, onClose, onDone }: { editing: Editing; onClose: () => void; onDone: (message: { key: string; params: Record<string, string | number> }) => Promise<void> }) {
  const t = useTranslations('method.indicators');
  const locale = useLocale();
  const tc = useTranslations('common');
  const trpc = useTRPC();
  const create = useMutation(trpc.indicators.create.mutationOptions());
  const update = useMutation(trpc.indicators.update.mutationOptions());
  const toNumber = (s: string) => (s.trim() === '' ? null : Number(s));
  const zf = useZodForm({
    initial: editing.mode === 'edit' ? editing.form : EMPTY,
    schema: indicatorInputSchema,
    toInput: (f) => ({ ...f, minValue: toNumber(f.minValue), maxValue: toNumber(f.maxValue), redFlagAbove: toNumber(f.redFlagAbove) }),
    submit: async (data) => {
      if (editing.mode === 'create') {
        await create.mutateAsync(data);
        await onDone({ key: 'createdNotice', params: { code: data.code } });
      } else {
        await update.mutateAsync({ id: editing.id, data });
        await onDone({ key: 'updatedNotice', params: { code: data.code } });
      }
    },
  });
  const { values: form, set, error: msg, formError } = zf;
  const headingRef = useRef<HTMLSpanElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const locked = editing.mode === 'edit' && editing.locked;
  const [addingUnit, setAddingUnit] = useState(false);
  const [unitNotice, setUnitNotice] = useState<string | null>(null);

  const text = (k: 'code' | 'nameZh' | 'nameEn', required = true) => (
    <FormField label={t(`fields.${k}`)} required={required} error={msg(k)} disabled={locked && LOCKED.has(k)}>
      <Input value={form[k]} onChange={(e) => set(k, e.target.value)} spellCheck={k !== 'code'} autoCapitalize="none" />
    </FormField>
  );

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <span ref={headingRef} tabIndex={-1} className="outline-none">{editing.mode === 'create' ? t('createTitle') : t('editTitle', { code: form.code })}</span>
        </CardTitle>
      </CardHeader>
      <CardContent>
        <form onSubmit={zf.onSubmit} noValidate className="grid gap-4">
          {formError ? <Alert variant="error" title={t('saveFailed')}>{formError}</Alert> : null}
          {locked ? <Alert variant="info" title={t('lockedTitle')}>{t('lockedBody')}</Alert> : null}
          {text('code')}
          {text('nameZh')}
          {text('nameEn')}
          <FormField label={t('fields.descriptionZh')} error={msg('descriptionZh')}>
            <Textarea rows={2} value={form.descriptionZh} onChange={(e) => set('descriptionZh', e.target.value)} />
          </FormField>
          <FormField label={t('fields.descriptionEn')} error={msg('descriptionEn')}>
            <Textarea rows={2} value={form.descriptionEn} onChange={(e) => set('descriptionEn', e.target.value)} />
          </FormField>
          <div className="grid gap-4 sm:grid-cols-2">
            <UnitPicker value={form.unit} onChange={(code) => set('unit', code)} error={msg('unit')} disabled={locked} onAdd={() => setAddingUnit(true)} />
            <FormField label={t('fields.direction')} required disabled={locked}>
              <ChoiceSelect value={form.direction} choices={DIRECTIONS} label={(d) => t(`direction.${d}`)} onValueChange={(d) => set('direction', d)} />
            </FormField>
            <FormField label={t('fields.valueType')} required>
              <ChoiceSelect value={form.valueType} choices={VALUE_TYPES} label={(v) => t(`valueType.${v}`)} onValueChange={(v) => set('valueType', v)} />
            </FormField>
            <FormField label={t('fields.redFlagAbove')} error={msg('redFlagAbove')} description={t('redFlagHint')}>
              <Input inputMode="decimal" value={form.redFlagAbove} onChange={(e) => set('redFlagAbove', e.target.value)} />
            </FormField>
            <FormField label={t('fields.minValue')} error={msg('minValue')}>
              <Input inputMode="decimal" value={form.minValue} onChange={(e) => set('minValue', e.target.value)} />
            </FormField>
            <FormField label={t('fields.maxValue')} error={msg('maxValue')}>
              <Input inputMode="decimal" value={form.maxValue} onChange={(e) => set('maxValue', e.target.value)} />
            </FormField>
          </div>
          <FormField label={t('fields.evidenceRequired')} layout="inline">
            <Checkbox checked={form.evidenceRequired} onCheckedChange={(c) => set('evidenceRequired', c === true)} />
          </FormField>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" loading={zf.submitting}>{tc('save')}</Button>
            <Button variant="outline" onClick={onClose}>{tc('cancel')}</Button>
          </div>
        </form>
        {unitNotice ? <Alert variant="success" title={unitNotice} /> : null}
        {addingUnit ? (
          <div className="mt-4">
            <UnitCreator
              onCancel={() => setAddingUnit(false)}
              onCreated={(u) => {
                set('unit', u.code);
                setAddingUnit(false);
                setUnitNotice(t('units.created', { name: unitName(u, locale) }));
              }}
            />
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
