// A rule as a sentence, in English and Chinese. Kept in the engine (not the message catalogs)
// because the CLI prints it offline too; the phrases for both languages sit side by side here.
import { formatValueWithUnit, type Unit } from '@/core/i18n/units';
import { formatNumber } from '@/core/i18n/format';
import type { Clause, Comparator, PeriodClause, Rule } from './rules';
import { forwardOffsets, type ForwardRule } from './forward';

export type RuleLocale = 'en' | 'zh-CN';

/** Names for codes (objective and indicator names in the reader's language); codes otherwise. */
export interface RuleLabels {
  objective?: (code: string) => string | undefined;
  indicator?: (code: string) => string | undefined;
  /** An indicator's unit: a raw threshold is then written with it, digits grouped for the reader. */
  unit?: (indicator: string) => Unit | null | undefined;
}

/** A draft being typed may hold no number or code yet: show an ellipsis there. */
const BLANK = '…';

function num(x: number): string {
  // Enough digits for a threshold, none of the float noise.
  return typeof x === 'number' && Number.isFinite(x) ? String(Number(x.toPrecision(12))) : BLANK;
}

function named(code: string, label: ((code: string) => string | undefined) | undefined): string {
  return code ? (label?.(code) ?? code) : BLANK;
}

const PHRASES = {
  en: {
    cmp: { gte: 'at least', lte: 'at most' } as Record<Comparator, string>,
    composite: (c: string, v: string) => `composite score ${c} ${v}`,
    objective: (name: string, c: string, v: string) => `“${name}” objective score ${c} ${v}`,
    indicator: (name: string, measure: 'raw' | 'normalized', c: string, v: string) => `“${name}” ${measure === 'raw' ? 'value' : 'normalized score'} ${c} ${v}`,
    grade: (g: string) => `grade ${g} or better`,
    percentile: (scope: 'province' | 'county', c: string, v: string) => `percentile in the ${scope} ${c} ${v}`,
    coupling: (c: string, v: string) => `coupling coordination class ${c} ${v}`,
    noRedFlag: (name: string | null) => (name ? `no red flag on “${name}”` : 'no red flag'),
    consecutive: (n: number | string, inner: string) => `${inner}, in each of the last ${n} published periods`,
    and: ' and ',
    or: ' or ',
    not: (inner: string) => `not (${inner})`,
    open: '(',
    close: ')',
    inPeriod: (clause: string, period: string) => `${clause} in ${period}`,
    now: (clause: string, value: string) => `${clause} (now ${value})`,
    unknownPast: 'an earlier period’s result, which is not available',
  },
  'zh-CN': {
    cmp: { gte: '不低于', lte: '不高于' } as Record<Comparator, string>,
    composite: (c: string, v: string) => `综合得分${c} ${v}`,
    objective: (name: string, c: string, v: string) => `“${name}”目标得分${c} ${v}`,
    indicator: (name: string, measure: 'raw' | 'normalized', c: string, v: string) => `“${name}”${measure === 'raw' ? '原始值' : '标准化得分'}${c} ${v}`,
    grade: (g: string) => `等级为 ${g} 或更高`,
    percentile: (scope: 'province' | 'county', c: string, v: string) => `${scope === 'province' ? '省内' : '县内'}百分位${c} ${v}`,
    coupling: (c: string, v: string) => `耦合协调等级${c} ${v}`,
    noRedFlag: (name: string | null) => (name ? `“${name}”无红色预警` : '无红色预警'),
    consecutive: (n: number | string, inner: string) => `最近连续 ${n} 个已发布期均${inner}`,
    and: '，且',
    or: '，或',
    not: (inner: string) => `并非（${inner}）`,
    open: '（',
    close: '）',
    inPeriod: (clause: string, period: string) => `${period} ${clause}`,
    now: (clause: string, value: string) => `${clause}（当前 ${value}）`,
    unknownPast: '以往某期的结果（数据不可用）',
  },
};

function renderPeriodClause(c: PeriodClause, locale: RuleLocale, labels: RuleLabels): string {
  const p = PHRASES[locale];
  switch (c.kind) {
    case 'composite':
      return p.composite(p.cmp[c.cmp], num(c.value));
    case 'objective':
      return p.objective(named(c.objective, labels.objective), p.cmp[c.cmp], num(c.value));
    case 'indicator': {
      const unit = c.measure === 'raw' ? labels.unit?.(c.indicator) : undefined;
      const value = unit && Number.isFinite(c.value) ? formatValueWithUnit(c.value, unit, locale, { digits: 6 }) : num(c.value);
      return p.indicator(named(c.indicator, labels.indicator), c.measure, p.cmp[c.cmp], value);
    }
    case 'grade':
      return p.grade(c.atLeast || BLANK);
    case 'percentile':
      return p.percentile(c.scope, p.cmp[c.cmp], num(c.value));
    case 'coupling':
      return p.coupling(p.cmp[c.cmp], num(c.value));
    case 'noRedFlag':
      return p.noRedFlag(c.indicator === undefined ? null : named(c.indicator, labels.indicator));
  }
}

/** One clause as a phrase. */
export function renderClause(c: Clause, locale: RuleLocale, labels: RuleLabels = {}): string {
  if (c.kind === 'consecutive') return PHRASES[locale].consecutive(Number.isFinite(c.periods) ? c.periods : BLANK, renderPeriodClause(c.clause, locale, labels));
  return renderPeriodClause(c, locale, labels);
}

/** The whole rule as one sentence; nested groups in parentheses. */
export function renderRule(rule: Rule, locale: RuleLocale, labels: RuleLabels = {}): string {
  const p = PHRASES[locale];
  const walk = (r: Rule, nested: boolean): string => {
    if (r.op === 'clause') return renderClause(r.clause, locale, labels);
    if (r.op === 'not') return p.not(walk(r.rule, false));
    if (r.rules.length === 1) return walk(r.rules[0]!, nested);
    const joined = r.rules.map((x) => walk(x, true)).join(r.op === 'all' ? p.and : p.or);
    return nested ? `${p.open}${joined}${p.close}` : joined;
  };
  return walk(rule, false);
}

/** A value of the decided period beside a condition: raw indicator values with their unit. */
function nowValue(c: PeriodClause, v: number | string, locale: RuleLocale, labels: RuleLabels): string {
  if (typeof v === 'string') return v;
  const unit = c.kind === 'indicator' && c.measure === 'raw' ? labels.unit?.(c.indicator) : undefined;
  return unit ? formatValueWithUnit(v, unit, locale, { digits: 2 }) : formatNumber(v, locale, { digits: 2 });
}

/**
 * A condition on later periods as one sentence. `periodName(offset)` names a later period; each
 * clause names its period only when the condition spans more than one (else the caller says which).
 */
export function renderForward(rule: ForwardRule, locale: RuleLocale, labels: RuleLabels, periodName: ((offset: number) => string) | null): string {
  const p = PHRASES[locale];
  // Today's value goes beside the nearest period's conditions only: said once, where it compares.
  const nearest = Math.min(...forwardOffsets(rule));
  const walk = (r: ForwardRule, nested: boolean): string => {
    if (r.op === 'unknown') return p.unknownPast;
    if (r.op === 'clause') {
      let text = renderClause(r.clause, locale, labels);
      if (periodName) text = p.inPeriod(text, periodName(r.offset));
      return r.now === undefined || r.now === null || r.offset !== nearest ? text : p.now(text, nowValue(r.clause, r.now, locale, labels));
    }
    if (r.op === 'not') return p.not(walk(r.rule, false));
    const joined = r.rules.map((x) => walk(x, true)).join(r.op === 'all' ? p.and : p.or);
    return nested ? `${p.open}${joined}${p.close}` : joined;
  };
  return walk(rule, false);
}
