// Scorecard exports: CSV and XLSX (numbers as numbers, weights in percent) through the one sheet
// writer (formula-safe text), with where the scores come from (publication date, method version
// and hash), the path to the next band and the incentive decisions in the page's own sentences.
// The county scorecard's XLSX is streamed (every stakeholder of the county). Labels come from the
// catalogs. The PDFs are jobs: scorecards/pdf.ts.
import 'server-only';
import { csvFile, xlsxFile, type SheetRow } from '@/core/export/sheet-writer';
import { xlsxStream } from '@/server/export/xlsx-stream';
import type { NextBand, Scorecard } from './stakeholder';
import type { CountyExport } from './county';
import type { RunPublication } from './publication';
import { renderClause, type RuleExplanation, type RuleLabels } from '@/core/eligibility';
import { formatNumber } from '@/core/i18n/format';
import { labelOf, pickName } from '@/core/i18n/label';
import { formatValueWithUnit, unitName } from '@/core/i18n/units';

type Card = NonNullable<Scorecard['card']>;
type Lang = 'en' | 'zh-CN';
type Translate = (key: string, values?: Record<string, string | number>) => string;
/** Translators for the `scorecard`, `scorecardExports` and `incentives` namespaces, and the stakeholder type's label. */
export type ExportLabels = {
  t: Translate;
  tx: Translate;
  ti: Translate;
  typeLabel: string;
  locale: Lang;
};

/** What an export carries beyond the scorecard: its run's publication and the path to the next band. */
export type ExportExtras = { publication: RunPublication | null; nextBand: NextBand | null };

type Row = (string | number | null)[];

function reference(i: Card['indicators'][number], t: ExportLabels['t']): string {
  const n = i.normalization;
  if (n.method === 'goalposts') return t(n.ln ? 'indicators.goalpostsLn' : 'indicators.goalposts', { min: n.min!, max: n.max! });
  if (n.method === 'target') return t('indicators.target', { target: n.target!, baseline: n.baseline! });
  return t('indicators.peerRelative', { method: t(`indicators.methods.${n.method}`) });
}

const round = (x: number | null | undefined, digits: number) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));
/** A weight (a share of 1) as a percentage number: 0.175 → 17.5. */
const percent = (x: number | null | undefined) => (x === null || x === undefined ? null : Number((x * 100).toFixed(2)));
const dateOf = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString().slice(0, 10) : null);

/** The scorecard as blocks of rows: summary, goals, indicators, trend, the path to the next band, incentives. */
export function scorecardTables(data: Scorecard & { card: Card }, labels: ExportLabels, extras: ExportExtras = { publication: null, nextBand: null }) {
  const { t, tx, locale } = labels;
  const card = data.card;
  const s = data.stakeholder;
  const pub = extras.publication;
  const summary: Row[] = [
    [t('export.field'), t('export.value')],
    [t('export.stakeholder'), s.name],
    [t('export.code'), s.code],
    [t('export.type'), labels.typeLabel],
    [t('export.region'), pickName(s.regionName, locale)],
    [t('period'), data.period],
    [t('summary.composite'), round(card.composite, 2)],
    [t('summary.grade'), card.grade ? `${card.grade.code} ${card.grade.label[locale]}` : null],
    [t('summary.countyPercentile'), round(card.peers.county.percentile, 1)],
    [t('summary.provincePercentile'), round(card.peers.province.percentile, 1)],
    [t('summary.coordination'), card.coupling ? card.coupling.label[locale] : null],
    ['D', round(card.coupling?.D, 4)],
    [tx('card.method'), tx('print.methodValue', { name: card.kpiSet.name[locale], version: card.kpiSet.version })],
    ...(pub ? [[tx('card.methodHash'), pub.methodHash], [tx('print.inputHash'), pub.inputHash], [tx('card.published'), dateOf(pub.publishedAt)]] : []),
  ];
  const goals: Row[] = [
    [t('objectives.objective'), t('objectives.score'), `${t('objectives.weight')} (%)`],
    ...card.objectives.map((o) => [o.name[locale], round(o.score, 2), percent(o.weight)]),
  ];
  const indicators: Row[] = [
    [
      t('export.objective'),
      t('indicators.indicator'),
      t('indicators.raw'),
      t('export.unit'),
      t('indicators.normalized'),
      `${t('indicators.weight')} (%)`,
      t('indicators.contribution'),
      t('indicators.reference'),
    ],
    ...card.indicators.map((i) => [
      card.objectives.find((o) => o.code === i.objective)!.name[locale],
      i.name[locale],
      i.raw,
      unitName(i.unit, locale),
      round(i.normalized, 2),
      percent(i.effectiveWeight),
      round(i.contribution, 2),
      reference(i, t),
    ]),
  ];
  const trend: Row[] = [
    [t('trend.period'), t('trend.composite'), t('trend.grade'), ...card.objectives.map((o) => o.name[locale])],
    ...data.trend.map((p) => [p.period, round(p.composite, 2), p.grade, ...card.objectives.map((o) => round(p.objectives[o.code], 2))]),
  ];
  return { summary, goals, indicators, trend, path: pathRows(extras.nextBand, labels), incentives: incentiveRows(data.incentives, labels) };
}

/** The path to the next band as the panel tells it: its sentence, then the routes, cheapest first. */
function pathRows(path: NextBand | null, labels: ExportLabels): Row[][] {
  const { t, tx, locale } = labels;
  if (!path) return [];
  const n1 = (x: number | null) => formatNumber(x, locale, { digits: 1, fixed: true });
  if (path.status !== 'ok' || !path.nextGrade) {
    return [[[tx('card.pathStatus')], [path.status === 'top_band' ? t('nextBand.topBand', { grade: path.grade ?? '' }) : t('nextBand.noComposite')]]];
  }
  const next = path.nextGrade;
  const sentence = t('nextBand.description', { current: n1(path.composite), grade: path.grade ?? '—', next: `${next.code} · ${pickName(next.label, locale)}`, min: formatNumber(next.min, locale) });
  // The panel's order: reachable routes by effort, then the others by the composite they reach.
  const routes = [...path.routes].sort((a, b) => {
    if (a.reachable !== b.reachable) return a.reachable ? -1 : 1;
    if (a.reachable) return a.effort! - b.effort!;
    return (b.composite ?? 0) - (a.composite ?? 0);
  });
  return [
    [[tx('card.pathStatus')], [sentence]],
    [
      [t('nextBand.indicator'), t('nextBand.current'), t('export.unit'), t('nextBand.required'), t('nextBand.change'), `${t('nextBand.effort')} (%)`, t('nextBand.result'), tx('card.cheapest')],
      ...routes.map((r) => {
        const rank = path.cheapest.indexOf(r.indicator);
        return [
          pickName(r.name, locale),
          r.current,
          unitName(r.unit, locale),
          r.reachable ? r.required : t('nextBand.notReachable'),
          r.reachable && r.current !== null && r.required !== null ? round(r.required - r.current, 6) : null,
          percent(r.effort),
          r.reachable ? round(r.composite, 2) : t('nextBand.bestPossible', { composite: n1(r.composite) }),
          rank >= 0 ? rank + 1 : null,
        ];
      }),
    ],
  ];
}

type Incentives = NonNullable<Scorecard['incentives']>;

/** The rule's names in the reader's language (what components/incentives/rule-labels.ts gives the page). */
function ruleLabelsOf(names: Incentives['labels'], locale: Lang): RuleLabels {
  return {
    objective: (code) => (names.objectives[code] ? pickName(names.objectives[code], locale) : undefined),
    indicator: (code) => (names.indicators[code] ? pickName(names.indicators[code], locale) : undefined),
  };
}

/** Each program's decision, benefit and reason, then each condition with its actual value and threshold. */
function incentiveRows(incentives: Scorecard['incentives'], labels: ExportLabels): Row[][] {
  const { t, tx, ti, locale } = labels;
  if (!incentives) return [];
  if (incentives.determinations.length === 0) return [[[tx('card.program')], [tx('card.none')]]];
  const rules = ruleLabelsOf(incentives.labels, locale);
  const money = (x: number | null) => t('incentives.yuan', { amount: formatNumber(x, locale, { digits: 2 }) });
  const rows: Row[] = [[tx('card.program'), tx('card.kind'), tx('card.decision'), tx('card.benefit'), tx('card.why'), tx('card.override')]];
  const conditions: Row[] = [[tx('card.program'), tx('card.clause'), tx('card.met'), tx('card.detail')]];
  for (const d of incentives.determinations) {
    const name = pickName(labelOf(d.program), locale);
    const benefit: string[] = [];
    if (d.eligible) {
      if (d.rate !== null) benefit.push(t('incentives.rate', { rate: formatNumber(d.rate, locale) }));
      if (d.title) benefit.push(t('incentives.titleAwarded', { title: pickName(d.title, locale) }));
      if (d.amount !== null) benefit.push(d.program.kind === 'tax_break' ? t('incentives.taxForgone', { amount: money(d.amount) }) : t('incentives.amount', { amount: money(d.amount) }));
    }
    const override = d.override
      ? t('incentives.overrideLine', {
          eligible: d.override.eligible ? t('incentives.yes') : t('incentives.no'),
          computed: d.computed.eligible ? t('incentives.yes') : t('incentives.no'),
          computedAmount: d.computed.amount === null ? '—' : money(d.computed.amount),
          reason: d.override.reason,
        })
      : null;
    rows.push([name, ti(`kinds.${d.program.kind}`), d.eligible ? t('incentives.eligible') : t('incentives.notEligible'), benefit.join(' · ') || null, t(`incentives.reasons.${d.reason}`), override]);
    for (const leaf of clausesIn(d.explanation)) conditions.push([name, renderClause(leaf.clause, locale, rules), ti(`explain.truth.${leaf.truth}`), clauseDetail(leaf, rules, labels)]);
  }
  return [rows, conditions];
}

type Leaf = Extract<RuleExplanation, { op: 'clause' }>;
function clausesIn(e: RuleExplanation): Leaf[] {
  if (e.op === 'clause') return [e];
  return e.op === 'not' ? clausesIn(e.rule) : e.rules.flatMap(clausesIn);
}

/** The explanation's line under a condition (components/incentives/explanation.tsx words it the same). */
function clauseDetail(leaf: Leaf, rules: RuleLabels, { ti, locale }: ExportLabels): string {
  const e = leaf.explanation;
  const inner = leaf.clause.kind === 'consecutive' ? leaf.clause.clause : leaf.clause;
  const unit = inner.kind === 'indicator' && inner.measure === 'raw' ? rules.unit?.(inner.indicator) : null;
  const fmt = (v: number | string | null) => (typeof v === 'number' ? formatValueWithUnit(v, unit, locale) : (v ?? '—'));
  const count = (v: number | string | null) => (typeof v === 'number' ? formatNumber(v, locale) : (v ?? '—'));
  const line =
    leaf.clause.kind === 'consecutive'
      ? ti('explain.periodsHeld', { held: count(e.actual), needed: count(e.threshold) })
      : leaf.clause.kind === 'noRedFlag'
        ? ti('explain.redFlagCount', { count: typeof e.actual === 'number' ? e.actual : 0 })
        : ti('explain.actualVsThreshold', { actual: fmt(e.actual), threshold: fmt(e.threshold) });
  const periods = e.periods && e.periods.length > 1 ? ` (${e.periods.map((p) => `${p.period ?? ti('explain.thisPeriod')}: ${fmt(p.actual)}`).join('; ')})` : '';
  return `${line}${e.note ? ` · ${ti(`explain.notes.${e.note}`)}` : ''}${periods}`;
}

export function scorecardCsv(data: Scorecard & { card: Card }, labels: ExportLabels, extras?: ExportExtras): string {
  const tables = scorecardTables(data, labels, extras);
  return csvFile([tables.summary, tables.goals, tables.indicators, tables.trend, ...tables.path, ...tables.incentives]);
}

export async function scorecardXlsx(data: Scorecard & { card: Card }, labels: ExportLabels, extras?: ExportExtras): Promise<Uint8Array<ArrayBuffer>> {
  const tables = scorecardTables(data, labels, extras);
  const { t, tx } = labels;
  const layout = { widths: [28, 34], defaultWidth: 18 };
  return xlsxFile([
    { name: t('export.sheet'), blocks: [tables.summary, tables.goals], ...layout },
    { name: t('export.indicatorsSheet'), blocks: [tables.indicators], ...layout },
    { name: t('export.trendSheet'), blocks: [tables.trend], ...layout },
    ...(tables.path.length ? [{ name: tx('card.pathSheet'), blocks: tables.path, ...layout, widths: [34, 18] }] : []),
    ...(tables.incentives.length ? [{ name: tx('card.incentivesSheet'), blocks: tables.incentives, ...layout, widths: [30, 40, 14, 40] }] : []),
  ]);
}

/** Translators for the `scorecard` and `scorecardExports` namespaces, stakeholder type labels and the locale. */
export type CountyExportLabels = { t: Translate; tx: Translate; typeLabel: (type: string) => string; locale: Lang };

/**
 * The county scorecard as an XLSX workbook, streamed: its figures (with the runs that published
 * them), the township ranking and every scored stakeholder of the county, written a slice at a time.
 */
export function countyXlsx(exp: CountyExport, labels: CountyExportLabels): ReadableStream<Uint8Array> {
  const { t, tx, locale } = labels;
  const { data } = exp;
  const summary = data.summary;
  const objectives = data.objectives.map((o) => ({ code: o.code, name: pickName(o.name, locale) }));
  const figures: Row[] = [
    [tx('county.field'), tx('county.value')],
    [tx('county.county'), pickName(data.county.name, locale)],
    [tx('county.period'), data.period],
    [t('county.byType.count'), summary.count],
    [t('county.meanComposite'), round(summary.meanComposite, 2)],
    [t('county.coordination'), summary.coordination ? summary.coordination.label[locale] : null],
    ['D', round(summary.coordination?.D, 4)],
    ...objectives.map((o) => [o.name, round(summary.coordination?.means[o.code], 2)]),
  ];
  const byType: Row[] = [
    [t('county.byType.type'), t('county.byType.count'), t('county.byType.meanComposite'), ...objectives.map((o) => o.name), t('county.byType.meanCoupling'), t('county.byType.grades')],
    ...summary.byType.map((g) => [
      labels.typeLabel(g.type),
      g.count,
      round(g.meanComposite, 2),
      ...objectives.map((o) => round(g.objectives[o.code], 2)),
      round(g.meanCoupling, 4),
      Object.entries(g.grades)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, n]) => `${code} ${n}`)
        .join(' · ') || null,
    ]),
  ];
  const methods: Row[] = [
    [t('county.byType.type'), tx('print.method'), tx('county.published'), tx('print.methodHash'), tx('print.inputHash')],
    ...exp.publication.map((r) => [labels.typeLabel(r.type), tx('print.methodValue', { name: r.kpiSet.name[locale], version: r.kpiSet.version }), dateOf(r.publishedAt), r.methodHash, r.inputHash]),
  ];
  const townships: Row[] = [
    [t('county.townships.rank'), t('county.townships.township'), t('county.townships.count'), t('county.townships.meanComposite'), ...objectives.map((o) => o.name)],
    ...summary.townships.map((r) => [r.rank, pickName(r.name, locale), r.count, round(r.meanComposite, 2), ...objectives.map((o) => round(r.objectives[o.code], 2))]),
  ];
  const header: SheetRow = [tx('county.code'), tx('county.name'), tx('county.type'), tx('county.region'), tx('county.composite'), tx('county.grade'), t('county.stakeholders.countyRank'), tx('county.countyPercentile')];
  function* stakeholderSlices(): Generator<readonly SheetRow[]> {
    yield [header];
    for (const slice of exp.rows()) {
      yield slice.map((r) => [r.code, r.name, labels.typeLabel(r.type), pickName(r.regionName, locale), round(r.composite, 2), r.grade, r.countyRank, round(r.countyPercentile, 1)]);
    }
  }
  return xlsxStream([
    { name: tx('county.sheet'), slices: () => [figures, byType, methods], blocks: true, widths: [30, 34, 16, 16, 16, 16, 16, 24], columns: 8 },
    { name: tx('county.townshipsSheet'), slices: () => [townships], widths: [10, 30], defaultWidth: 16, columns: 4 + objectives.length },
    { name: tx('county.stakeholdersSheet'), slices: stakeholderSlices, widths: [20, 40, 16, 24, 12, 10, 12, 14], columns: 8 },
  ]);
}
