// The program form's state (numbers as the text typed) ⇄ the program input the schema checks.
import type { Benefit, Clause, PeriodClause, ProgramInput, ProgramInputRaw, Rule } from '@/core/eligibility';

type PeriodClauseKind = PeriodClause['kind'];
export const PERIOD_CLAUSE_KINDS: PeriodClauseKind[] = ['composite', 'objective', 'indicator', 'grade', 'percentile', 'coupling', 'noRedFlag'];

export type ClauseDraft = {
  kind: PeriodClauseKind;
  cmp: 'gte' | 'lte';
  value: string;
  objective: string;
  indicator: string;
  measure: 'raw' | 'normalized';
  scope: 'province' | 'county';
  atLeast: string;
  /** Empty: this period only; N ≥ 2: held in N consecutive published periods. */
  periods: string;
};

export type NodeDraft = { key: string; op: 'all' | 'any' | 'not' | 'clause'; children: NodeDraft[]; clause: ClauseDraft };

type TierDraft = { minComposite: string; value: string };

export type BenefitDraft = {
  kind: Benefit['kind'];
  amount: string;
  tiers: TierDraft[];
  minScore: string;
  maxScore: string;
  minAmount: string;
  maxAmount: string;
  indicator: string;
  amountPerUnit: string;
  rate: string;
  baseIndicator: string;
  baseScale: string;
  cap: string;
  lastAward: 'partial' | 'skip';
  titleEn: string;
  titleZh: string;
  maxPerCounty: string;
};

export type ProgramDraft = {
  code: string;
  kind: ProgramInput['kind'];
  nameEn: string;
  nameZh: string;
  descriptionEn: string;
  descriptionZh: string;
  eligibleTypes: ProgramInput['eligibleTypes'];
  rule: NodeDraft;
  benefit: BenefitDraft;
  budget: string;
  allocation: '' | 'rank' | 'pro_rata';
  status: ProgramInput['status'];
};

let counter = 0;
function newKey(): string {
  counter += 1;
  return `n${counter}`;
}

export function emptyClause(kind: PeriodClauseKind = 'composite'): ClauseDraft {
  return { kind, cmp: 'gte', value: '', objective: '', indicator: '', measure: 'raw', scope: 'province', atLeast: '', periods: '' };
}

export function clauseNode(clause: ClauseDraft = emptyClause()): NodeDraft {
  return { key: newKey(), op: 'clause', children: [], clause };
}

export function groupNode(op: 'all' | 'any', children: NodeDraft[] = [clauseNode()]): NodeDraft {
  return { key: newKey(), op, children, clause: emptyClause() };
}

export function emptyBenefit(kind: Benefit['kind']): BenefitDraft {
  return {
    kind,
    amount: '',
    tiers: [{ minComposite: '', value: '' }],
    minScore: '60',
    maxScore: '100',
    minAmount: '',
    maxAmount: '',
    indicator: '',
    amountPerUnit: '',
    rate: '',
    baseIndicator: '',
    baseScale: '1',
    cap: '',
    lastAward: 'partial',
    titleEn: '',
    titleZh: '',
    maxPerCounty: '',
  };
}

export const DEFAULT_BENEFIT: Record<ProgramInput['kind'], Benefit['kind']> = { subsidy: 'fixed', tax_break: 'rate', commendation: 'title' };

export function emptyProgram(): ProgramDraft {
  return {
    code: '',
    kind: 'subsidy',
    nameEn: '',
    nameZh: '',
    descriptionEn: '',
    descriptionZh: '',
    eligibleTypes: [],
    rule: groupNode('all'),
    benefit: emptyBenefit('fixed'),
    budget: '',
    allocation: '',
    status: 'draft',
  };
}

/** Text → number for the schema: empty → undefined (the schema says "required"), else Number. */
function num(s: string): number | undefined {
  const t = s.trim().replace(/,/g, '');
  if (t === '') return undefined;
  return Number(t);
}
function optNum(s: string): number | null {
  const n = num(s);
  return n === undefined ? null : n;
}

function toPeriodClause(c: ClauseDraft): PeriodClause {
  switch (c.kind) {
    case 'composite':
      return { kind: 'composite', cmp: c.cmp, value: num(c.value) as number };
    case 'objective':
      return { kind: 'objective', objective: c.objective, cmp: c.cmp, value: num(c.value) as number };
    case 'indicator':
      return { kind: 'indicator', indicator: c.indicator, measure: c.measure, cmp: c.cmp, value: num(c.value) as number };
    case 'grade':
      return { kind: 'grade', atLeast: c.atLeast };
    case 'percentile':
      return { kind: 'percentile', scope: c.scope, cmp: c.cmp, value: num(c.value) as number };
    case 'coupling':
      return { kind: 'coupling', cmp: c.cmp, value: num(c.value) as number };
    case 'noRedFlag':
      return c.indicator ? { kind: 'noRedFlag', indicator: c.indicator } : { kind: 'noRedFlag' };
  }
}

function toClause(c: ClauseDraft): Clause {
  const inner = toPeriodClause(c);
  return c.periods.trim() === '' ? inner : { kind: 'consecutive', periods: num(c.periods) as number, clause: inner };
}

function toRule(n: NodeDraft): Rule {
  if (n.op === 'clause') return { op: 'clause', clause: toClause(n.clause) };
  if (n.op === 'not') return { op: 'not', rule: toRule(n.children[0] ?? clauseNode()) };
  return { op: n.op, rules: n.children.map(toRule) };
}

function fromPeriodClause(c: PeriodClause, periods = ''): ClauseDraft {
  const d = { ...emptyClause(c.kind), periods };
  if ('cmp' in c) d.cmp = c.cmp;
  if ('value' in c) d.value = String(c.value);
  if (c.kind === 'objective') d.objective = c.objective;
  if (c.kind === 'indicator') {
    d.indicator = c.indicator;
    d.measure = c.measure;
  }
  if (c.kind === 'noRedFlag') d.indicator = c.indicator ?? '';
  if (c.kind === 'percentile') d.scope = c.scope;
  if (c.kind === 'grade') d.atLeast = c.atLeast;
  return d;
}

function fromRule(r: Rule): NodeDraft {
  if (r.op === 'clause') {
    const c = r.clause;
    return clauseNode(c.kind === 'consecutive' ? fromPeriodClause(c.clause, String(c.periods)) : fromPeriodClause(c));
  }
  if (r.op === 'not') return { key: newKey(), op: 'not', children: [fromRule(r.rule)], clause: emptyClause() };
  return { key: newKey(), op: r.op, children: r.rules.map(fromRule), clause: emptyClause() };
}

function toBenefit(b: BenefitDraft): unknown {
  const cap = optNum(b.cap);
  const tiers = b.tiers.map((t) => ({ minComposite: num(t.minComposite), value: num(t.value) }));
  switch (b.kind) {
    case 'fixed':
      return { kind: 'fixed', amount: num(b.amount), cap, lastAward: b.lastAward };
    case 'tiered':
      return { kind: 'tiered', tiers, cap, lastAward: b.lastAward };
    case 'linear':
      return { kind: 'linear', minScore: num(b.minScore), maxScore: num(b.maxScore), minAmount: num(b.minAmount), maxAmount: num(b.maxAmount), cap, lastAward: b.lastAward };
    case 'per_unit':
      return { kind: 'per_unit', indicator: b.indicator, amountPerUnit: num(b.amountPerUnit), cap, lastAward: b.lastAward };
    case 'rate':
    case 'tiered_rate': {
      const base = b.baseIndicator ? { indicator: b.baseIndicator, scale: num(b.baseScale) ?? 1 } : null;
      return b.kind === 'rate' ? { kind: 'rate', rate: num(b.rate), base, cap, lastAward: b.lastAward } : { kind: 'tiered_rate', tiers, base, cap, lastAward: b.lastAward };
    }
    case 'title':
      return { kind: 'title', title: { en: b.titleEn, 'zh-CN': b.titleZh }, maxPerCounty: optNum(b.maxPerCounty) };
  }
}

function fromBenefit(b: Benefit): BenefitDraft {
  const d = emptyBenefit(b.kind);
  const s = (x: number | null | undefined) => (x === null || x === undefined ? '' : String(x));
  if ('cap' in b) d.cap = s(b.cap);
  if ('lastAward' in b) d.lastAward = b.lastAward;
  if ('tiers' in b) d.tiers = b.tiers.map((t) => ({ minComposite: String(t.minComposite), value: String(t.value) }));
  if (b.kind === 'fixed') d.amount = String(b.amount);
  if (b.kind === 'linear') Object.assign(d, { minScore: s(b.minScore), maxScore: s(b.maxScore), minAmount: s(b.minAmount), maxAmount: s(b.maxAmount) });
  if (b.kind === 'per_unit') Object.assign(d, { indicator: b.indicator, amountPerUnit: s(b.amountPerUnit) });
  if (b.kind === 'rate') d.rate = s(b.rate);
  if ((b.kind === 'rate' || b.kind === 'tiered_rate') && b.base) Object.assign(d, { baseIndicator: b.base.indicator, baseScale: s(b.base.scale) });
  if (b.kind === 'title') Object.assign(d, { titleEn: b.title.en, titleZh: b.title['zh-CN'], maxPerCounty: s(b.maxPerCounty) });
  return d;
}

export function toProgramInput(d: ProgramDraft): ProgramInputRaw {
  return {
    code: d.code,
    kind: d.kind,
    nameEn: d.nameEn,
    nameZh: d.nameZh,
    descriptionEn: d.descriptionEn,
    descriptionZh: d.descriptionZh,
    eligibleTypes: d.eligibleTypes,
    rule: toRule(d.rule),
    benefit: toBenefit(d.benefit) as ProgramInputRaw['benefit'],
    budget: d.kind === 'commendation' ? null : optNum(d.budget),
    allocation: d.allocation === '' ? null : d.allocation,
    status: d.status,
  };
}

export function fromProgram(p: ProgramInput): ProgramDraft {
  return {
    code: p.code,
    kind: p.kind,
    nameEn: p.nameEn,
    nameZh: p.nameZh,
    descriptionEn: p.descriptionEn ?? '',
    descriptionZh: p.descriptionZh ?? '',
    eligibleTypes: [...p.eligibleTypes],
    rule: fromRule(p.rule),
    benefit: fromBenefit(p.benefit),
    budget: p.budget === null ? '' : String(p.budget),
    allocation: p.allocation ?? '',
    status: p.status,
  };
}

/** Whether a draft's rule can be shown as a sentence (it parses). */
export function safeRule(n: NodeDraft): Rule | null {
  try {
    return toRule(n);
  } catch {
    return null;
  }
}
