// The method part of the demo: stakeholder types, objectives, the indicator catalogue of
// DESIGN.md §6 and one KPI set per type. Figures are quarterly unless the name says otherwise;
// goalposts are what the demo treats as "poor" (0 points) and "excellent" (100 points).
// Data, not logic: longer than 400 lines because the catalogue is long.
import type { Aggregation, Direction, StakeholderType, ValueType } from '@/core/domain/enums';
import type { GradeBand, Normalization } from '@/core/scoring';

export type ObjectiveCode = 'poverty' | 'industry' | 'income';

export const STAKEHOLDER_TYPE_SEEDS: readonly { code: StakeholderType; nameZh: string; nameEn: string }[] = [
  { code: 'county_town', nameZh: '县/镇主体', nameEn: 'County/town entity' },
  { code: 'rural', nameZh: '乡村主体', nameEn: 'Rural entity' },
  { code: 'market', nameZh: '市场主体', nameEn: 'Market entity' },
];

export const OBJECTIVE_SEEDS: readonly {
  code: ObjectiveCode;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
}[] = [
  {
    code: 'poverty',
    nameZh: '防返贫',
    nameEn: 'Poverty prevention',
    descriptionZh: '巩固拓展脱贫攻坚成果，守住不发生规模性返贫的底线。',
    descriptionEn: 'Consolidate poverty alleviation gains and prevent large-scale relapse into poverty.',
  },
  {
    code: 'industry',
    nameZh: '产业增值',
    nameEn: 'Industrial value',
    descriptionZh: '延长产业链、提升价值链，推动县域城乡产业融合发展。',
    descriptionEn: 'Lengthen industrial chains and raise value added through urban–rural integration.',
  },
  {
    code: 'income',
    nameZh: '农民增收',
    nameEn: 'Farmer income',
    descriptionZh: '拓宽农民增收渠道，让农民更多分享产业增值收益。',
    descriptionEn: 'Widen farmers’ income sources so they share more of the value added.',
  },
];

/** kpi-set/v1 normalization of one indicator: goalposts, optionally on the ln scale. */
type GoalpostsNormalization = Extract<Normalization, { method: 'goalposts' }>;

export interface IndicatorSeed {
  code: string;
  type: StakeholderType;
  objective: ObjectiveCode;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  unit: string;
  direction: Direction;
  valueType: ValueType;
  minValue: number;
  maxValue: number;
  evidenceRequired: boolean;
  redFlagAbove: number | null;
  /** Relative weight within its objective in its type's KPI set. */
  weight: number;
  normalization: GoalpostsNormalization;
  /** Decimal places of generated demo values. */
  decimals: number;
}

const gp = (min: number, max: number, transform: 'none' | 'ln' = 'none'): GoalpostsNormalization => ({
  method: 'goalposts',
  min,
  max,
  transform,
});

type IndicatorDraft = Omit<IndicatorSeed, 'evidenceRequired' | 'redFlagAbove' | 'decimals'> &
  Partial<Pick<IndicatorSeed, 'evidenceRequired' | 'redFlagAbove' | 'decimals'>>;

function indicator(d: IndicatorDraft): IndicatorSeed {
  const decimals = d.decimals ?? (d.valueType === 'integer' ? 0 : d.valueType === 'percent' ? 1 : 2);
  return { evidenceRequired: false, redFlagAbove: null, ...d, decimals };
}

export const INDICATOR_SEEDS: readonly IndicatorSeed[] = [
  // ── county_town ──────────────────────────────────────────────────────────────────────────
  indicator({
    code: 'ct_at_risk_stabilised_pct',
    type: 'county_town',
    objective: 'poverty',
    nameZh: '监测户风险消除率',
    nameEn: 'Monitored at-risk households stabilised',
    descriptionZh: '纳入防返贫监测的农户中，本期已消除返贫致贫风险的户数占比。',
    descriptionEn: 'Share of households under poverty-relapse monitoring whose risk was eliminated.',
    unit: '%',
    direction: 'higher',
    valueType: 'percent',
    minValue: 0,
    maxValue: 100,
    weight: 0.4,
    normalization: gp(50, 100),
  }),
  indicator({
    code: 'ct_prevention_funds_on_time_pct',
    type: 'county_town',
    objective: 'poverty',
    nameZh: '衔接资金按时拨付率',
    nameEn: 'Poverty-prevention funds disbursed on time',
    descriptionZh: '防返贫（衔接推进乡村振兴）资金在规定时限内拨付到项目的比例，需上传拨付凭证。',
    descriptionEn: 'Share of poverty-prevention funds paid to projects within the deadline; evidence required.',
    unit: '%',
    direction: 'higher',
    valueType: 'percent',
    minValue: 0,
    maxValue: 100,
    evidenceRequired: true,
    weight: 0.3,
    normalization: gp(60, 100),
  }),
  indicator({
    code: 'ct_relapse_cases',
    type: 'county_town',
    objective: 'poverty',
    nameZh: '返贫致贫户数',
    nameEn: 'Relapse cases',
    descriptionZh: '本期新识别的返贫或新致贫农户数，越少越好。',
    descriptionEn: 'Households newly identified as relapsed into or fallen into poverty; lower is better.',
    unit: 'households',
    direction: 'lower',
    valueType: 'integer',
    minValue: 0,
    maxValue: 5000,
    weight: 0.3,
    normalization: gp(0, 20),
  }),
  indicator({
    code: 'ct_industrial_value_added_growth_pct',
    type: 'county_town',
    objective: 'industry',
    nameZh: '工业增加值增速',
    nameEn: 'Industrial value added growth',
    descriptionZh: '规模以上工业增加值同比增长率。',
    descriptionEn: 'Year-on-year growth of industrial value added.',
    unit: '%',
    direction: 'higher',
    valueType: 'percent',
    minValue: -50,
    maxValue: 100,
    weight: 0.3,
    normalization: gp(-5, 15),
  }),
  indicator({
    code: 'ct_agro_processing_ratio',
    type: 'county_town',
    objective: 'industry',
    nameZh: '农产品加工业与农业总产值比',
    nameEn: 'Agro-processing to agriculture output ratio',
    descriptionZh: '农产品加工业产值与农业总产值之比，反映产业链延伸程度。',
    descriptionEn: 'Output of agro-processing divided by gross agricultural output.',
    unit: 'ratio',
    direction: 'higher',
    valueType: 'number',
    minValue: 0,
    maxValue: 10,
    weight: 0.3,
    normalization: gp(0.5, 2.8),
  }),
  indicator({
    code: 'ct_park_enterprises',
    type: 'county_town',
    objective: 'industry',
    nameZh: '县域产业园区入驻企业数',
    nameEn: 'Enterprises in county industrial parks',
    descriptionZh: '期末在县域产业园区内入驻并投产的企业数。',
    descriptionEn: 'Enterprises located and operating in county industrial parks at period end.',
    unit: 'count',
    direction: 'higher',
    valueType: 'integer',
    minValue: 0,
    maxValue: 2000,
    weight: 0.2,
    normalization: gp(2, 60),
  }),
  indicator({
    code: 'ct_tech_training_sessions',
    type: 'county_town',
    objective: 'industry',
    nameZh: '技术培训场次',
    nameEn: 'Technical training sessions delivered',
    descriptionZh: '本期组织的农业与产业技术培训场次。',
    descriptionEn: 'Agricultural and industrial technical training sessions held in the period.',
    unit: 'sessions',
    direction: 'higher',
    valueType: 'integer',
    minValue: 0,
    maxValue: 1000,
    weight: 0.2,
    normalization: gp(0, 30),
  }),
  indicator({
    code: 'ct_rural_income_growth_pct',
    type: 'county_town',
    objective: 'income',
    nameZh: '农村居民人均可支配收入增速',
    nameEn: 'Rural per-capita disposable income growth',
    descriptionZh: '农村常住居民人均可支配收入同比增长率。',
    descriptionEn: 'Year-on-year growth of rural residents’ per-capita disposable income.',
    unit: '%',
    direction: 'higher',
    valueType: 'percent',
    minValue: -30,
    maxValue: 50,
    weight: 0.4,
    normalization: gp(2, 12),
  }),
  indicator({
    code: 'ct_urban_rural_income_ratio',
    type: 'county_town',
    objective: 'income',
    nameZh: '城乡居民收入比',
    nameEn: 'Urban–rural income ratio',
    descriptionZh: '城镇居民与农村居民人均可支配收入之比，越低越好。',
    descriptionEn: 'Urban over rural per-capita disposable income; lower is better.',
    unit: 'ratio',
    direction: 'lower',
    valueType: 'number',
    minValue: 1,
    maxValue: 6,
    weight: 0.3,
    normalization: gp(1.8, 3.4),
  }),
  indicator({
    code: 'ct_rural_labour_local_employment',
    type: 'county_town',
    objective: 'income',
    nameZh: '农村劳动力就地就近就业人数',
    nameEn: 'Rural labour employed locally',
    descriptionZh: '在本县域内务工就业的农村劳动力人数。',
    descriptionEn: 'Rural workers employed within the county.',
    unit: 'persons',
    direction: 'higher',
    valueType: 'integer',
    minValue: 0,
    maxValue: 200000,
    weight: 0.3,
    normalization: gp(200, 6000),
  }),
  // ── rural ────────────────────────────────────────────────────────────────────────────────
  indicator({
    code: 'ru_at_risk_members_assisted_pct',
    type: 'rural',
    objective: 'poverty',
    nameZh: '监测户成员帮扶覆盖率',
    nameEn: 'At-risk member households covered by assistance',
    descriptionZh: '成员中的防返贫监测户获得产业、就业或资金帮扶的比例。',
    descriptionEn: 'Share of member households under monitoring that received assistance.',
    unit: '%',
    direction: 'higher',
    valueType: 'percent',
    minValue: 0,
    maxValue: 100,
    weight: 0.6,
    normalization: gp(40, 100),
  }),
  indicator({
    code: 'ru_members_from_monitored_households',
    type: 'rural',
    objective: 'poverty',
    nameZh: '带动监测户成员数',
    nameEn: 'Members from monitored households',
    descriptionZh: '来自防返贫监测户的成员（或带动就业）人数。',
    descriptionEn: 'Members (or workers) who come from households under monitoring.',
    unit: 'persons',
    direction: 'higher',
    valueType: 'integer',
    minValue: 0,
    maxValue: 5000,
    weight: 0.4,
    normalization: gp(0, 40),
  }),
  indicator({
    code: 'ru_collective_income_10k',
    type: 'rural',
    objective: 'industry',
    nameZh: '集体经济收入',
    nameEn: 'Collective economy income',
    descriptionZh: '本期集体经营性收入，取对数后标准化（规模差异大）。',
    descriptionEn: 'Operating income of the collective economy; normalized on a log scale (highly skewed).',
    unit: '10k yuan',
    direction: 'higher',
    valueType: 'number',
    minValue: 0,
    maxValue: 100000,
    weight: 0.4,
    normalization: gp(1, 200, 'ln'),
  }),
  indicator({
    code: 'ru_specialty_output_10k',
    type: 'rural',
    objective: 'industry',
    nameZh: '特色农产品产值',
    nameEn: 'Specialty product output value',
    descriptionZh: '本期特色农产品（如香蕉、三七、茶叶、草果）产值。',
    descriptionEn: 'Output value of specialty products (banana, Sanqi, tea, black cardamom…).',
    unit: '10k yuan',
    direction: 'higher',
    valueType: 'number',
    minValue: 0,
    maxValue: 100000,
    weight: 0.3,
    normalization: gp(5, 600),
    decimals: 1,
  }),
  indicator({
    code: 'ru_local_processing_share_pct',
    type: 'rural',
    objective: 'industry',
    nameZh: '产品本地加工转化率',
    nameEn: 'Share of output processed locally',
    descriptionZh: '在本县域内完成初加工或精深加工的产品产值占比。',
    descriptionEn: 'Share of output value processed within the county.',
    unit: '%',
    direction: 'higher',
    valueType: 'percent',
    minValue: 0,
    maxValue: 100,
    weight: 0.3,
    normalization: gp(5, 75),
  }),
  indicator({
    code: 'ru_member_income_growth_pct',
    type: 'rural',
    objective: 'income',
    nameZh: '成员人均收入增速',
    nameEn: 'Average member income growth',
    descriptionZh: '成员人均可支配收入同比增长率。',
    descriptionEn: 'Year-on-year growth of members’ average disposable income.',
    unit: '%',
    direction: 'higher',
    valueType: 'percent',
    minValue: -50,
    maxValue: 100,
    weight: 0.4,
    normalization: gp(0, 15),
  }),
  indicator({
    code: 'ru_dividend_per_member_yuan',
    type: 'rural',
    objective: 'income',
    nameZh: '成员人均分红',
    nameEn: 'Dividends per member',
    descriptionZh: '本期按股或按交易量向成员分配的人均红利。',
    descriptionEn: 'Dividends paid per member in the period (by share or by transactions).',
    unit: 'yuan',
    direction: 'higher',
    valueType: 'number',
    minValue: 0,
    maxValue: 100000,
    weight: 0.35,
    normalization: gp(0, 1200),
    decimals: 0,
  }),
  indicator({
    code: 'ru_members_trained',
    type: 'rural',
    objective: 'income',
    nameZh: '成员培训人次',
    nameEn: 'Members trained',
    descriptionZh: '本期参加技能或经营培训的成员人次。',
    descriptionEn: 'Member attendances at skills or management training in the period.',
    unit: 'persons',
    direction: 'higher',
    valueType: 'integer',
    minValue: 0,
    maxValue: 10000,
    weight: 0.25,
    normalization: gp(0, 120),
  }),
  // ── market ───────────────────────────────────────────────────────────────────────────────
  indicator({
    code: 'mk_local_hires_monitored',
    type: 'market',
    objective: 'poverty',
    nameZh: '吸纳监测户劳动力就业人数',
    nameEn: 'Local hires from monitored households',
    descriptionZh: '期末在岗的、来自防返贫监测户的本地员工人数。',
    descriptionEn: 'Local employees from households under poverty-relapse monitoring.',
    unit: 'persons',
    direction: 'higher',
    valueType: 'integer',
    minValue: 0,
    maxValue: 10000,
    weight: 0.5,
    normalization: gp(0, 50),
  }),
  indicator({
    code: 'mk_coop_purchases_10k',
    type: 'market',
    objective: 'poverty',
    nameZh: '向本地合作社采购额',
    nameEn: 'Purchases from local cooperatives',
    descriptionZh: '本期向本县农民专业合作社、村集体采购的金额。',
    descriptionEn: 'Purchases from cooperatives and village collectives in the county.',
    unit: '10k yuan',
    direction: 'higher',
    valueType: 'number',
    minValue: 0,
    maxValue: 1000000,
    weight: 0.5,
    normalization: gp(0, 800),
    decimals: 1,
  }),
  indicator({
    code: 'mk_value_added_10k',
    type: 'market',
    objective: 'industry',
    nameZh: '企业增加值',
    nameEn: 'Value added',
    descriptionZh: '本期企业增加值（收入法）。',
    descriptionEn: 'Value added of the enterprise in the period (income approach).',
    unit: '10k yuan',
    direction: 'higher',
    valueType: 'number',
    minValue: 0,
    maxValue: 10000000,
    weight: 0.45,
    normalization: gp(20, 3000),
    decimals: 1,
  }),
  indicator({
    code: 'mk_rd_investment_pct',
    type: 'market',
    objective: 'industry',
    nameZh: '研发与技术投入强度',
    nameEn: 'R&D and technology investment',
    descriptionZh: '研发与技术改造投入占营业收入的比例。',
    descriptionEn: 'R&D and technology upgrading spend as a share of revenue.',
    unit: '%',
    direction: 'higher',
    valueType: 'percent',
    minValue: 0,
    maxValue: 100,
    weight: 0.3,
    normalization: gp(0, 5),
    decimals: 2,
  }),
  indicator({
    code: 'mk_env_violations',
    type: 'market',
    objective: 'industry',
    nameZh: '环境违法违规次数',
    nameEn: 'Environmental violations',
    descriptionZh: '本期被生态环境部门查处的违法违规次数；大于 0 即为红色预警，需上传处罚文书。',
    descriptionEn: 'Violations sanctioned by the environment authority; any is a red flag, evidence required.',
    unit: 'count',
    direction: 'lower',
    valueType: 'integer',
    minValue: 0,
    maxValue: 100,
    evidenceRequired: true,
    redFlagAbove: 0,
    weight: 0.25,
    normalization: gp(0, 3),
  }),
  indicator({
    code: 'mk_local_farmer_wages_10k',
    type: 'market',
    objective: 'income',
    nameZh: '支付本地农民工资',
    nameEn: 'Wages paid to local farmers',
    descriptionZh: '本期向本县农村劳动力支付的工资总额。',
    descriptionEn: 'Wages paid to rural workers from the county.',
    unit: '10k yuan',
    direction: 'higher',
    valueType: 'number',
    minValue: 0,
    maxValue: 1000000,
    weight: 0.4,
    normalization: gp(0, 500),
    decimals: 1,
  }),
  indicator({
    code: 'mk_contract_farming_payments_10k',
    type: 'market',
    objective: 'income',
    nameZh: '订单农业支付额',
    nameEn: 'Contract-farming payments',
    descriptionZh: '按订单农业合同向农户和合作社支付的收购款，需上传合同与付款凭证。',
    descriptionEn: 'Payments to farmers and cooperatives under contract-farming agreements; evidence required.',
    unit: '10k yuan',
    direction: 'higher',
    valueType: 'number',
    minValue: 0,
    maxValue: 1000000,
    evidenceRequired: true,
    weight: 0.35,
    normalization: gp(0, 1000),
    decimals: 1,
  }),
  indicator({
    code: 'mk_profit_shared_pct',
    type: 'market',
    objective: 'income',
    nameZh: '联农带农利润分享比例',
    nameEn: 'Profit shared with farmers',
    descriptionZh: '通过保底分红、二次返利等方式让利农户的金额占利润总额的比例。',
    descriptionEn: 'Share of profit returned to farmers through guaranteed dividends or rebates.',
    unit: '%',
    direction: 'higher',
    valueType: 'percent',
    minValue: 0,
    maxValue: 100,
    weight: 0.25,
    normalization: gp(0, 20),
  }),
];

/** Grade bands on the 0–100 scale, ordered by `min` descending; the last starts at 0. */
export const GRADE_BANDS: readonly GradeBand[] = [
  { code: 'A', min: 85, label: { en: 'Excellent', 'zh-CN': '优秀' } },
  { code: 'B', min: 70, label: { en: 'Good', 'zh-CN': '良好' } },
  { code: 'C', min: 60, label: { en: 'Pass', 'zh-CN': '合格' } },
  { code: 'D', min: 0, label: { en: 'Needs improvement', 'zh-CN': '待改进' } },
];

export interface KpiSetSeed {
  code: StakeholderType;
  type: StakeholderType;
  nameZh: string;
  nameEn: string;
  scale: number;
  aggregationIndicators: Aggregation;
  aggregationObjectives: Aggregation;
  missingPolicy: 'reweight';
  minCompleteness: number;
  objectiveWeights: Record<ObjectiveCode, number>;
}

export const KPI_SET_SEEDS: readonly KpiSetSeed[] = [
  {
    code: 'county_town',
    type: 'county_town',
    nameZh: '县/镇主体考核指标体系',
    nameEn: 'County/town entity scorecard',
    scale: 100,
    aggregationIndicators: 'arithmetic',
    aggregationObjectives: 'arithmetic',
    missingPolicy: 'reweight',
    minCompleteness: 0.8,
    // Governments answer first for the bottom line of no large-scale relapse.
    objectiveWeights: { poverty: 0.4, industry: 0.3, income: 0.3 },
  },
  {
    code: 'rural',
    type: 'rural',
    nameZh: '乡村主体考核指标体系',
    nameEn: 'Rural entity scorecard',
    scale: 100,
    aggregationIndicators: 'arithmetic',
    aggregationObjectives: 'arithmetic',
    missingPolicy: 'reweight',
    minCompleteness: 0.8,
    objectiveWeights: { poverty: 0.3, industry: 0.3, income: 0.4 },
  },
  {
    code: 'market',
    type: 'market',
    nameZh: '市场主体考核指标体系',
    nameEn: 'Market entity scorecard',
    scale: 100,
    aggregationIndicators: 'arithmetic',
    // Geometric across objectives: a firm cannot buy a good grade with value added alone while
    // contributing nothing to poverty prevention or farmer income.
    aggregationObjectives: 'geometric',
    missingPolicy: 'reweight',
    minCompleteness: 0.8,
    objectiveWeights: { poverty: 0.3, industry: 0.4, income: 0.3 },
  },
];
