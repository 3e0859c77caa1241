// One value against its indicator, without zod: what the browser checks as a value is typed (the
// evaluation form, the what-if panel). evaluation-values.ts builds the full schema on these.
import { vmsg } from './messages';
import { formatValueWithUnit, type Unit } from '../i18n/units';

/** What the form and the checks need to know about one indicator of a KPI-set version. */
export type IndicatorDef = {
  id: number;
  code: string;
  objectiveCode: string;
  nameEn: string;
  nameZh: string;
  unit: Unit | null;
  direction: 'higher' | 'lower';
  valueType: 'number' | 'integer' | 'percent';
  min: number | null;
  max: number | null;
  evidenceRequired: boolean;
  redFlagAbove: number | null;
  /** Whether its normalized score depends on the other stakeholders (minmax, zscore, percentile). */
  peerDependent: boolean;
};

const FULL_WIDTH = /[\uFF0B\uFF0D\uFF0E\uFF10-\uFF19\u2212]/g;

/** A typed value: '' → null; full-width digits (Chinese IME) accepted; NaN when not a number. */
export function parseValueText(text: string): number | null {
  const t = text.trim().replace(FULL_WIDTH, (ch) => (ch === '\u2212' ? '-' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
  if (t === '') return null;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return NaN;
  const n = Number(t);
  return Number.isFinite(n) ? n : NaN;
}

/** A limit with its unit in both languages: the message is read later, in the reader's (see localParams). */
function limitText(limit: number, unit: Unit | null): { limit: string; limitZh: string } {
  return { limit: formatValueWithUnit(limit, unit, 'en', { digits: 6 }), limitZh: formatValueWithUnit(limit, unit, 'zh-CN', { digits: 6 }) };
}

/** Problems of one value against its indicator (range, integer), as message keys. */
export function valueProblem(def: IndicatorDef, value: number): string | null {
  if (Number.isNaN(value)) return vmsg('evaluations.validation.notNumber');
  if (def.min !== null && value < def.min) return vmsg('evaluations.validation.belowMin', { min: def.min, ...limitText(def.min, def.unit) });
  if (def.max !== null && value > def.max) return vmsg('evaluations.validation.aboveMax', { max: def.max, ...limitText(def.max, def.unit) });
  if (def.valueType === 'integer' && !Number.isInteger(value)) return vmsg('evaluations.validation.integer');
  return null;
}
