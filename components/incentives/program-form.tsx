'use client';
// Create or edit a program: kind, names, eligible types, rule (with its sentence in both
// languages), benefit, budget, status. Checked with the same schema as the server; errors at the field.
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import { useTRPC } from '@/lib/trpc/client';
import { BENEFIT_KINDS_BY_PROGRAM, LAST_AWARD_POLICIES, programSchemaFor, renderRule } from '@/core/eligibility';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { ChoiceSelect } from '@/components/ui/choice-select';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { Textarea } from '@/components/ui/textarea';
import { useZodForm } from '@/components/forms/use-zod-form';
import { RuleEditor } from './rule-editor';
import { ruleLabels, ruleNamesOf, type Vocabulary } from './rule-labels';
import { DEFAULT_BENEFIT, emptyBenefit, emptyProgram, safeRule, toProgramInput, type BenefitDraft, type ProgramDraft } from './program-draft';
import { ALLOCATIONS, PROGRAM_KINDS, PROGRAM_STATUSES, STAKEHOLDER_TYPES } from '@/core/domain/enums';
import { pickName } from '@/core/i18n/label';
import { unitName } from '@/core/i18n/units';

export function ProgramForm({ id, initial }: { id?: number; initial?: ProgramDraft }) {
  const t = useTranslations('incentives');
  const tc = useTranslations('common');
  const router = useRouter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const vocab = useQuery(trpc.incentives.vocabulary.queryOptions());
  const create = useMutation(trpc.incentives.create.mutationOptions());
  const update = useMutation(trpc.incentives.update.mutationOptions());
  const vocabulary: Vocabulary = vocab.data ?? { objectives: [], indicators: [], grades: [], scales: {} };
  const [eligibleTypes, setEligibleTypes] = useState<ProgramDraft['eligibleTypes']>(initial?.eligibleTypes ?? []);
  // Thresholds and bands are checked on the scale of the chosen types' KPI sets, as the server does.
  const schema = useMemo(() => programSchemaFor(scaleOf(vocabulary.scales, eligibleTypes)), [vocabulary.scales, eligibleTypes]);

  const form = useZodForm({
    initial: initial ?? emptyProgram,
    schema,
    toInput: toProgramInput,
    invalidMessage: t('form.fixErrors'),
    submit: async (data) => {
      const row = id ? await update.mutateAsync({ id, data }) : await create.mutateAsync(data);
      await queryClient.invalidateQueries({ queryKey: trpc.incentives.pathKey() });
      router.push(`/admin/programs/${row.id}?saved=1`);
      router.refresh();
    },
  });
  const { values: draft, error: errorAt, formError } = form;
  if (draft.eligibleTypes !== eligibleTypes) setEligibleTypes(draft.eligibleTypes);
  // A field's error goes away as soon as it is edited (the rest stay until the next save).
  const set = <K extends keyof ProgramDraft>(k: K, v: ProgramDraft[K]) => form.update((d) => ({ ...d, [k]: v }), [k === 'kind' ? 'benefit' : k]);
  const setBenefit = <K extends keyof BenefitDraft>(k: K, v: BenefitDraft[K]) => {
    const field = k === 'baseIndicator' || k === 'baseScale' ? 'base' : k === 'titleEn' || k === 'titleZh' ? 'title' : k;
    form.update((d) => ({ ...d, benefit: { ...d.benefit, [k]: v } }), [`benefit.${field}`]);
  };

  const sentences = useSentences(draft, vocabulary);

  const b = draft.benefit;
  const money = b.kind !== 'title';
  const tierLabel = b.kind === 'tiered_rate' ? t('benefit.tierRate') : t('benefit.tierAmount');
  return (
    <form onSubmit={form.onSubmit} noValidate className="grid gap-6">
      {formError ? (
        <Alert variant="error" title={t('form.saveFailed')}>
          {formError}
        </Alert>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>{t('form.basics')}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-5">
          <div className="grid gap-5 sm:grid-cols-3">
            <FormField id="program-code" label={t('fields.code')} required error={errorAt('code')} description={t('form.codeHint')}>
              <Input value={draft.code} onChange={(e) => set('code', e.target.value)} className="font-mono" spellCheck={false} />
            </FormField>
            <FormField id="program-kind" label={t('fields.kind')} required error={errorAt('kind')}>
              <ChoiceSelect
                value={draft.kind}
                choices={PROGRAM_KINDS}
                label={(k) => t(`kinds.${k}`)}
                onValueChange={(kind) =>
                  form.update((d) => ({ ...d, kind, benefit: emptyBenefit(DEFAULT_BENEFIT[kind]), budget: kind === 'commendation' ? '' : d.budget, allocation: kind === 'commendation' ? '' : d.allocation }), ['benefit', 'kind'])
                }
              />
            </FormField>
            <FormField id="program-status" label={t('fields.status')} error={errorAt('status')}>
              <ChoiceSelect value={draft.status} choices={PROGRAM_STATUSES} label={(s) => t(`statuses.${s}`)} onValueChange={(s) => set('status', s)} />
            </FormField>
          </div>
          <div className="grid gap-5 sm:grid-cols-2">
            <FormField id="program-nameZh" label={t('fields.nameZh')} required error={errorAt('nameZh')}>
              <Input value={draft.nameZh} onChange={(e) => set('nameZh', e.target.value)} lang="zh-CN" />
            </FormField>
            <FormField id="program-nameEn" label={t('fields.nameEn')} required error={errorAt('nameEn')}>
              <Input value={draft.nameEn} onChange={(e) => set('nameEn', e.target.value)} lang="en" />
            </FormField>
            <FormField id="program-descriptionZh" label={t('fields.descriptionZh')} error={errorAt('descriptionZh')}>
              <Textarea value={draft.descriptionZh} onChange={(e) => set('descriptionZh', e.target.value)} rows={3} lang="zh-CN" />
            </FormField>
            <FormField id="program-descriptionEn" label={t('fields.descriptionEn')} error={errorAt('descriptionEn')}>
              <Textarea value={draft.descriptionEn} onChange={(e) => set('descriptionEn', e.target.value)} rows={3} lang="en" />
            </FormField>
          </div>
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">{t('fields.eligibleTypes')}</legend>
            <div className="flex flex-wrap gap-x-6 gap-y-2">
              {STAKEHOLDER_TYPES.map((ty) => (
                <FormField key={ty} layout="inline" label={tc(`stakeholderTypes.${ty}`)} id={`program-type-${ty}`}>
                  <Checkbox
                    checked={draft.eligibleTypes.includes(ty)}
                    onCheckedChange={(v) => set('eligibleTypes', v === true ? [...draft.eligibleTypes, ty] : draft.eligibleTypes.filter((x) => x !== ty))}
                  />
                </FormField>
              ))}
            </div>
            {errorAt('eligibleTypes') ? <p className="text-sm font-medium text-danger">{errorAt('eligibleTypes')}</p> : null}
          </fieldset>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t('form.rule')}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4">
          <p className="text-sm text-muted-foreground">{t('form.ruleHint')}</p>
          <RuleEditor node={draft.rule} onChange={(rule) => set('rule', rule)} vocabulary={vocabulary} eligibleTypes={draft.eligibleTypes} errorAt={errorAt} />
          {errorAt('rule') ? <p className="text-sm font-medium text-danger">{errorAt('rule')}</p> : null}
          <div className="grid gap-2 rounded-md border border-border bg-muted/40 p-3 text-sm" aria-live="polite" data-testid="rule-sentences">
            <p>
              <span className="font-medium">{t('form.sentenceZh')}</span> <span lang="zh-CN">{sentences.zh}</span>
            </p>
            <p>
              <span className="font-medium">{t('form.sentenceEn')}</span> <span lang="en">{sentences.en}</span>
            </p>
          </div>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t('form.benefitAndBudget')}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-5">
          <div className="grid gap-5 sm:grid-cols-3">
            <FormField id="program-benefit-kind" label={t('fields.benefitKind')} error={errorAt('benefit.kind')}>
              <ChoiceSelect value={b.kind} choices={BENEFIT_KINDS_BY_PROGRAM[draft.kind]} label={(k) => t(`benefitKinds.${k}`)} onValueChange={(k) => set('benefit', emptyBenefit(k))} />
            </FormField>
            {b.kind === 'fixed' ? (
              <FormField id="program-benefit-amount" label={t('benefit.amount')} required error={errorAt('benefit.amount')}>
                <Input inputMode="decimal" value={b.amount} onChange={(e) => setBenefit('amount', e.target.value)} />
              </FormField>
            ) : null}
            {b.kind === 'rate' ? (
              <FormField id="program-benefit-rate" label={t('benefit.rate')} required error={errorAt('benefit.rate')}>
                <Input inputMode="decimal" value={b.rate} onChange={(e) => setBenefit('rate', e.target.value)} />
              </FormField>
            ) : null}
            {b.kind === 'per_unit' ? (
              <>
                <FormField id="program-benefit-indicator" label={t('benefit.indicator')} required error={errorAt('benefit.indicator')}>
                  <IndicatorSelect value={b.indicator} onChange={(v) => setBenefit('indicator', v)} vocabulary={vocabulary} types={draft.eligibleTypes} placeholder={t('rule.choose')} />
                </FormField>
                <FormField id="program-benefit-perUnit" label={t('benefit.amountPerUnit')} required error={errorAt('benefit.amountPerUnit')}>
                  <Input inputMode="decimal" value={b.amountPerUnit} onChange={(e) => setBenefit('amountPerUnit', e.target.value)} />
                </FormField>
              </>
            ) : null}
          </div>
          {b.kind === 'linear' ? (
            <div className="grid gap-5 sm:grid-cols-4">
              {(['minScore', 'maxScore', 'minAmount', 'maxAmount'] as const).map((k) => (
                <FormField key={k} id={`program-benefit-${k}`} label={t(`benefit.${k}`)} required error={errorAt(`benefit.${k}`)}>
                  <Input inputMode="decimal" value={b[k]} onChange={(e) => setBenefit(k, e.target.value)} />
                </FormField>
              ))}
            </div>
          ) : null}
          {b.kind === 'tiered' || b.kind === 'tiered_rate' ? (
            <fieldset className="grid gap-2">
              <legend className="mb-1 text-sm font-medium">{t('benefit.tiers')}</legend>
              {b.tiers.map((tier, i) => (
                <div key={i} className="grid grid-cols-[1fr_1fr_auto] items-end gap-3">
                  <FormField label={t('benefit.tierMin')} error={errorAt(`benefit.tiers.${i}.minComposite`)}>
                    <Input inputMode="decimal" value={tier.minComposite} onChange={(e) => setBenefit('tiers', b.tiers.map((x, j) => (j === i ? { ...x, minComposite: e.target.value } : x)))} />
                  </FormField>
                  <FormField label={tierLabel} error={errorAt(`benefit.tiers.${i}.value`)}>
                    <Input inputMode="decimal" value={tier.value} onChange={(e) => setBenefit('tiers', b.tiers.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} />
                  </FormField>
                  <Button variant="ghost" size="icon" aria-label={t('benefit.removeTier')} disabled={b.tiers.length === 1} onClick={() => setBenefit('tiers', b.tiers.filter((_, j) => j !== i))}>
                    <Trash2 aria-hidden="true" className="size-4" />
                  </Button>
                </div>
              ))}
              {errorAt('benefit.tiers') ? <p className="text-sm font-medium text-danger">{errorAt('benefit.tiers')}</p> : null}
              <div>
                <Button variant="outline" size="sm" onClick={() => setBenefit('tiers', [...b.tiers, { minComposite: '', value: '' }])}>
                  <Plus aria-hidden="true" className="size-4" />
                  {t('benefit.addTier')}
                </Button>
              </div>
            </fieldset>
          ) : null}
          {b.kind === 'rate' || b.kind === 'tiered_rate' ? (
            <div className="grid gap-5 sm:grid-cols-2">
              <FormField id="program-benefit-base" label={t('benefit.baseIndicator')} description={t('benefit.baseHint')} error={errorAt('benefit.base') ?? errorAt('benefit.base.indicator')}>
                <IndicatorSelect value={b.baseIndicator} onChange={(v) => setBenefit('baseIndicator', v)} vocabulary={vocabulary} types={draft.eligibleTypes} placeholder={t('benefit.noBase')} />
              </FormField>
              <FormField id="program-benefit-baseScale" label={t('benefit.baseScale')} description={t('benefit.baseScaleHint')} error={errorAt('benefit.base.scale')}>
                <Input inputMode="decimal" value={b.baseScale} onChange={(e) => setBenefit('baseScale', e.target.value)} />
              </FormField>
            </div>
          ) : null}
          {b.kind === 'title' ? (
            <div className="grid gap-5 sm:grid-cols-3">
              <FormField id="program-benefit-titleZh" label={t('benefit.titleZh')} required error={errorAt('benefit.title.zh-CN')}>
                <Input value={b.titleZh} onChange={(e) => setBenefit('titleZh', e.target.value)} lang="zh-CN" />
              </FormField>
              <FormField id="program-benefit-titleEn" label={t('benefit.titleEn')} required error={errorAt('benefit.title.en')}>
                <Input value={b.titleEn} onChange={(e) => setBenefit('titleEn', e.target.value)} lang="en" />
              </FormField>
              <FormField id="program-benefit-maxPerCounty" label={t('benefit.maxPerCounty')} error={errorAt('benefit.maxPerCounty')}>
                <Input inputMode="numeric" value={b.maxPerCounty} onChange={(e) => setBenefit('maxPerCounty', e.target.value)} />
              </FormField>
            </div>
          ) : null}
          {money ? (
            <div className="grid gap-5 sm:grid-cols-4">
              <FormField id="program-benefit-cap" label={t('benefit.cap')} description={t('benefit.capHint')} error={errorAt('benefit.cap')}>
                <Input inputMode="decimal" value={b.cap} onChange={(e) => setBenefit('cap', e.target.value)} />
              </FormField>
              <FormField id="program-budget" label={t('fields.budget')} description={t('form.budgetHint')} error={errorAt('budget')}>
                <Input inputMode="decimal" value={draft.budget} onChange={(e) => set('budget', e.target.value)} />
              </FormField>
              <FormField id="program-allocation" label={t('fields.allocation')} error={errorAt('allocation')}>
                <ChoiceSelect value={draft.allocation} placeholder={t('allocations.none')} choices={ALLOCATIONS} label={(a) => t(`allocations.${a}`)} onValueChange={(a) => set('allocation', a)} />
              </FormField>
              <FormField id="program-lastAward" label={t('benefit.lastAward')} error={errorAt('benefit.lastAward')}>
                <ChoiceSelect value={b.lastAward} choices={LAST_AWARD_POLICIES} label={(w) => t(`lastAward.${w}`)} onValueChange={(w) => setBenefit('lastAward', w)} disabled={draft.allocation !== 'rank'} />
              </FormField>
            </div>
          ) : null}
        </CardContent>
      </Card>

      <div className="flex flex-wrap gap-3">
        <Button type="submit" loading={form.submitting}>
          {id ? t('form.save') : t('form.create')}
        </Button>
        <Button variant="outline" onClick={() => router.back()}>
          {tc('cancel')}
        </Button>
      </div>
    </form>
  );
}

function IndicatorSelect({
  value,
  onChange,
  vocabulary,
  types,
  placeholder,
}: {
  value: string;
  onChange: (v: string) => void;
  vocabulary: Vocabulary;
  types: string[];
  placeholder: string;
}) {
  const locale = useLocale();
  return (
    <NativeSelect value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{placeholder}</option>
      {vocabulary.indicators
        .filter((i) => types.length === 0 || types.includes(i.type))
        .map((i) => (
          <option key={i.code} value={i.code}>
            {i.unit ? `${pickName(i.name, locale)} (${unitName(i.unit, locale)})` : pickName(i.name, locale)}
          </option>
        ))}
    </NativeSelect>
  );
}

/** The rule as a sentence in both languages, names from the vocabulary. */
function useSentences(draft: ProgramDraft, vocabulary: Vocabulary) {
  return useMemo(() => {
    const rule = safeRule(draft.rule);
    if (!rule) return { en: '', zh: '' };
    const names = ruleNamesOf(vocabulary);
    return { en: renderRule(rule, 'en', ruleLabels(names, 'en')), zh: renderRule(rule, 'zh-CN', ruleLabels(names, 'zh-CN')) };
  }, [draft.rule, vocabulary]);
}

/** The largest scale among the chosen types' published KPI sets (null: none published yet). */
function scaleOf(scales: Vocabulary['scales'], types: readonly string[]): number | null {
  const known = types.map((t) => scales[t as keyof typeof scales]).filter((s): s is number => s !== undefined);
  return known.length ? Math.max(...known) : null;
}
