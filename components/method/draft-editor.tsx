'use client';
// The KPI-set editor: settings, objectives with weights, indicators with weight and normalization,
// grade bands. Every rule of kpi-set/v1 is checked as you type (validateKpiSet, the same check the
// server makes) and each error is shown at its field; weights show their normalized share live,
// and an indicator just added says what share of its objective its default weight gives it.
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { Plus, Trash2 } from 'lucide-react';
import { useTRPC } from '@/lib/trpc/client';
import { fieldErrorsOf, translateMessage } from '@/lib/trpc/errors';
import { fieldLabel } from '@/components/forms/field-label';
import type { DraftCatalog, DraftContent } from '@/core/schemas/method';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { ChoiceSelect } from '@/components/ui/choice-select';
import { AGGREGATIONS, MISSING_POLICIES } from '@/core/domain/enums';
import { ConfirmDialog } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { NumberInput, percent, shares, type VersionData } from './method-kit';
import { labelOf, pickName } from '@/core/i18n/label';
import { unitName } from '@/core/i18n/units';

type Normalization = Record<string, unknown> & { method?: string };

const DEFAULT_NORMALIZATION: Record<string, (min: number, max: number) => Normalization> = {
  goalposts: (min, max) => ({ method: 'goalposts', min, max, transform: 'none' }),
  minmax: () => ({ method: 'minmax' }),
  zscore: () => ({ method: 'zscore' }),
  target: (_min, max) => ({ method: 'target', target: max, baseline: 0 }),
  percentile: () => ({ method: 'percentile' }),
};

function catalogOf(data: VersionData): DraftCatalog {
  return {
    kpiSet: { code: data.kpiSet.code, nameEn: data.kpiSet.nameEn, nameZh: data.kpiSet.nameZh, stakeholderType: data.kpiSet.stakeholderType },
    objectives: new Map(data.objectives.map((o) => [o.id, o])),
    // The document carries the unit's English name (as the method hash always has).
    indicators: new Map(data.indicators.map((i) => [i.id, { ...i, unit: i.unit?.nameEn ?? '' }])),
  };
}

// The check (validateKpiSet and the schema library, see draft-check.ts) loads with the first edit.
type DraftCheck = typeof import('./draft-check').draftProblems;
let draftCheck: DraftCheck | null = null;
let draftCheckLoad: Promise<DraftCheck | null> | null = null;
function loadDraftCheck(): Promise<DraftCheck | null> {
  // A failed load (offline) is tried again with the next edit; the server checks every save anyway.
  return (draftCheckLoad ??= import('./draft-check')
    .then((m) => (draftCheck = m.draftProblems))
    .catch(() => (draftCheckLoad = null)));
}

export function DraftEditor({ data, onDirtyChange, saved, onSaved }: { data: VersionData; onDirtyChange: (dirty: boolean) => void; saved: boolean; onSaved: (saved: boolean) => void }) {
  const t = useTranslations('method.editor');
  const tn = useTranslations('methodCoverage.newIndicator');
  const tAll = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const readOnly = data.version.status !== 'draft';
  const [content, setContent] = useState<DraftContent>(() => structuredClone(data.content));
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const save = useMutation(trpc.kpiSets.saveDraft.mutationOptions());
  const discard = useMutation(trpc.kpiSets.discardDraft.mutationOptions());
  const catalog = useMemo(() => catalogOf(data), [data]);
  const dirty = useMemo(() => JSON.stringify(content) !== JSON.stringify(data.content), [content, data.content]);
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  const [check, setCheck] = useState<DraftCheck | null>(() => draftCheck);
  const problems = useMemo(() => (check ? check(content, catalog) : {}), [check, content, catalog]);
  const errors = useMemo(() => {
    const out: Record<string, string> = { ...serverErrors };
    for (const [key, message] of Object.entries(problems)) out[key] ??= message;
    return out;
  }, [problems, serverErrors]);
  const err = (key: string) => (errors[key] ? translateMessage(tAll, errors[key]) : undefined);
  const name = (x: { nameEn: string; nameZh: string } | undefined) => (x ? pickName(labelOf(x), locale) : '—');

  const update = (fn: (c: DraftContent) => void) => {
    if (!check) void loadDraftCheck().then((f) => f && setCheck(() => f));
    if (saved) onSaved(false);
    setServerErrors({});
    setContent((c) => {
      const next = structuredClone(c);
      fn(next);
      return next;
    });
  };
  const objectiveShares = shares(content.objectives.map((o) => o.weight));
  const savedPairs = useMemo(() => new Set(data.content.objectives.flatMap((o) => o.indicators.map((i) => `${o.objectiveId}:${i.indicatorId}`))), [data.content]);
  const usedIndicators = new Set(content.objectives.flatMap((o) => o.indicators.map((i) => i.indicatorId)));
  const availableIndicators = data.indicators.filter((i) => !i.retired && !usedIndicators.has(i.id));
  const availableObjectives = data.objectives.filter((o) => !content.objectives.some((c) => c.objectiveId === o.id));
  const errorCount = Object.keys(errors).length;

  async function submit() {
    setFormError(null);
    try {
      await save.mutateAsync({ versionId: data.version.id, content });
      onSaved(true);
      await qc.invalidateQueries({ queryKey: trpc.kpiSets.pathKey() });
    } catch (e) {
      const fe = fieldErrorsOf(e);
      setServerErrors(fe);
      if (Object.keys(fe).length === 0) setFormError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <form
      noValidate
      className="grid gap-6"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {readOnly ? <Alert variant="info" title={t('readOnlyTitle')}>{t('readOnlyBody')}</Alert> : null}
      {/* The editor remounts with the saved content, so the notice lives in the workspace. */}
      {saved && !dirty ? <Alert variant="success" title={t('savedNotice')} /> : null}
      {formError ? <Alert variant="error" title={t('saveFailed')}>{formError}</Alert> : null}
      {!readOnly && errorCount > 0 ? (
        <Alert variant="error" title={t('errorsTitle', { count: errorCount })}>
          <ul className="list-disc ps-5 text-sm">
            {Object.entries(errors).slice(0, 8).map(([k, m]) => (
              <li key={k}>{k === '_' ? null : <>{fieldLabel(tAll, k)}: </>}{translateMessage(tAll, m)}</li>
            ))}
          </ul>
        </Alert>
      ) : null}

      <fieldset disabled={readOnly} className="grid gap-6 disabled:opacity-95">
        <Card>
          <CardHeader><CardTitle as="h2">{t('settings')}</CardTitle></CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            <FormField label={t('scale')} error={err('scale')} required>
              <NumberInput value={content.scale} onValueChange={(v) => update((c) => void (c.scale = v))} />
            </FormField>
            <FormField label={t('aggregationIndicators')} error={err('aggregation.indicators')}>
              <ChoiceSelect value={content.aggregation.indicators} choices={AGGREGATIONS} label={(a) => t(`aggregation.${a}`)} onValueChange={(a) => update((c) => void (c.aggregation.indicators = a))} />
            </FormField>
            <FormField label={t('aggregationObjectives')} error={err('aggregation.objectives')}>
              <ChoiceSelect value={content.aggregation.objectives} choices={AGGREGATIONS} label={(a) => t(`aggregation.${a}`)} onValueChange={(a) => update((c) => void (c.aggregation.objectives = a))} />
            </FormField>
            <FormField label={t('missingPolicy')} error={err('missing.policy')}>
              <ChoiceSelect value={content.missing.policy} choices={MISSING_POLICIES} label={(p) => t(`missing.${p}`)} onValueChange={(p) => update((c) => void (c.missing.policy = p))} />
            </FormField>
            <FormField label={t('minCompleteness')} error={err('missing.minCompleteness')} description={t('minCompletenessHint')}>
              <NumberInput value={content.missing.minCompleteness} onValueChange={(v) => update((c) => void (c.missing.minCompleteness = v))} />
            </FormField>
          </CardContent>
        </Card>

        {content.objectives.map((o, oi) => {
          const indicatorShares = shares(o.indicators.map((i) => i.weight));
          const objective = catalog.objectives.get(o.objectiveId);
          return (
            <Card key={o.objectiveId} data-testid={`objective-${objective?.code ?? o.objectiveId}`}>
              <CardHeader className="flex flex-row flex-wrap items-end justify-between gap-3">
                <CardTitle as="h2">{name(data.objectives.find((x) => x.id === o.objectiveId))}</CardTitle>
                <div className="flex flex-wrap items-end gap-3">
                  <FormField label={t('objectiveWeight')} error={err(`objectives.${oi}.weight`)} className="w-36">
                    <NumberInput value={o.weight} onValueChange={(v) => update((c) => void (c.objectives[oi]!.weight = v))} />
                  </FormField>
                  <p className="pb-2 text-sm tabular-nums" aria-live="polite">
                    {t('share')}: <strong>{percent(objectiveShares[oi]!, locale)}</strong>
                  </p>
                  {!readOnly ? (
                    <Button size="icon-sm" variant="ghost" aria-label={t('removeObjective', { name: name(objective) })} onClick={() => update((c) => void c.objectives.splice(oi, 1))}>
                      <Trash2 aria-hidden="true" />
                    </Button>
                  ) : null}
                </div>
              </CardHeader>
              <CardContent className="grid gap-3">
                {err(`objectives.${oi}.indicators`) ? <Alert variant="error" title={err(`objectives.${oi}.indicators`)!} /> : null}
                {o.indicators.map((ind, ii) => {
                  const info = catalog.indicators.get(ind.indicatorId);
                  const base = `objectives.${oi}.indicators.${ii}`;
                  const n = ind.normalization as Normalization;
                  const setN = (key: string, v: unknown) => update((c) => void ((c.objectives[oi]!.indicators[ii]!.normalization as Normalization)[key] = v));
                  return (
                    <div key={ind.indicatorId} className="grid grid-cols-2 gap-3 rounded-lg border p-3 md:grid-cols-[minmax(12rem,2fr)_8rem_repeat(3,minmax(7rem,1fr))_auto]" data-testid={`indicator-${info?.code ?? ind.indicatorId}`}>
                      <div className="col-span-2 grid content-start gap-0.5 md:col-span-1">
                        <span className="font-medium">{name(info)}</span>
                        <span className="font-mono text-xs text-muted-foreground">{info?.code} · {unitName(data.indicators.find((x) => x.id === ind.indicatorId)?.unit, locale) || '—'} · {t(`direction.${info?.direction ?? 'higher'}`)}</span>
                        {err(`${base}.indicatorId`) ? <span className="text-sm text-danger">{err(`${base}.indicatorId`)}</span> : null}
                        <span className="text-sm tabular-nums text-muted-foreground">
                          {t('shareWithin', { share: percent(indicatorShares[ii]!, locale) })} · {t('shareOverall', { share: percent(indicatorShares[ii]! * objectiveShares[oi]!, locale) })}
                        </span>
                      </div>
                      {!readOnly && !savedPairs.has(`${o.objectiveId}:${ind.indicatorId}`) ? (
                        <Alert className="col-span-full" variant="warning" title={tn('title')} data-testid="new-indicator-share">
                          {tn('share', { weight: ind.weight, share: percent(indicatorShares[ii]!, locale), objective: name(objective), overall: percent(indicatorShares[ii]! * objectiveShares[oi]!, locale) })}
                        </Alert>
                      ) : null}
                      <FormField label={t('indicatorWeight')} error={err(`${base}.weight`)}>
                        <NumberInput value={ind.weight} onValueChange={(v) => update((c) => void (c.objectives[oi]!.indicators[ii]!.weight = v))} />
                      </FormField>
                      <FormField label={t('normalization')} error={err(`${base}.normalization`) ?? err(`${base}.normalization.method`)}>
                        <NativeSelect
                          value={String(n.method ?? '')}
                          onChange={(e) => {
                            const li = data.indicators.find((x) => x.id === ind.indicatorId);
                            const make = DEFAULT_NORMALIZATION[e.target.value]!;
                            update((c) => void (c.objectives[oi]!.indicators[ii]!.normalization = make(li?.minValue ?? 0, li?.maxValue ?? 100)));
                          }}
                        >
                          {Object.keys(DEFAULT_NORMALIZATION).map((m) => <option key={m} value={m}>{t(`method.${m}`)}</option>)}
                        </NativeSelect>
                      </FormField>
                      {n.method === 'goalposts' ? (
                        <>
                          <FormField label={t('goalpostMin')} error={err(`${base}.normalization.min`)}>
                            <NumberInput value={n.min as number} onValueChange={(v) => setN('min', v)} />
                          </FormField>
                          <FormField label={t('goalpostMax')} error={err(`${base}.normalization.max`)}>
                            <NumberInput value={n.max as number} onValueChange={(v) => setN('max', v)} />
                          </FormField>
                        </>
                      ) : n.method === 'target' ? (
                        <>
                          <FormField label={t('target')} error={err(`${base}.normalization.target`)}>
                            <NumberInput value={n.target as number} onValueChange={(v) => setN('target', v)} />
                          </FormField>
                          <FormField label={t('baseline')} error={err(`${base}.normalization.baseline`)}>
                            <NumberInput value={n.baseline as number} onValueChange={(v) => setN('baseline', v)} />
                          </FormField>
                        </>
                      ) : n.method === 'zscore' ? (
                        <>
                          <FormField label={t('center')} error={err(`${base}.normalization.center`)}>
                            <NumberInput value={n.center as number | undefined} onValueChange={(v) => setN('center', Number.isNaN(v) ? undefined : v)} />
                          </FormField>
                          <FormField label={t('spread')} error={err(`${base}.normalization.spread`)}>
                            <NumberInput value={n.spread as number | undefined} onValueChange={(v) => setN('spread', Number.isNaN(v) ? undefined : v)} />
                          </FormField>
                        </>
                      ) : (
                        <p className="col-span-2 self-end pb-2 text-sm text-muted-foreground">{t('peerBased')}</p>
                      )}
                      <div className="flex items-end gap-2">
                        {n.method === 'goalposts' ? (
                          <FormField label={t('transform')} error={err(`${base}.normalization.transform`)}>
                            <NativeSelect value={String(n.transform ?? 'none')} onChange={(e) => setN('transform', e.target.value)}>
                              <option value="none">{t('transformNone')}</option>
                              <option value="ln">ln</option>
                            </NativeSelect>
                          </FormField>
                        ) : null}
                        {!readOnly ? (
                          <Button size="icon-sm" variant="ghost" className="mb-1" aria-label={t('removeIndicator', { name: name(info) })} onClick={() => update((c) => void c.objectives[oi]!.indicators.splice(ii, 1))}>
                            <Trash2 aria-hidden="true" />
                          </Button>
                        ) : null}
                      </div>
                    </div>
                  );
                })}
                {!readOnly ? (
                  <AddSelect
                    label={t('addIndicator')}
                    options={availableIndicators.map((i) => ({ id: i.id, label: `${name(i)} (${i.code})` }))}
                    onAdd={(id) => {
                      const li = data.indicators.find((x) => x.id === id);
                      update((c) => void c.objectives[oi]!.indicators.push({ indicatorId: id, weight: 1, normalization: DEFAULT_NORMALIZATION.goalposts!(li?.minValue ?? 0, li?.maxValue ?? 100) }));
                    }}
                  />
                ) : null}
              </CardContent>
            </Card>
          );
        })}
        {!readOnly && availableObjectives.length > 0 ? (
          <AddSelect label={t('addObjective')} options={availableObjectives.map((o) => ({ id: o.id, label: name(o) }))} onAdd={(id) => update((c) => void c.objectives.push({ objectiveId: id, weight: 1, indicators: [] }))} />
        ) : null}

        <Card>
          <CardHeader><CardTitle as="h2">{t('grades')}</CardTitle></CardHeader>
          <CardContent className="grid gap-3">
            {err('grades') ? <Alert variant="error" title={err('grades')!} /> : null}
            {content.grades.map((g, gi) => (
              <div key={gi} className="grid grid-cols-2 gap-3 border-b pb-3 last:border-b-0 sm:grid-cols-[6rem_7rem_1fr_1fr_auto] sm:border-b-0 sm:pb-0">
                <FormField label={t('gradeCode')} error={err(`grades.${gi}.code`)}>
                  <Input value={g.code} onChange={(e) => update((c) => void (c.grades[gi]!.code = e.target.value))} />
                </FormField>
                <FormField label={t('gradeMin')} error={err(`grades.${gi}.min`)}>
                  <NumberInput value={g.min} onValueChange={(v) => update((c) => void (c.grades[gi]!.min = v))} />
                </FormField>
                <FormField label={t('gradeLabelEn')} error={err(`grades.${gi}.label.en`)}>
                  <Input value={g.label.en} onChange={(e) => update((c) => void (c.grades[gi]!.label.en = e.target.value))} />
                </FormField>
                <FormField label={t('gradeLabelZh')} error={err(`grades.${gi}.label.zh-CN`)}>
                  <Input value={g.label['zh-CN']} onChange={(e) => update((c) => void (c.grades[gi]!.label['zh-CN'] = e.target.value))} />
                </FormField>
                {!readOnly ? (
                  <Button size="icon-sm" variant="ghost" className="self-end mb-1" aria-label={t('removeGrade', { code: g.code })} onClick={() => update((c) => void c.grades.splice(gi, 1))}>
                    <Trash2 aria-hidden="true" />
                  </Button>
                ) : null}
              </div>
            ))}
            {!readOnly ? (
              <div>
                <Button variant="outline" size="sm" onClick={() => update((c) => void c.grades.push({ code: '', min: 0, label: { en: '', 'zh-CN': '' } }))}>
                  <Plus aria-hidden="true" /> {t('addGrade')}
                </Button>
              </div>
            ) : null}
          </CardContent>
        </Card>
      </fieldset>

      {!readOnly ? (
        <div className="sticky bottom-0 z-10 flex flex-wrap items-center gap-3 border-t bg-background/95 py-3 backdrop-blur">
          <Button type="submit" loading={save.isPending} disabled={!dirty || errorCount > 0}>{t('save')}</Button>
          <Button variant="outline" disabled={!dirty} onClick={() => { setContent(structuredClone(data.content)); setServerErrors({}); }}>{t('revert')}</Button>
          <span className="text-sm text-muted-foreground" aria-live="polite">{dirty ? t('unsaved') : t('saved')}</span>
          <ConfirmDialog
            trigger={<Button variant="ghost" className="ms-auto text-danger">{t('discard')}</Button>}
            title={t('discardTitle')}
            description={t('discardBody')}
            confirmLabel={t('discard')}
            cancelLabel={t('cancel')}
            destructive
            onConfirm={async () => {
              await discard.mutateAsync({ versionId: data.version.id });
              await qc.invalidateQueries({ queryKey: trpc.kpiSets.pathKey() });
              router.push('/admin/kpi-sets');
            }}
          />
        </div>
      ) : null}
    </form>
  );
}

function AddSelect({ label, options, onAdd }: { label: string; options: { id: number; label: string }[]; onAdd: (id: number) => void }) {
  const t = useTranslations('method.editor');
  const [value, setValue] = useState('');
  if (options.length === 0) return null;
  return (
    <div className="flex flex-wrap items-end gap-2">
      <FormField label={label} className="min-w-64 flex-1">
        <NativeSelect value={value} placeholder={t('choose')} onChange={(e) => setValue(e.target.value)}>
          {options.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
        </NativeSelect>
      </FormField>
      <Button variant="outline" disabled={!value} onClick={() => { onAdd(Number(value)); setValue(''); }}>
        <Plus aria-hidden="true" /> {t('add')}
      </Button>
    </div>
  );
}
