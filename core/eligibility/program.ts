// An incentive program as a form input and as a portable file (`program/v1`, what the admin UI
// exports and `npm run cli -- eligibility --program FILE` reads), and running it over a period's
// inputs: rule → benefit → per-county limit → budget. Same inputs, same determinations: nothing
// here depends on the order of the inputs, the clock or randomness.
import * as z from 'zod';
import { vmsg } from '@/core/domain/messages';
import { optionalText, requiredText } from '@/core/schemas/text-fields';
import { canonicalJson } from '@/core/scoring/canonical-json';
import { pureHashHex, sortedInputHash, sortedInputs, type HashHex } from './input-hash';
import { BENEFIT_KINDS_BY_PROGRAM, benefitFor, benefitSchema, type Benefit } from './benefits';
import { allocateBudget, rankOrder } from './budget';
import type { Truth } from './atoms';
import { evaluateRule, type RuleExplanation } from './evaluate';
import type { Gap } from './gap';
import { type EligibilityInput } from './input';
import type { NotScoredCause } from './not-scored';
import { ALLOCATIONS, PROGRAM_KINDS, PROGRAM_STATUSES, type Allocation, type ProgramKind } from '@/core/domain/enums';
import { imsg, ruleSchema, type HistoryField, type PeriodClause, type Rule } from './rules';
import { STAKEHOLDER_TYPES, type StakeholderType } from '@/core/domain/enums';

export type { HashHex } from './input-hash';

export const PROGRAM_FORMAT = 'program/v1';
/** The largest budget a program may have, in yuan (a province's whole programme, not one award). */
export const MAX_BUDGET = 1e12;
export const ELIGIBILITY_FORMAT = 'eligibility/v1';

const programObject = z.object({
  code: requiredText(40).regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, imsg('program.code')),
  kind: z.enum(PROGRAM_KINDS, { error: vmsg('validation.required') }),
  nameEn: requiredText(120),
  nameZh: requiredText(120),
  descriptionEn: optionalText(2000),
  descriptionZh: optionalText(2000),
  eligibleTypes: z.array(z.enum(STAKEHOLDER_TYPES)).min(1, imsg('program.eligibleTypes')),
  rule: ruleSchema,
  benefit: benefitSchema,
  budget: z
    .number({ error: imsg('number') })
    .finite(imsg('number'))
    .gt(0, imsg('positive'))
    .max(MAX_BUDGET, imsg('tooLarge', { max: MAX_BUDGET }))
    .nullish()
    .transform((v) => v ?? null),
  allocation: z.enum(ALLOCATIONS).nullish().transform((v) => v ?? null),
  status: z.enum(PROGRAM_STATUSES).default('draft'),
});

type ProgramShape = z.output<typeof programObject>;

/** Rules across fields, each reported at the field to fix. */
function checkProgram(p: ProgramShape, ctx: z.RefinementCtx): void {
  const allowed = BENEFIT_KINDS_BY_PROGRAM[p.kind] as readonly string[];
  if (!allowed.includes(p.benefit.kind)) {
    ctx.addIssue({ code: 'custom', path: ['benefit', 'kind'], message: imsg('program.benefitKind') });
  }
  if (new Set(p.eligibleTypes).size !== p.eligibleTypes.length) {
    ctx.addIssue({ code: 'custom', path: ['eligibleTypes'], message: imsg('program.eligibleTypesDuplicate') });
  }
  if (p.kind === 'commendation' && p.budget !== null) {
    ctx.addIssue({ code: 'custom', path: ['budget'], message: imsg('program.commendationBudget') });
  }
  if (p.budget !== null && p.allocation === null) {
    ctx.addIssue({ code: 'custom', path: ['allocation'], message: imsg('program.allocationRequired') });
  }
  if (p.kind === 'tax_break' && p.budget !== null && (p.benefit.kind === 'rate' || p.benefit.kind === 'tiered_rate') && p.benefit.base === null) {
    ctx.addIssue({ code: 'custom', path: ['benefit', 'base'], message: imsg('program.taxBase') });
  }
}

type Path = (string | number)[];

// The scale check runs even while other fields are invalid (so the form shows every problem at
// once); it reads the values as given, so it checks their shape as it goes.
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

function eachPeriodClause(rule: unknown, path: Path, visit: (clause: Partial<PeriodClause>, path: Path) => void): void {
  if (!isObject(rule)) return;
  if (rule.op === 'not') return eachPeriodClause(rule.rule, [...path, 'rule'], visit);
  if (Array.isArray(rule.rules)) return rule.rules.forEach((r, i) => eachPeriodClause(r, [...path, 'rules', i], visit));
  const c = rule.clause;
  if (!isObject(c)) return;
  if (c.kind === 'consecutive') {
    if (isObject(c.clause)) visit(c.clause as Partial<PeriodClause>, [...path, 'clause', 'clause']);
  } else visit(c as Partial<PeriodClause>, [...path, 'clause']);
}

/**
 * Thresholds and composite bands on the scale of what they compare: composite, objective and
 * normalized indicator scores 0…scale (the KPI sets'); coupling class and percentile have their
 * own ranges in rules.ts. Without a known scale (no published KPI set) only "not below 0" holds.
 */
function checkScale(p: ProgramShape, scale: number | null, ctx: z.RefinementCtx): void {
  const max = scale ?? Infinity;
  const onScale = (value: unknown, path: Path) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return; // reported by the field's own schema
    if (value < 0 || value > max) ctx.addIssue({ code: 'custom', path, message: scale === null ? imsg('nonNegative') : imsg('range', { min: 0, max: scale }) });
  };
  eachPeriodClause(p.rule, ['rule'], (c, path) => {
    if (c.kind === 'composite' || c.kind === 'objective' || (c.kind === 'indicator' && c.measure === 'normalized')) onScale(c.value, [...path, 'value']);
  });
  const b: unknown = p.benefit;
  if (!isObject(b)) return;
  if (Array.isArray(b.tiers)) b.tiers.forEach((t: unknown, i) => isObject(t) && onScale(t.minComposite, ['benefit', 'tiers', i, 'minComposite']));
  if (b.kind === 'linear') {
    onScale(b.minScore, ['benefit', 'minScore']);
    onScale(b.maxScore, ['benefit', 'maxScore']);
  }
}

/** The program schema for KPI sets scored on 0…scale (null: the scale is not known here). */
export function programSchemaFor(scale: number | null) {
  return programObject.superRefine(checkProgram).superRefine((p, ctx) => checkScale(p, scale, ctx), { when: () => true });
}

/** A program's shape and bounds; the server checks the thresholds again on its KPI sets' scale. */
export const programInputSchema = programSchemaFor(null);
export type ProgramInput = z.output<typeof programInputSchema>;
export type ProgramInputRaw = z.input<typeof programInputSchema>;

export const programFileSchema = programObject
  .extend({ format: z.literal(PROGRAM_FORMAT) })
  .superRefine(checkProgram)
  .superRefine((p, ctx) => checkScale(p, null, ctx), { when: () => true });
export type ProgramFile = z.output<typeof programFileSchema>;

/** The parts of a program that decide determinations (what the input hash covers). */
export interface ProgramCore {
  kind: ProgramKind;
  eligibleTypes: StakeholderType[];
  rule: Rule;
  benefit: Benefit;
  budget: number | null;
  allocation: Allocation | null;
}

export function programCore(p: ProgramCore): ProgramCore {
  return { kind: p.kind, eligibleTypes: [...p.eligibleTypes].sort(), rule: p.rule, benefit: p.benefit, budget: p.budget, allocation: p.allocation };
}

/** Why a determination is what it is; `not_scored` only for stakeholders listed without a score (not-scored.ts). */
export type DeterminationReason = 'awarded' | 'rule_failed' | 'not_available' | 'no_benefit' | 'county_limit' | 'budget_exhausted' | 'not_scored';

export interface Determination {
  stakeholder: string;
  name: string | null;
  type: StakeholderType;
  county: string | null;
  composite: number | null;
  /** Whether the rule passed (fail and unknown are both "no"). */
  truth: Truth;
  /** Awarded: the rule passed and something was given. */
  eligible: boolean;
  reason: DeterminationReason;
  /** Money granted (subsidy, or estimated tax forgone), after cap and budget. */
  amount: number | null;
  /** What the benefit asked before the budget (after the cap). */
  demand: number | null;
  /** Whether the per-recipient cap cut the demand. */
  capped: boolean;
  budgetCut: 'budget_partial' | 'budget_exhausted' | 'pro_rata' | null;
  rate: number | null;
  title: { en: string; 'zh-CN': string } | null;
  explanation: RuleExplanation;
  gap: Gap | null;
}

/**
 * What a stored determination keeps besides its own columns (eligible, amount, rate, title, gap):
 * the facts the determination rested on and the rule's explanation per clause.
 */
export type DeterminationExplanation = Pick<Determination, 'truth' | 'reason' | 'type' | 'county' | 'composite' | 'demand' | 'capped' | 'budgetCut'> & {
  rule: RuleExplanation;
  /** For a stakeholder listed without a score: why it has none. */
  notScored?: { cause: NotScoredCause; note: string | null };
};

export function determinationExplanation(d: Determination): DeterminationExplanation {
  return { truth: d.truth, reason: d.reason, type: d.type, county: d.county, composite: d.composite, demand: d.demand, capped: d.capped, budgetCut: d.budgetCut, rule: d.explanation };
}

/**
 * What a run ran: the program, the score runs it read and how much of the past (periods, and the
 * fields of their scores; both absent in runs recorded before they were: then everything), and
 * whether it lists the stakeholders of its types without a score (runs since that was added).
 */
export type ProgramSnapshot = ProgramCore & { code: string; nameEn: string; nameZh: string; scoreRunIds: number[]; historyPeriods?: number; historyFields?: HistoryField[]; listsNotScored?: boolean };

export interface GroupTotal {
  key: string;
  candidates: number;
  passed: number;
  awarded: number;
  amount: number;
}

export interface EligibilityTotals {
  candidates: number;
  passed: number;
  awarded: number;
  /** Stakeholders left out because their type is not eligible. */
  otherTypes: number;
  /** Stakeholders of an eligible type without a score in the period (listed by a stored run only). */
  notScored?: number;
  demand: number;
  allocated: number;
  budget: number | null;
  byCounty: GroupTotal[];
  byType: GroupTotal[];
}

export interface EligibilityResult {
  format: typeof ELIGIBILITY_FORMAT;
  inputHash: string;
  determinations: Determination[];
  totals: EligibilityTotals;
}

/**
 * sha256 of the program's deciding parts and the inputs, in canonical JSON; order-independent.
 * The display name is left out: it decides nothing, and a scores file need not carry it.
 */
export function eligibilityInputHash(program: ProgramCore, inputs: readonly EligibilityInput[], hashHex: HashHex = pureHashHex): string {
  return sortedInputHash(canonicalJson(programCore(program)), sortedInputs(inputs), hashHex);
}

function cents(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Runs a program over one period's inputs: a determination per stakeholder of an eligible type. */
export function runEligibility(program: ProgramCore, inputs: readonly EligibilityInput[], options: { hashHex?: HashHex } = {}): EligibilityResult {
  const all = sortedInputs(inputs);
  // In code order, a stakeholder given twice sits next to itself.
  for (let k = 1; k < all.length; k++) {
    if (all[k]!.stakeholder === all[k - 1]!.stakeholder) throw new Error(`stakeholder "${all[k]!.stakeholder}" appears more than once in the inputs`);
  }
  const candidates = all.filter((i) => program.eligibleTypes.includes(i.type));
  const rows = candidates.map((input) => {
    const evaluation = evaluateRule(program.rule, input);
    const benefit = evaluation.truth === 'pass' ? benefitFor(program.benefit, input) : null;
    return { input, evaluation, benefit };
  });

  // Commendations: at most N per county, best composite first (rank order as for budgets).
  const overCountyLimit = new Set<string>();
  if (program.benefit.kind === 'title' && program.benefit.maxPerCounty !== null) {
    const byCounty = new Map<string, { stakeholder: string; composite: number | null }[]>();
    for (const r of rows) {
      if (r.evaluation.truth !== 'pass') continue;
      const key = r.input.county ?? '';
      (byCounty.get(key) ?? byCounty.set(key, []).get(key)!).push({ stakeholder: r.input.stakeholder, composite: r.input.composite });
    }
    for (const group of byCounty.values()) rankOrder(group).slice(program.benefit.maxPerCounty).forEach((g) => overCountyLimit.add(g.stakeholder));
  }

  const moneyRequests = rows
    .filter((r) => r.benefit !== null && r.benefit.amount !== null)
    .map((r) => ({ stakeholder: r.input.stakeholder, composite: r.input.composite, demand: r.benefit!.amount! }));
  const lastAward = 'lastAward' in program.benefit ? program.benefit.lastAward : 'partial';
  const allocations = new Map(allocateBudget(moneyRequests, program.budget, program.allocation ?? 'rank', lastAward).map((a) => [a.stakeholder, a]));

  const determinations: Determination[] = rows.map(({ input, evaluation, benefit }) => {
    const alloc = allocations.get(input.stakeholder);
    let reason: DeterminationReason;
    if (evaluation.truth === 'unknown') reason = 'not_available';
    else if (evaluation.truth === 'fail') reason = 'rule_failed';
    else if (overCountyLimit.has(input.stakeholder)) reason = 'county_limit';
    else if (benefit!.title !== null) reason = 'awarded';
    else if (benefit!.note || (benefit!.rate === null && (alloc?.demand ?? 0) <= 0)) reason = 'no_benefit';
    else if (alloc && alloc.demand > 0 && alloc.allocated <= 0) reason = 'budget_exhausted';
    else reason = 'awarded';
    const eligible = reason === 'awarded';
    return {
      stakeholder: input.stakeholder,
      name: input.name ?? null,
      type: input.type,
      county: input.county ?? null,
      composite: input.composite,
      truth: evaluation.truth,
      eligible,
      reason,
      amount: eligible ? (alloc?.allocated ?? null) : reason === 'budget_exhausted' ? 0 : null,
      demand: benefit?.amount ?? null,
      capped: benefit?.uncapped != null,
      budgetCut: alloc?.cut ?? null,
      rate: eligible ? (benefit?.rate ?? null) : null,
      title: eligible ? (benefit?.title ?? null) : null,
      explanation: evaluation.explanation,
      gap: evaluation.gap,
    };
  });

  const group = (keyOf: (d: Determination) => string): GroupTotal[] => {
    const map = new Map<string, GroupTotal>();
    for (const d of determinations) {
      const key = keyOf(d);
      const g = map.get(key) ?? map.set(key, { key, candidates: 0, passed: 0, awarded: 0, amount: 0 }).get(key)!;
      g.candidates++;
      if (d.truth === 'pass') g.passed++;
      if (d.eligible) g.awarded++;
      g.amount = cents(g.amount + (d.amount ?? 0));
    }
    return [...map.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  };
  const sum = (xs: (number | null)[]) => cents(xs.reduce<number>((a, b) => a + (b ?? 0), 0));
  return {
    format: ELIGIBILITY_FORMAT,
    inputHash: sortedInputHash(canonicalJson(programCore(program)), all, options.hashHex ?? pureHashHex),
    determinations,
    totals: {
      candidates: determinations.length,
      passed: determinations.filter((d) => d.truth === 'pass').length,
      awarded: determinations.filter((d) => d.eligible).length,
      otherTypes: all.length - candidates.length,
      demand: sum(determinations.map((d) => d.demand)),
      allocated: sum(determinations.map((d) => d.amount)),
      budget: program.budget,
      byCounty: group((d) => d.county ?? ''),
      byType: group((d) => d.type),
    },
  };
}

/** A hash function that reads none of its input, for callers that discard the input hash. */
const notHashed: HashHex = () => 'not-computed';

export interface EligibilityChange {
  stakeholder: string;
  before: { eligible: boolean; amount: number | null } | null;
  after: { eligible: boolean; amount: number | null } | null;
}

/**
 * Who gains or loses eligibility (or changes amount) when the scores change, e.g. under tuned
 * weights: the same program run on both sets of inputs. For the weight-tuning impact preview.
 */
export function compareEligibility(
  program: ProgramCore,
  before: readonly EligibilityInput[],
  after: readonly EligibilityInput[],
): { gained: EligibilityChange[]; lost: EligibilityChange[]; amountChanged: EligibilityChange[] } {
  // Decisions only: the input hash (canonical JSON of every input, hashed in pure JavaScript by
  // default) is not read here, and at a province's size it was most of the comparison's time.
  const decide = (inputs: readonly EligibilityInput[]) => runEligibility(program, inputs, { hashHex: notHashed }).determinations;
  const a = new Map(decide(before).map((d) => [d.stakeholder, d]));
  const b = new Map(decide(after).map((d) => [d.stakeholder, d]));
  const codes = [...new Set([...a.keys(), ...b.keys()])].sort();
  const gained: EligibilityChange[] = [];
  const lost: EligibilityChange[] = [];
  const amountChanged: EligibilityChange[] = [];
  for (const code of codes) {
    const x = a.get(code);
    const y = b.get(code);
    const change: EligibilityChange = {
      stakeholder: code,
      before: x ? { eligible: x.eligible, amount: x.amount } : null,
      after: y ? { eligible: y.eligible, amount: y.amount } : null,
    };
    const was = x?.eligible ?? false;
    const is = y?.eligible ?? false;
    if (!was && is) gained.push(change);
    else if (was && !is) lost.push(change);
    else if (was && is && (x?.amount ?? null) !== (y?.amount ?? null)) amountChanged.push(change);
  }
  return { gained, lost, amountChanged };
}
