// How the province generator prepares a quarter: the planner that gives the event loop a turn
// plans exactly what the plain one plans, and the import files hold every planned evaluation once,
// in order, line for line with the stakeholder codes the ids are matched to, below the upload limit.
import { describe, expect, it } from 'vitest';
import type { StakeholderType } from '@/core/domain/enums';
import { MAX_IMPORT_BYTES } from '@/core/domain/imports';
import { evaluationPlanner, type PlannedEvaluation } from '@/seed/plan-evaluations';
import { PERIOD_SEEDS } from '@/seed/plan-periods';
import { groupIndicators, planProfiles } from '@/seed/plan-profiles';
import { planProvinceStakeholders, type ProvinceCounty } from '@/seed/plan-province';
import { csvLine, importFiles } from '@/seed/province-files';

const COUNTIES: ProvinceCounty[] = [
  { code: '530102', nameZh: '五华区', prefectureCode: '530100', prefectureNameZh: '昆明市', townships: [{ code: '530102001', nameZh: '华山街道' }, { code: '530102002', nameZh: '护国街道' }] },
  { code: '530124', nameZh: '富民县', prefectureCode: '530100', prefectureNameZh: '昆明市', townships: [{ code: '530124100', nameZh: '永定街道' }] },
];
const stakeholders = planProvinceStakeholders(COUNTIES, 1_200, { after: { county_town: 60, rural: 150, market: 90 }, reserved: { names: [], creditCodes: [] } });
const profiles = planProfiles(stakeholders, PERIOD_SEEDS.length, { atRiskPerType: { county_town: 20, rural: 50, market: 30 }, polluters: 10 });
const planner = () => evaluationPlanner(stakeholders, profiles, PERIOD_SEEDS, ['province1', 'province2']);
const typeByCode = new Map(stakeholders.map((s) => [s.code, s.type]));
const typeOf = (code: string): StakeholderType => typeByCode.get(code) ?? (code.startsWith('CT') ? 'county_town' : code.startsWith('RU') ? 'rural' : 'market');
const indicators = groupIndicators();

/** The files' lines by KPI set, header left out. */
function linesOf(files: Awaited<ReturnType<typeof importFiles>>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of files) {
    const [header, ...lines] = new TextDecoder().decode(f.bytes).trimEnd().split('\n');
    expect(header).toBe(['stakeholder', ...indicators[f.kpiSetCode].map((i) => i.code)].join(','));
    expect(lines.map((l) => l.slice(0, l.indexOf(',')))).toEqual(f.codes);
    (out[f.kpiSetCode] ??= []).push(...lines);
  }
  return out;
}

describe('the sliced evaluation planner', () => {
  it('plans every quarter exactly as the plain planner, whichever way each quarter is planned', async () => {
    const plain = planner();
    const mixed = planner();
    for (const [t] of PERIOD_SEEDS.entries()) {
      const expected = plain(t);
      expect(expected.length).toBeGreaterThan(500);
      expect(t % 2 === 0 ? await mixed.inSlices(t) : mixed(t)).toEqual(expected);
    }
  }, 60_000);

  it('gives the event loop turns while it plans', async () => {
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    await planner().inSlices(0);
    clearInterval(timer);
    expect(turns).toBeGreaterThan(0);
  }, 30_000);

  it('still plans the quarters in order only', async () => {
    await expect(planner().inSlices(1)).rejects.toThrow(/in order/);
  });
});

describe('the import files of a quarter', () => {
  it('hold every evaluation once, in plan order per KPI set, with the value of each indicator', async () => {
    const evaluations = planner()(0);
    const files = await importFiles(evaluations, typeOf, '2025Q4');
    const lines = linesOf(files);
    for (const type of ['county_town', 'rural', 'market'] as const) {
      const mine = evaluations.filter((e) => typeOf(e.stakeholderCode) === type);
      expect(lines[type]).toEqual(mine.map((e) => [e.stakeholderCode, ...indicators[type].map((i) => e.values.find((v) => v.indicatorCode === i.code)?.value ?? '')].join(',')));
      expect(files.filter((f) => f.kpiSetCode === type).every((f) => f.fileName === `2025Q4-${type}.csv`)).toBe(true);
    }
  }, 30_000);

  it('write a value by its indicator, whatever the order of the planned values, and nothing for a missing one', () => {
    const codes = indicators.rural.map((i) => i.code);
    const values = codes.map((code, k) => ({ indicatorCode: code, value: k === 1 ? null : k + 0.5, note: null, evidenceUrl: null }));
    const e = { stakeholderCode: 'RU-0001', values } as unknown as PlannedEvaluation;
    // The expected line, with the indicators at `empty` left blank.
    const line = (...empty: number[]) => ['RU-0001', ...codes.map((_, k) => (k === 1 || empty.includes(k) ? '' : String(k + 0.5)))].join(',');
    expect(csvLine(e, indicators.rural)).toBe(line());
    expect(csvLine({ ...e, values: [...values].reverse() }, indicators.rural)).toBe(line());
    expect(csvLine({ ...e, values: values.slice(1) }, indicators.rural)).toBe(line(0));
    expect(csvLine({ ...e, values: values.slice(0, -1) }, indicators.rural)).toBe(line(codes.length - 1));
  });

  it('split a large KPI set into files of at most half the upload limit, no line lost', async () => {
    // Lines of about 170 bytes: a little over two files' worth.
    const values = indicators.rural.map((i) => ({ indicatorCode: i.code, value: 1234567890.123456, note: null, evidenceUrl: null }));
    const many = Array.from({ length: 70_000 }, (_, n) => ({ stakeholderCode: `RU-${n}`, values })) as unknown as PlannedEvaluation[];
    const files = await importFiles(many, () => 'rural', '2026Q1');
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) expect(f.bytes.length).toBeLessThanOrEqual(MAX_IMPORT_BYTES / 2 + 1_000);
    expect(files.flatMap((f) => f.codes)).toEqual(many.map((e) => e.stakeholderCode));
    expect(linesOf(files).rural).toHaveLength(many.length);
  }, 60_000);
});
