// Every demo evaluation with its values: status, who submitted and approved it and when, notes,
// evidence and the odd missing value. Deterministic (one random stream per stakeholder).
import type { EvaluationStatus, StakeholderType } from '@/core/domain/enums';
import { COUNTY_ASSESSORS } from './demo-users';
import { cst, PERIOD_SEEDS, type PlannedPeriod } from './plan-periods';
import { groupIndicators, type PlannedProfiles } from './plan-profiles';
import type { PlannedStakeholder } from './plan-stakeholders';
import { rngFor, type Rng } from './prng';
import { indicatorValue, objectiveQuality } from './values';

interface PlannedValue {
  indicatorCode: string;
  value: number | null;
  note: string | null;
  evidenceUrl: string | null;
}

export interface PlannedEvaluation {
  stakeholderCode: string;
  periodCode: string;
  status: EvaluationStatus;
  revision: number;
  returnReason: string | null;
  createdBy: string; // usernames; the loader maps them to user ids
  submittedBy: string | null;
  approvedBy: string | null;
  createdAt: Date;
  submittedAt: Date | null;
  approvedAt: Date | null;
  updatedAt: Date;
  values: PlannedValue[];
}

const RETURN_REASONS: Record<StakeholderType, readonly string[]> = {
  county_town: [
    '衔接资金按时拨付率缺少拨付凭证，请补充上传后重新提交。',
    '监测户风险消除数据与防返贫监测系统不一致，请与乡镇核对后修改。',
    '工业增加值增速应为同比口径，请更正后重新提交。',
  ],
  rural: [
    '成员人均分红与合作社财务报表不一致，请核实后修改。',
    '集体经济收入未区分经营性收入，请按口径重新填报。',
    '带动监测户成员名单未附，请补充后重新提交。',
  ],
  market: [
    '订单农业支付额未附合同及付款凭证，请补充。',
    '向本地合作社采购额与发票汇总不符，请核实。',
    '吸纳监测户劳动力人数需附劳动合同或工资发放记录。',
  ],
};

const VALUE_NOTES = [
  '数据来源：县统计局季度快报',
  '经乡镇核实',
  '受持续干旱影响，较上期有所下降',
  '已与龙头企业签订订单收购协议',
  '含省级衔接资金项目带动部分',
  '口径较上期调整，已附说明材料',
] as const;

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

function addDays(date: Date, days: number, rng: Rng): Date {
  // Working hours, Beijing time: 09:00–17:59, on the (UTC) calendar day `days` later. Arithmetic
  // rather than date strings: a province plans hundreds of thousands of these.
  const day = Math.floor((date.getTime() + days * DAY_MS) / DAY_MS) * DAY_MS;
  const hour = rng.int(9, 17);
  const minute = rng.int(0, 59);
  return new Date(day + (hour * 60 + minute) * 60_000 - BEIJING_OFFSET_MS);
}

function assessorPairs(): Map<string, [string, string]> {
  const pairs = new Map<string, [string, string]>();
  for (const a of COUNTY_ASSESSORS) {
    const pair = pairs.get(a.countyCode);
    if (pair) pair[1] = a.username;
    else pairs.set(a.countyCode, [a.username, a.username]);
  }
  for (const [county, [x, y]] of pairs)
    if (x === y) throw new Error(`county ${county} needs two assessors (submitter ≠ approver)`);
  return pairs;
}

/**
 * Every planned evaluation, stakeholder by stakeholder. `fallbackPair` (submitter, approver) serves
 * stakeholders in counties without demo assessors, as in a generated province.
 */
export function planEvaluations(
  stakeholders: readonly PlannedStakeholder[],
  plannedProfiles: PlannedProfiles,
  periods: readonly PlannedPeriod[] = PERIOD_SEEDS,
  fallbackPair?: readonly [string, string],
): PlannedEvaluation[] {
  const plan = evaluationPlanner(stakeholders, plannedProfiles, periods, fallbackPair);
  const byPeriod = periods.map((_, t) => plan(t));
  const next = periods.map(() => 0);
  const out: PlannedEvaluation[] = [];
  for (const s of stakeholders)
    byPeriod.forEach((list, t) => {
      const e = list[next[t]!];
      if (e?.stakeholderCode === s.code) {
        out.push(e);
        next[t]!++;
      }
    });
  return out;
}

/** Plans period t; `inSlices` plans it the same, giving the event loop a turn between slices. */
export type EvaluationPlanner = ((t: number) => PlannedEvaluation[]) & { inSlices: (t: number) => Promise<PlannedEvaluation[]> };

/** Stakeholders planned between two turns of the event loop: a few milliseconds' work. */
const SLICE = 1_000;

/**
 * Plans one period at a time, in order (each stakeholder keeps its own random stream across the
 * periods, so the result equals planEvaluations'): a province holds one quarter's plan at a time.
 */
export function evaluationPlanner(
  stakeholders: readonly PlannedStakeholder[],
  plannedProfiles: PlannedProfiles,
  periods: readonly PlannedPeriod[] = PERIOD_SEEDS,
  fallbackPair?: readonly [string, string],
): EvaluationPlanner {
  const indicatorsByType = groupIndicators();
  const pairs = assessorPairs();
  const periodCount = periods.length;
  const rngs = new Map<string, Rng>();
  let expected = 0;
  const begin = (t: number): PlannedPeriod => {
    const period = periods[t];
    if (t !== expected || !period) throw new Error(`demo plan: periods are planned in order (expected ${expected}, got ${t})`);
    expected++;
    return period;
  };
  const plan = (t: number): PlannedEvaluation[] => {
    const period = begin(t);
    const out: PlannedEvaluation[] = [];
    for (const s of stakeholders) planOne(s, t, period, out);
    return out;
  };
  // For a caller waiting on worker threads meanwhile: their next task is handed out on a turn of this thread's loop.
  const inSlices = async (t: number): Promise<PlannedEvaluation[]> => {
    const period = begin(t);
    const out: PlannedEvaluation[] = [];
    for (let i = 0; i < stakeholders.length; i++) {
      planOne(stakeholders[i]!, t, period, out);
      if (i % SLICE === SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    return out;
  };
  return Object.assign(plan, { inSlices });

  function planOne(s: PlannedStakeholder, t: number, period: PlannedPeriod, out: PlannedEvaluation[]): void {
    const profile = plannedProfiles.profiles.get(s.code);
    const pair = pairs.get(s.countyCode) ?? fallbackPair;
    if (!profile || !pair) throw new Error(`demo plan: no profile or assessors for ${s.code}`);
    if (plannedProfiles.inactive.has(s.code) && t > 0) return;
    let rng = rngs.get(s.code);
    if (!rng) rngs.set(s.code, (rng = rngFor(`evaluations:${s.code}`)));
    const indicators = indicatorsByType[s.type];
    const isOpen = period.status === 'open';
    const status: EvaluationStatus | 'none' = isOpen
      ? rng.weighted([
          ['approved', 45],
          ['submitted', 20],
          ['draft', 15],
          ['returned', 5],
          ['none', 15],
        ] as const)
      : 'approved';
    const shock = rng.normal(0, 0.03);
    if (status === 'none') return;

    const submitterIndex = rng.int(0, 1);
    const submitter = pair[submitterIndex] as string;
    const approver = pair[1 - submitterIndex] as string;
    const periodEnd = cst(period.endsOn);
    // Entry starts a few days after the quarter ends; the open quarter's work is in progress.
    const createdAt = addDays(periodEnd, rng.int(1, 6), rng);
    const submittedAt = addDays(createdAt, rng.int(2, 12), rng);
    const approvedAt = addDays(submittedAt, rng.int(1, 6), rng);

    const isDraft = status === 'draft';
    let missingLeft = 1; // at most one missing value in a finished evaluation: completeness ≥ 0.8
    const draw = rng;
    const values: PlannedValue[] = indicators.map((ind) => {
      const q = objectiveQuality(profile, ind.objective, t, shock, periodCount);
      let value: number | null = indicatorValue(draw, profile, ind, q);
      if (ind.code === 'mk_env_violations') value = plannedProfiles.envViolations.get(s.code)?.get(t) ?? 0;
      if (isDraft ? draw.chance(0.35) : missingLeft > 0 && draw.chance(0.02)) {
        value = null;
        if (!isDraft) missingLeft--;
      }
      let note: string | null = null;
      let evidenceUrl: string | null = null;
      if (value !== null) {
        if (ind.evidenceRequired || draw.chance(0.03))
          evidenceUrl = `https://evidence.example.cn/${period.code}/${s.code}/${ind.code}.pdf`;
        if (ind.code === 'mk_env_violations' && value > 0)
          note = '县生态环境局行政处罚决定书：废水超标排放，已责令整改';
        else if (draw.chance(0.03)) note = draw.pick(VALUE_NOTES);
      }
      return { indicatorCode: ind.code, value, note, evidenceUrl };
    });

    const base = { stakeholderCode: s.code, periodCode: period.code, createdBy: submitter, createdAt, values };
    if (status === 'approved')
      out.push({ ...base, status, revision: 4, returnReason: null, submittedBy: submitter, approvedBy: approver, submittedAt, approvedAt, updatedAt: approvedAt });
    else if (status === 'submitted')
      out.push({ ...base, status, revision: 3, returnReason: null, submittedBy: submitter, approvedBy: null, submittedAt, approvedAt: null, updatedAt: submittedAt });
    else if (status === 'returned')
      out.push({ ...base, status, revision: 4, returnReason: rng.pick(RETURN_REASONS[s.type]), submittedBy: submitter, approvedBy: null, submittedAt, approvedAt: null, updatedAt: approvedAt });
    else
      out.push({ ...base, status, revision: 2, returnReason: null, submittedBy: null, approvedBy: null, submittedAt: null, approvedAt: null, updatedAt: submittedAt });
  }
}
