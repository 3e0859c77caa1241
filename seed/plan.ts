// The demo data as plain objects, computed without the database: stakeholders, their profiles,
// periods and every evaluation with its values. Deterministic: each part draws from its own
// labelled random stream.


import { INDICATOR_SEEDS, type IndicatorSeed } from './catalogue';
import { buildCreditCode, CREDIT_CODE_CHARSET } from '@/core/domain/credit-code';
import { PREFECTURES, type CountySeed, type PrefectureSeed } from './geography';
import {
  cooperativeName,
  countyGovernmentName,
  familyFarmName,
  firmName,
  mobileNumber,
  personName,
  townshipEnterpriseName,
  townshipGovernmentName,
  villageCollectiveName,
} from './names';
import { rngFor, type Rng } from './prng';
import { COUNTY_ASSESSORS, DEMO_STAKEHOLDER_NAMES } from './demo-users';
import { indicatorValue, makeProfile, objectiveQuality, type StakeholderProfile, type TrendKind } from './values';
import { type EvaluationStatus, type StakeholderType } from '@/core/domain/enums';

export type StakeholderKind =
  | 'county_government'
  | 'township_government'
  | 'township_enterprise'
  | 'cooperative'
  | 'village_collective'
  | 'family_farm'
  | 'firm';

export interface PlannedStakeholder {
  code: string;
  name: string;
  type: StakeholderType;
  kind: StakeholderKind;
  countyCode: string;
  townshipCode: string;
  creditCode: string | null;
  contactName: string;
  contactPhone: string;
  active: boolean;
}

// ── stakeholders ─────────────────────────────────────────────────────────────────────────────

/** Township enterprises per county (county/town type besides the governments): 60 in total. */
const TOWNSHIP_ENTERPRISES_PER_COUNTY = [2, 2, 1, 2, 1, 1] as const;
const RURAL_PER_COUNTY = 25;
const MARKET_PER_COUNTY = 15;

class UniqueDraws {
  private readonly seen = new Set<string>();
  /** Draws until the result is new; the lists are far larger than the draws needed. */
  draw(make: () => string): string {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const candidate = make();
      if (!this.seen.has(candidate)) {
        this.seen.add(candidate);
        return candidate;
      }
    }
    throw new Error('demo plan: could not draw a unique value');
  }
  reserve(value: string): void {
    this.seen.add(value);
  }
}

function orgBody(rng: Rng, style: 'digits' | 'new'): string {
  // Organization codes issued since 2015 begin with "MA"; older ones are eight digits.
  let body = style === 'new' ? 'MA' : '';
  while (body.length < 8) {
    body += style === 'new' ? rng.pick(CREDIT_CODE_CHARSET.split('')) : String(rng.int(0, 9));
  }
  return body;
}

interface Places {
  prefecture: PrefectureSeed;
  county: CountySeed;
  countyIndex: number;
}

function allCounties(): Places[] {
  const out: Places[] = [];
  for (const prefecture of PREFECTURES)
    for (const county of prefecture.counties) out.push({ prefecture, county, countyIndex: out.length });
  return out;
}

export function planStakeholders(): PlannedStakeholder[] {
  const rng = rngFor('stakeholders');
  const names = new UniqueDraws();
  const creditCodes = new UniqueDraws();
  for (const name of Object.values(DEMO_STAKEHOLDER_NAMES)) names.reserve(name);
  const byType: Record<StakeholderType, Omit<PlannedStakeholder, 'code' | 'active'>[]> = {
    county_town: [],
    rural: [],
    market: [],
  };
  const contact = () => ({ contactName: personName(rng), contactPhone: mobileNumber(rng) });
  const credit = (prefix: string, division: string, style: 'digits' | 'new') =>
    creditCodes.draw(() => buildCreditCode(prefix, division, orgBody(rng, style)));

  for (const { prefecture, county, countyIndex } of allCounties()) {
    const seat = county.townships[0];
    if (!seat) throw new Error(`county ${county.code} has no townships`);
    const cs = county.shortZh;
    const first = countyIndex === 0;

    // County and township governments (credit codes of government organs start 11).
    byType.county_town.push({
      name: countyGovernmentName(county.nameZh),
      type: 'county_town',
      kind: 'county_government',
      countyCode: county.code,
      townshipCode: seat.code,
      creditCode: credit('11', county.code, 'digits'),
      ...contact(),
    });
    for (const township of county.townships) {
      const name = townshipGovernmentName(county.nameZh, township.nameZh);
      if (name !== DEMO_STAKEHOLDER_NAMES.town1) names.reserve(name);
      byType.county_town.push({
        name,
        type: 'county_town',
        kind: 'township_government',
        countyCode: county.code,
        townshipCode: township.code,
        creditCode: credit('11', county.code, 'digits'),
        ...contact(),
      });
    }
    for (let i = 0; i < (TOWNSHIP_ENTERPRISES_PER_COUNTY[countyIndex] ?? 1); i++) {
      const township = rng.pick(county.townships);
      byType.county_town.push({
        name: names.draw(() => townshipEnterpriseName(rng, cs, township.nameZh)),
        type: 'county_town',
        kind: 'township_enterprise',
        countyCode: county.code,
        townshipCode: township.code,
        creditCode: credit('91', county.code, 'new'),
        ...contact(),
      });
    }

    // Rural entities: cooperatives (93…), village collectives (N2…), family farms (92… or none).
    for (let i = 0; i < RURAL_PER_COUNTY; i++) {
      const kind: StakeholderKind =
        first && i === 0
          ? 'cooperative'
          : rng.weighted([
              ['cooperative', 48],
              ['village_collective', 28],
              ['family_farm', 24],
            ] as const);
      const township = first && i === 0 ? county.townships[3] ?? seat : rng.pick(county.townships);
      const product = rng.pick(county.products);
      const people = contact();
      let name: string;
      let creditCode: string | null;
      if (kind === 'cooperative') {
        name = first && i === 0 ? DEMO_STAKEHOLDER_NAMES.coop1 : names.draw(() => cooperativeName(rng, cs, product));
        creditCode = rng.chance(0.9) || (first && i === 0) ? credit('93', county.code, 'new') : null;
      } else if (kind === 'village_collective') {
        name = names.draw(() => villageCollectiveName(rng, cs, township.nameZh));
        creditCode = credit('N2', county.code, 'digits');
      } else {
        name = names.draw(() => familyFarmName(rng, cs, people.contactName, product));
        creditCode = rng.chance(0.5) ? credit('92', county.code, 'new') : null;
      }
      byType.rural.push({ name, type: 'rural', kind, countyCode: county.code, townshipCode: township.code, creditCode, ...people });
    }

    // Market entities, located mostly in the county seat.
    for (let i = 0; i < MARKET_PER_COUNTY; i++) {
      const industry = first && i === 0 ? 'fruit' : rng.weighted(county.industries);
      const township = first && i === 0 ? seat : rng.chance(0.5) ? seat : rng.pick(county.townships);
      const name =
        first && i === 0
          ? DEMO_STAKEHOLDER_NAMES.firm1
          : names.draw(() => firmName(rng, industry, { prefectureShortZh: prefecture.shortZh, countyShortZh: cs }));
      byType.market.push({
        name,
        type: 'market',
        kind: 'firm',
        countyCode: county.code,
        townshipCode: township.code,
        creditCode: credit('91', rng.chance(0.8) ? county.code : prefecture.code, 'new'),
        ...contact(),
      });
    }
  }

  const prefixes: Record<StakeholderType, string> = { county_town: 'CT', rural: 'RU', market: 'MK' };
  const out: PlannedStakeholder[] = [];
  for (const type of ['county_town', 'rural', 'market'] as const) {
    byType[type].forEach((s, i) => {
      out.push({ ...s, code: `${prefixes[type]}-${String(i + 1).padStart(4, '0')}`, active: true });
    });
  }
  return out;
}

// ── profiles: who improves, who declines, who is at risk ─────────────────────────────────────

export interface PlannedProfiles {
  profiles: Map<string, StakeholderProfile>;
  atRisk: Set<string>;
  inactive: Set<string>;
  /** stakeholder code → period index → violations in that period. */
  envViolations: Map<string, Map<number, number>>;
}

const AT_RISK_PER_TYPE: Record<StakeholderType, number> = { county_town: 3, rural: 8, market: 4 };

export function planProfiles(stakeholders: readonly PlannedStakeholder[], periodCount: number): PlannedProfiles {
  const rng = rngFor('profiles');
  const demoNames = new Set<string>(Object.values(DEMO_STAKEHOLDER_NAMES));
  // The demo logins' entities stay active and clean, with a story worth showing.
  // coop1 climbs from grade C towards B, a "gap to the next band" worth explaining.
  const fixedStory = new Map<string, { trendKind: TrendKind; capacity: number }>([
    [DEMO_STAKEHOLDER_NAMES.town1, { trendKind: 'stable', capacity: 0.8 }],
    [DEMO_STAKEHOLDER_NAMES.coop1, { trendKind: 'improving', capacity: 0.62 }],
    [DEMO_STAKEHOLDER_NAMES.firm1, { trendKind: 'improving', capacity: 0.7 }],
  ]);
  const atRisk = new Set<string>();
  const inactive = new Set<string>();
  const envViolations = new Map<string, Map<number, number>>();
  for (const type of ['county_town', 'rural', 'market'] as const) {
    const candidates = rng.shuffle(stakeholders.filter((s) => s.type === type && !demoNames.has(s.name)));
    for (const s of candidates.slice(0, AT_RISK_PER_TYPE[type])) atRisk.add(s.code);
    const rest = candidates.slice(AT_RISK_PER_TYPE[type]);
    // A few entities stopped operating after the first period (a dissolved cooperative, a farm
    // taken over, a firm that moved away): deactivated, with history kept.
    if (type === 'rural') {
      const coop = rest.find((s) => s.kind === 'cooperative');
      const farm = rest.find((s) => s.kind === 'family_farm');
      if (coop) inactive.add(coop.code);
      if (farm) inactive.add(farm.code);
    }
    if (type === 'market') {
      const [movedAway, ...polluters] = rest;
      if (movedAway) inactive.add(movedAway.code);
      // Two firms with environmental violations in some periods (a red flag).
      for (const firm of polluters.slice(0, 2)) {
        const periods = new Map<number, number>();
        periods.set(rng.int(0, periodCount - 1), rng.int(1, 2));
        if (rng.chance(0.5)) periods.set(rng.int(0, periodCount - 1), 1);
        envViolations.set(firm.code, periods);
      }
    }
  }
  const profiles = new Map<string, StakeholderProfile>();
  const indicatorsByType = groupIndicators();
  for (const s of stakeholders) {
    profiles.set(
      s.code,
      makeProfile(rngFor(`profile:${s.code}`), indicatorsByType[s.type], {
        atRisk: atRisk.has(s.code),
        ...fixedStory.get(s.name),
      }),
    );
  }
  return { profiles, atRisk, inactive, envViolations };
}

export function groupIndicators(): Record<StakeholderType, IndicatorSeed[]> {
  const out: Record<StakeholderType, IndicatorSeed[]> = { county_town: [], rural: [], market: [] };
  for (const ind of INDICATOR_SEEDS) out[ind.type].push(ind);
  return out;
}

// ── periods ──────────────────────────────────────────────────────────────────────────────────

export interface PlannedPeriod {
  code: string;
  startsOn: string;
  endsOn: string;
  status: 'open' | 'published';
  closedAt: Date | null;
  publishedAt: Date | null;
}

/** Beijing time, where the evaluation office works. */
export const cst = (isoDate: string, time = '09:00') => new Date(`${isoDate}T${time}:00+08:00`);

export const PERIOD_SEEDS: readonly PlannedPeriod[] = [
  { code: '2025Q4', startsOn: '2025-10-01', endsOn: '2025-12-31', status: 'published', closedAt: cst('2026-01-26'), publishedAt: cst('2026-02-06', '15:00') },
  { code: '2026Q1', startsOn: '2026-01-01', endsOn: '2026-03-31', status: 'published', closedAt: cst('2026-04-27'), publishedAt: cst('2026-05-08', '15:00') },
  { code: '2026Q2', startsOn: '2026-04-01', endsOn: '2026-06-30', status: 'published', closedAt: cst('2026-07-27'), publishedAt: cst('2026-08-07', '15:00') },
  { code: '2026Q3', startsOn: '2026-07-01', endsOn: '2026-09-30', status: 'open', closedAt: null, publishedAt: null },
];

// ── evaluations ──────────────────────────────────────────────────────────────────────────────

export interface PlannedValue {
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

function addDays(date: Date, days: number, rng: Rng): Date {
  // Working hours, Beijing time: 09:00–17:59.
  const d = new Date(date.getTime() + days * 86_400_000);
  const day = d.toISOString().slice(0, 10);
  return cst(day, `${String(rng.int(9, 17)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`);
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

export function planEvaluations(
  stakeholders: readonly PlannedStakeholder[],
  plannedProfiles: PlannedProfiles,
  periods: readonly PlannedPeriod[] = PERIOD_SEEDS,
): PlannedEvaluation[] {
  const indicatorsByType = groupIndicators();
  const pairs = assessorPairs();
  const out: PlannedEvaluation[] = [];
  const periodCount = periods.length;
  for (const s of stakeholders) {
    const rng = rngFor(`evaluations:${s.code}`);
    const profile = plannedProfiles.profiles.get(s.code);
    const pair = pairs.get(s.countyCode);
    if (!profile || !pair) throw new Error(`demo plan: no profile or assessors for ${s.code}`);
    const indicators = indicatorsByType[s.type];
    const inactive = plannedProfiles.inactive.has(s.code);
    periods.forEach((period, t) => {
      if (inactive && t > 0) return;
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
      const values: PlannedValue[] = indicators.map((ind) => {
        const q = objectiveQuality(profile, ind.objective, t, shock, periodCount);
        let value: number | null = indicatorValue(rng, profile, ind, q);
        if (ind.code === 'mk_env_violations') value = plannedProfiles.envViolations.get(s.code)?.get(t) ?? 0;
        if (isDraft ? rng.chance(0.35) : missingLeft > 0 && rng.chance(0.02)) {
          value = null;
          if (!isDraft) missingLeft--;
        }
        let note: string | null = null;
        let evidenceUrl: string | null = null;
        if (value !== null) {
          if (ind.evidenceRequired || rng.chance(0.03))
            evidenceUrl = `https://evidence.example.cn/${period.code}/${s.code}/${ind.code}.pdf`;
          if (ind.code === 'mk_env_violations' && value > 0)
            note = '县生态环境局行政处罚决定书：废水超标排放，已责令整改';
          else if (rng.chance(0.03)) note = rng.pick(VALUE_NOTES);
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
    });
  }
  return out;
}

export interface DemoPlan {
  stakeholders: PlannedStakeholder[];
  profiles: PlannedProfiles;
  periods: readonly PlannedPeriod[];
  evaluations: PlannedEvaluation[];
}

export function planDemo(): DemoPlan {
  const stakeholders = planStakeholders();
  const profiles = planProfiles(stakeholders, PERIOD_SEEDS.length);
  for (const s of stakeholders) if (profiles.inactive.has(s.code)) s.active = false;
  return { stakeholders, profiles, periods: PERIOD_SEEDS, evaluations: planEvaluations(stakeholders, profiles) };
}
