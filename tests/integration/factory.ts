// Builds exactly what an integration test needs — on top of smallWorld's regions — through the
// procedures the app itself calls, so integrity triggers, audit and state machines apply and no
// test depends on the demo. Goalposts default to 0…100, so a raw value is its normalized score
// and expected composites can be worked out by hand.
import type { Db } from '@/db/client';
import { eq } from 'drizzle-orm';
import { kpiSets, regions } from '@/db/schema';
import type { KpiSetV1Input, Normalization } from '@/core/scoring';
import type { ProgramInputRaw } from '@/core/eligibility';
import type { Role, StakeholderType } from '@/core/domain/enums';
import { settleJobs } from '@/server/jobs/runner';
import { callerFor, freshDb, makeUser, smallWorld, waitForJob } from './helpers';

export type SessionUser = ReturnType<typeof makeUser>;

const GRADES: KpiSetV1Input['grades'] = [
  { code: 'A', min: 85, label: { en: 'Excellent', 'zh-CN': '优秀' } },
  { code: 'B', min: 70, label: { en: 'Good', 'zh-CN': '良好' } },
  { code: 'C', min: 60, label: { en: 'Pass', 'zh-CN': '合格' } },
  { code: 'D', min: 0, label: { en: 'Needs improvement', 'zh-CN': '待改进' } },
];

export type IndicatorSpec = {
  code: string;
  /** The indicator's names; its code unless given. */
  name?: { en: string; zh: string };
  weight?: number;
  direction?: 'higher' | 'lower';
  /** Goalposts (also the indicator's valid range); 0…100 unless given. */
  min?: number;
  max?: number;
  evidenceRequired?: boolean;
  redFlagAbove?: number;
  /** Goalposts min…max unless given. */
  normalization?: Normalization;
};
type ObjectiveSpec = { code: string; weight?: number; indicators: IndicatorSpec[] };
type Values = Record<string, number | null>;
type Target = 'draft' | 'submitted' | 'returned' | 'approved';

const SET_NAMES: Record<StakeholderType, { en: string; zh: string }> = {
  county_town: { en: 'County/town KPI set', zh: '县镇指标集' },
  rural: { en: 'Rural KPI set', zh: '乡村指标集' },
  market: { en: 'Market KPI set', zh: '市场指标集' },
};

export function makeFactory(db: Db = freshDb()) {
  const w = smallWorld(db);
  const admin = makeUser(db, 'admin', { username: 'admin' });
  // Entry and review by two administrators: the database refuses approver = submitter.
  const reviewer = makeUser(db, 'admin', { username: 'reviewer' });
  const api = callerFor(db, admin);
  const review = callerFor(db, reviewer);
  const evidenceRequired = new Set<string>();
  let stakeholderCount = 0;

  return {
    db,
    w,
    admin,
    api,
    user: (role: Role, opts: Parameters<typeof makeUser>[2] = {}) => makeUser(db, role, opts),
    caller: (u: SessionUser | null) => callerFor(db, u),

    /** A stakeholder created through the app (its code is generated: MK-0003, RU-0001…). */
    async stakeholder(type: StakeholderType, regionId: number = w.townA.id, name?: string) {
      stakeholderCount++;
      return api.stakeholders.create({ name: name ?? `测试主体 ${stakeholderCount}`, type, regionId });
    },

    /** An open quarter, e.g. period(2026, 1) → 2026Q1. */
    period: (year: number, quarter: 1 | 2 | 3 | 4) => api.periods.create({ kind: 'quarter', year, quarter }),

    /**
     * A published KPI set of one stakeholder type: its indicators are created in the library,
     * the version is imported as a kpi-set/v1 file and published from the given period.
     */
    async kpiSet(type: StakeholderType, objectives: ObjectiveSpec[], opts: { effectiveFromPeriodId: number; missing?: KpiSetV1Input['missing'] }) {
      const names = SET_NAMES[type];
      // No use case creates a KPI set (one per type comes with the deployment): insert it.
      const set = db.insert(kpiSets).values({ code: type, stakeholderType: type, nameEn: names.en, nameZh: names.zh }).returning().get();
      for (const i of objectives.flatMap((o) => o.indicators)) {
        await api.indicators.create({
          code: i.code,
          nameZh: i.name?.zh ?? i.code,
          nameEn: i.name?.en ?? i.code,
          unit: '',
          direction: i.direction ?? 'higher',
          valueType: 'number',
          minValue: i.min ?? 0,
          maxValue: i.max ?? 100,
          evidenceRequired: i.evidenceRequired ?? false,
          redFlagAbove: i.redFlagAbove ?? null,
        });
        if (i.evidenceRequired) evidenceRequired.add(i.code);
      }
      const document: KpiSetV1Input = {
        format: 'kpi-set/v1',
        code: type,
        name: { en: names.en, 'zh-CN': names.zh },
        stakeholderType: type,
        grades: GRADES,
        ...(opts.missing ? { missing: opts.missing } : {}),
        objectives: objectives.map((o) => ({
          code: o.code,
          name: { en: o.code, 'zh-CN': o.code },
          weight: o.weight ?? 1,
          indicators: o.indicators.map((i) => ({
            code: i.code,
            name: { en: i.name?.en ?? i.code, 'zh-CN': i.name?.zh ?? i.code },
            unit: '',
            direction: i.direction ?? 'higher',
            weight: i.weight ?? 1,
            normalization: i.normalization ?? { method: 'goalposts' as const, min: i.min ?? 0, max: i.max ?? 100 },
          })),
        })),
      };
      const draft = await api.kpiSets.import({ kpiSetId: set.id, text: JSON.stringify(document) });
      await api.kpiSets.publish({ versionId: draft.id, effectiveFromPeriodId: opts.effectiveFromPeriodId, changeNote: 'Test version' });
      return { setId: set.id, versionId: draft.id };
    },

    /** An evaluation in the open period carried to the given status (entered by admin, reviewed by reviewer). */
    async evaluate(stakeholderId: number, values: Values, status: Target = 'approved') {
      const entries = Object.fromEntries(
        Object.entries(values).map(([code, value]) => [
          code,
          { value, note: value === null ? '本期未统计' : null, evidenceUrl: evidenceRequired.has(code) ? `https://evidence.example.cn/${code}.pdf` : null },
        ]),
      );
      const e = await api.evaluations.start({ stakeholderId });
      const saved = await api.evaluations.save({ id: e.id, revision: e.revision, values: entries });
      if (status === 'draft') return e.id;
      const submitted = await api.evaluations.submit({ id: e.id, revision: saved.revision });
      if (status === 'submitted') return e.id;
      if (status === 'returned') await review.evaluations.return({ id: e.id, revision: submitted.revision, reason: '请核对数据后重新提交' });
      else await review.evaluations.approve({ id: e.id, revision: submitted.revision });
      // The approval asked for the provisional scores as a job: let it end, as a reader would wait.
      await settleJobs();
      return e.id;
    },

    /** Closes and publishes a period: official score runs are computed and frozen. */
    async publish(periodId: number, exclude?: { evaluationIds: number[]; reason: string }) {
      await api.periods.close({ id: periodId });
      return waitForJob(api, await api.periods.publish({ id: periodId, exclude: exclude ?? null }));
    },

    program: (input: ProgramInputRaw) => api.incentives.create(input),

    /** A township under a county (no use case creates regions: they come with the deployment). */
    township(county: { id: number; path: string }, code: string, nameZh: string) {
      const row = db.insert(regions).values({ code, nameZh, nameEn: nameZh, level: 'township', parentId: county.id, path: '' }).returning().get();
      const path = `${county.path}${row.id}/`;
      db.update(regions).set({ path }).where(eq(regions.id, row.id)).run();
      return { ...row, path };
    },
  };
}

export type Factory = ReturnType<typeof makeFactory>;

/** (income, growth) per published quarter 2025Q4, 2026Q1, 2026Q2: the composite is their mean. */
const HISTORY = {
  firm: [[40, 60], [50, 70], [60, 70]],
  firm2: [[70, 70], [80, 80], [80, 90]],
  firmB: [[30, 30], [40, 40], [10, 90]],
  coop: [[60, 60], [60, 70], [70, 80]],
  coopB: [[60, 60], [55, 65], [40, 90]],
  town: [[70, 80], [80, 80], [80, 90]],
} as const;
const PUBLISHED = ['2025Q4', '2026Q1', '2026Q2'] as const;
type WorldPeriod = (typeof PUBLISHED)[number] | '2026Q3';
const PREFIX = { market: 'mk', rural: 'ru', county_town: 'ct' } as const;
/** The two indicators of a type's KPI set, in objectives income and growth. */
export const indicatorsOf = (type: StakeholderType) => ({ income: `${PREFIX[type]}_income`, growth: `${PREFIX[type]}_growth` });

/**
 * A county with a scored history. 屏边 (countyA): firm, coop and town in 玉屏镇, firm2 in 新现镇;
 * 金平 (countyB): firmB and coopB. Every type's KPI set has objectives income and growth with one
 * indicator each (weights equal, goalposts 0…100). 2025Q4…2026Q2 are published with HISTORY's
 * values; 2026Q3 is open: firm approved at (70, 70), firm2 submitted at (90, 90), coop a draft.
 */
export async function publishedWorld() {
  const f = makeFactory();
  const { w } = f;
  const townA2 = f.township(w.countyA, '532523102', '新现镇');
  const firm = { id: w.shA.id, code: w.shA.code, name: w.shA.name };
  const firmB = { id: w.shB.id, code: w.shB.code, name: w.shB.name };
  const firm2 = await f.stakeholder('market', townA2.id, '新现咖啡有限公司');
  const coop = await f.stakeholder('rural', w.townA.id, '玉屏茶叶专业合作社');
  const coopB = await f.stakeholder('rural', w.townB.id, '金河香蕉专业合作社');
  const town = await f.stakeholder('county_town', w.townA.id, '玉屏镇人民政府');
  const who = { firm, firm2, firmB, coop, coopB, town };
  const typeOf = { firm: 'market', firm2: 'market', firmB: 'market', coop: 'rural', coopB: 'rural', town: 'county_town' } as const;
  const valuesOf = (key: keyof typeof who, [income, growth]: readonly [number, number]) => {
    const codes = indicatorsOf(typeOf[key]);
    return { [codes.income]: income, [codes.growth]: growth };
  };

  const periodIds = {} as Record<WorldPeriod, number>;
  for (const [i, code] of PUBLISHED.entries()) {
    const p = await f.period(Number(code.slice(0, 4)), Number(code.slice(5)) as 1 | 2 | 3 | 4);
    periodIds[code] = p.id;
    if (i === 0) {
      for (const type of ['market', 'rural', 'county_town'] as const) {
        const codes = indicatorsOf(type);
        await f.kpiSet(type, [{ code: 'income', indicators: [{ code: codes.income }] }, { code: 'growth', indicators: [{ code: codes.growth }] }], { effectiveFromPeriodId: p.id });
      }
    }
    for (const key of Object.keys(who) as (keyof typeof who)[]) await f.evaluate(who[key].id, valuesOf(key, HISTORY[key][i]!));
    await f.publish(p.id);
  }
  const open = await f.period(2026, 3);
  periodIds['2026Q3'] = open.id;
  const q3 = {
    firm: await f.evaluate(firm.id, valuesOf('firm', [70, 70])),
    firm2: await f.evaluate(firm2.id, valuesOf('firm2', [90, 90]), 'submitted'),
    coop: await f.evaluate(coop.id, valuesOf('coop', [50, 50]), 'draft'),
  };
  const users = {
    firm: f.user('stakeholder', { stakeholderId: firm.id, username: 'firm' }),
    coop: f.user('stakeholder', { stakeholderId: coop.id, username: 'coop' }),
    town: f.user('stakeholder', { stakeholderId: town.id, username: 'town' }),
    assessorA: f.user('assessor', { regionIds: [w.countyA.id], username: 'assessor-a' }),
    assessorB: f.user('assessor', { regionIds: [w.countyB.id], username: 'assessor-b' }),
  };
  return { ...f, townA2, who, users, periodIds, q3 };
}

/** One program of each kind, as the demo has them, on publishedWorld's indicators. */
export const PROGRAMS: ProgramInputRaw[] = [
  {
    code: 'TAX-FARMER-INCOME',
    kind: 'tax_break',
    nameEn: 'Tax break for enterprises that raise farmers’ income',
    nameZh: '联农带农企业税收减免',
    eligibleTypes: ['market'],
    rule: {
      op: 'all',
      rules: [
        { op: 'clause', clause: { kind: 'composite', cmp: 'gte', value: 70 } },
        { op: 'clause', clause: { kind: 'objective', objective: 'income', cmp: 'gte', value: 65 } },
        { op: 'clause', clause: { kind: 'noRedFlag' } },
      ],
    },
    benefit: { kind: 'tiered_rate', tiers: [{ minComposite: 70, value: 2 }, { minComposite: 85, value: 5 }], base: { indicator: indicatorsOf('market').income, scale: 10000 }, cap: 300000, lastAward: 'partial' },
    budget: 5000000,
    allocation: 'rank',
    status: 'active',
  },
  {
    code: 'SUBSIDY-RURAL-STEADY',
    kind: 'subsidy',
    nameEn: 'Subsidy for steadily performing rural entities',
    nameZh: '乡村主体稳定发展补助',
    eligibleTypes: ['rural'],
    rule: {
      op: 'all',
      rules: [
        { op: 'clause', clause: { kind: 'composite', cmp: 'gte', value: 60 } },
        { op: 'clause', clause: { kind: 'consecutive', periods: 2, clause: { kind: 'composite', cmp: 'gte', value: 55 } } },
      ],
    },
    benefit: { kind: 'linear', minScore: 60, maxScore: 100, minAmount: 20000, maxAmount: 100000, cap: 80000, lastAward: 'partial' },
    budget: 1500000,
    allocation: 'pro_rata',
    status: 'active',
  },
  {
    code: 'COMMEND-COUNTY-TOWN',
    kind: 'commendation',
    nameEn: 'Commendation for model county/town entities',
    nameZh: '城乡融合示范县镇主体表彰',
    eligibleTypes: ['county_town'],
    rule: {
      op: 'all',
      rules: [
        { op: 'clause', clause: { kind: 'grade', atLeast: 'B' } },
        { op: 'clause', clause: { kind: 'coupling', cmp: 'gte', value: 6 } },
      ],
    },
    benefit: { kind: 'title', title: { en: 'Model of urban–rural integration', 'zh-CN': '城乡融合发展示范单位' }, maxPerCounty: 1 },
    budget: null,
    allocation: null,
    status: 'active',
  },
];
