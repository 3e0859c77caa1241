// What a qualifying stakeholder receives, before the budget is applied.
//
// Subsidy (an amount of money):
//   fixed     amount
//   tiered    the amount of the highest band whose minimum composite the stakeholder reaches
//   linear    amount = minAmount + (maxAmount − minAmount)·(s − minScore)/(maxScore − minScore),
//             s = composite clamped to [minScore, maxScore]
//   per_unit  amount = amountPerUnit × the raw value of an indicator (0 when missing or negative)
// Tax break (a reduction of the tax rate, in percentage points):
//   rate / tiered_rate, the reduction fixed or by composite band. With `base` set, the revenue
//   forgone is estimated as rate/100 × raw(base.indicator) × base.scale; that estimate is the
//   "amount" the budget and the cap apply to. A tax break with a budget needs a base.
// Commendation: a title; at most `maxPerCounty` per county (best composite first).
// `cap`: at most this amount per recipient. Amounts are in the budget's currency unit (yuan) and
// are settled in whole cents (see budget.ts).
// Bounds (so a typo cannot promise a fortune): every amount, band amount and cap is finite, above
// 0 (a linear minimum may be 0) and at most MAX_AMOUNT (1e9 yuan); composite bands lie on the
// KPI set's scale, checked with the program (program.ts) since the scale is the KPI set's.
import * as z from 'zod';
import { vmsg } from '@/core/domain/messages';
import { compare } from './atoms';
import { applyGap, type Gap } from './gap';
import { imsg } from './rules';
import type { EligibilityInput } from './input';

/** The most any one amount of a program may be, in yuan: per recipient, per band, or as a cap. */
export const MAX_AMOUNT = 1e9;
const number = z.number({ error: imsg('number') }).finite(imsg('number'));
const upTo = (max: number) => number.max(max, imsg('tooLarge', { max }));
const money = upTo(MAX_AMOUNT).gt(0, imsg('positive'));
const moneyOrZero = upTo(MAX_AMOUNT).min(0, imsg('nonNegative'));
const score = number.min(0, imsg('nonNegative'));
const rate = z.number({ error: imsg('number') }).finite(imsg('number')).gt(0, imsg('positive')).max(100, imsg('range', { min: 0, max: 100 }));
const indicatorCode = z.string({ error: vmsg('validation.required') }).trim().min(1, vmsg('validation.required')).max(64, vmsg('validation.tooLong', { max: 64 }));
const cap = money.nullish().transform((v) => v ?? null);
/** Units of the base indicator per unit of tax base (e.g. 10,000 for a value in 10,000 yuan). */
const baseScale = upTo(MAX_AMOUNT).gt(0, imsg('positive')).default(1);

export const LAST_AWARD_POLICIES = ['partial', 'skip'] as const;
/** When the budget cannot pay the next award in full: pay what is left, or pay nothing and stop. */
const lastAward = z.enum(LAST_AWARD_POLICIES).default('partial');

const tiers = <T extends z.ZodTypeAny>(value: T) =>
  z
    .array(z.strictObject({ minComposite: score, value }))
    .min(1, imsg('benefit.tiersEmpty'))
    .max(10, imsg('benefit.tiersTooMany', { max: 10 }))
    .superRefine((ts, ctx) => {
      ts.forEach((t, i) => {
        if (i > 0 && !(t.minComposite > ts[i - 1]!.minComposite)) {
          ctx.addIssue({ code: 'custom', path: [i, 'minComposite'], message: imsg('benefit.tierOrder') });
        }
      });
    });

const subsidyBenefits = [
  z.strictObject({ kind: z.literal('fixed'), amount: money, cap, lastAward }),
  z.strictObject({ kind: z.literal('tiered'), tiers: tiers(money), cap, lastAward }),
  z
    .strictObject({ kind: z.literal('linear'), minScore: score, maxScore: score, minAmount: moneyOrZero, maxAmount: money, cap, lastAward })
    .superRefine((b, ctx) => {
      if (!(b.maxScore > b.minScore)) ctx.addIssue({ code: 'custom', path: ['maxScore'], message: imsg('benefit.scoreOrder') });
      if (!(b.maxAmount >= b.minAmount)) ctx.addIssue({ code: 'custom', path: ['maxAmount'], message: imsg('benefit.amountOrder') });
    }),
  z.strictObject({ kind: z.literal('per_unit'), indicator: indicatorCode, amountPerUnit: money, cap, lastAward }),
] as const;
export const subsidyBenefitSchema = z.discriminatedUnion('kind', [...subsidyBenefits]);

const taxBase = z
  .strictObject({ indicator: indicatorCode, scale: baseScale })
  .nullish()
  .transform((v) => v ?? null);

const taxBreakBenefits = [
  z.strictObject({ kind: z.literal('rate'), rate, base: taxBase, cap, lastAward }),
  z.strictObject({ kind: z.literal('tiered_rate'), tiers: tiers(rate), base: taxBase, cap, lastAward }),
] as const;
export const taxBreakBenefitSchema = z.discriminatedUnion('kind', [...taxBreakBenefits]);

export const commendationBenefitSchema = z.strictObject({
  kind: z.literal('title'),
  title: z.strictObject({
    en: z.string().trim().min(1, vmsg('validation.required')).max(80, vmsg('validation.tooLong', { max: 80 })),
    'zh-CN': z.string().trim().min(1, vmsg('validation.required')).max(80, vmsg('validation.tooLong', { max: 80 })),
  }),
  maxPerCounty: z.number({ error: imsg('number') }).int(imsg('integer')).min(1, imsg('range', { min: 1, max: 1000 })).max(1000, imsg('range', { min: 1, max: 1000 })).nullish().transform((v) => v ?? null),
});

// One discriminated union over every kind, so a bad value is reported at its own field (a plain
// union of unions would report "invalid input" at `benefit` instead).
export const benefitSchema = z.discriminatedUnion('kind', [...subsidyBenefits, ...taxBreakBenefits, commendationBenefitSchema]);
export type Benefit = z.output<typeof benefitSchema>;

export const BENEFIT_KINDS_BY_PROGRAM = {
  subsidy: ['fixed', 'tiered', 'linear', 'per_unit'],
  tax_break: ['rate', 'tiered_rate'],
  commendation: ['title'],
} as const;

/** Index of the highest band the composite reaches (bands compared with the engine tolerance); -1 for none. */
export function tierIndexOf(ts: readonly { minComposite: number }[], composite: number | null): number {
  let best = -1;
  for (let i = 0; i < ts.length; i++) {
    if (compare(composite, 'gte', ts[i]!.minComposite) && (best < 0 || ts[i]!.minComposite > ts[best]!.minComposite)) best = i;
  }
  return best;
}

/** The value of the highest band the composite reaches. */
function tierValue(ts: { minComposite: number; value: number }[], composite: number | null): number | null {
  return ts[tierIndexOf(ts, composite)]?.value ?? null;
}

export interface BenefitDemand {
  /** Money asked of the budget (subsidy amount or estimated tax forgone), after the cap. */
  amount: number | null;
  /** Amount before the cap, when the cap cut it. */
  uncapped: number | null;
  /** Tax-rate reduction in percentage points. */
  rate: number | null;
  title: { en: string; 'zh-CN': string } | null;
  /** Why a qualifying stakeholder gets nothing (no band reached, no base value). */
  note?: 'no_tier' | 'no_base_value';
}

/** What the benefit gives one qualifying stakeholder, before the budget. */
export function benefitFor(benefit: Benefit, input: EligibilityInput): BenefitDemand {
  if (benefit.kind === 'title') return { amount: null, uncapped: null, rate: null, title: benefit.title };
  let amount: number | null = null;
  let rateValue: number | null = null;
  let note: BenefitDemand['note'];
  switch (benefit.kind) {
    case 'fixed':
      amount = benefit.amount;
      break;
    case 'tiered':
      amount = tierValue(benefit.tiers.map((t) => ({ minComposite: t.minComposite, value: t.value })), input.composite);
      if (amount === null) note = 'no_tier';
      break;
    case 'linear': {
      if (input.composite === null) {
        note = 'no_tier';
        break;
      }
      const s = Math.min(benefit.maxScore, Math.max(benefit.minScore, input.composite));
      amount = benefit.minAmount + ((benefit.maxAmount - benefit.minAmount) * (s - benefit.minScore)) / (benefit.maxScore - benefit.minScore);
      break;
    }
    case 'per_unit': {
      const raw = input.indicators[benefit.indicator]?.raw ?? null;
      if (raw === null) note = 'no_base_value';
      amount = benefit.amountPerUnit * Math.max(0, raw ?? 0);
      break;
    }
    case 'rate':
    case 'tiered_rate': {
      rateValue = benefit.kind === 'rate' ? benefit.rate : tierValue(benefit.tiers.map((t) => ({ minComposite: t.minComposite, value: t.value })), input.composite);
      if (rateValue === null) note = 'no_tier';
      if (benefit.base && rateValue !== null) {
        const raw = input.indicators[benefit.base.indicator]?.raw ?? null;
        if (raw === null) note = 'no_base_value';
        amount = (rateValue / 100) * Math.max(0, raw ?? 0) * benefit.base.scale;
      }
      break;
    }
  }
  const capped = amount !== null && benefit.cap !== null && amount > benefit.cap ? benefit.cap : amount;
  const out: BenefitDemand = { amount: capped, uncapped: capped !== amount ? amount : null, rate: rateValue, title: null };
  if (note) out.note = note;
  return out;
}

export interface BenefitAtStake extends BenefitDemand {
  /** The composite the benefit was worked out at (null: none). */
  atComposite: number | null;
  /** Worked out at scores other than the stakeholder's: those its gap asks for, or the lowest band above it. */
  assumed: boolean;
}

/**
 * What qualifying would bring a stakeholder, before the budget: the benefit at its own scores; for
 * one who fails the rule, at the scores its gap asks for (a higher composite may reach a higher
 * band); and when no band is reached, at the lowest band above its composite.
 */
export function benefitAtStake(benefit: Benefit, input: EligibilityInput, gap: Gap | null): BenefitAtStake {
  const at = gap && gap.attainable ? applyGap(input, gap) : input;
  const assumedByGap = at !== input && at.composite !== input.composite;
  const demand = benefitFor(benefit, at);
  if (demand.note === 'no_tier') {
    const floor = benefit.kind === 'linear' ? benefit.minScore : 'tiers' in benefit ? benefit.tiers.find((t) => !compare(at.composite, 'gte', t.minComposite))?.minComposite : undefined;
    if (floor !== undefined) return { ...benefitFor(benefit, { ...at, composite: floor }), atComposite: floor, assumed: true };
  }
  return { ...demand, atComposite: at.composite, assumed: assumedByGap };
}
