// The generated province's plan: deterministic, spread over the places it is given, every name and
// credit code unique (and valid), codes numbered after the ones already taken.
import { describe, expect, it } from 'vitest';
import { isValidCreditCode } from '@/core/domain/credit-code';
import { planProvinceStakeholders, shortName, type ProvinceCounty } from '@/seed/plan-province';

const COUNTIES: ProvinceCounty[] = Array.from({ length: 12 }, (_, c) => {
  const code = `5301${String(c + 2).padStart(2, '0')}`;
  return {
    code,
    nameZh: ['五华区', '盘龙区', '官渡区', '西山区', '东川区', '呈贡区', '晋宁区', '富民县', '宜良县', '石林彝族自治县', '嵩明县', '禄劝彝族苗族自治县'][c]!,
    prefectureCode: '530100',
    prefectureNameZh: '昆明市',
    townships: Array.from({ length: 3 + (c % 4) }, (_, t) => ({ code: `${code}${String(t + 1).padStart(3, '0')}`, nameZh: `第${t + 1}街道` })),
  };
});
const after = { county_town: 60, rural: 150, market: 90 };
const plan = (n: number) => planProvinceStakeholders(COUNTIES, n, { after, reserved: { names: ['五华区第1街道人民政府'], creditCodes: [] } });

describe('the province plan', () => {
  const planned = plan(3000);

  it('is the same on every run', () => {
    expect(plan(3000)).toEqual(planned);
  });

  it('places everyone in a township of the given counties, most counties and every type used', () => {
    const townships = new Map(COUNTIES.flatMap((c) => c.townships.map((t) => [t.code, c.code] as const)));
    for (const s of planned) expect(townships.get(s.townshipCode)).toBe(s.countyCode);
    expect(new Set(planned.map((s) => s.countyCode)).size).toBe(COUNTIES.length);
    const byType = { county_town: 0, rural: 0, market: 0 };
    for (const s of planned) byType[s.type]++;
    expect(byType.rural).toBeGreaterThan(byType.market);
    expect(byType.market).toBeGreaterThan(byType.county_town * 0.9);
  });

  it('draws unique names and unique, valid credit codes, never a reserved name', () => {
    expect(new Set(planned.map((s) => s.name)).size).toBe(planned.length);
    expect(planned.some((s) => s.name === '五华区第1街道人民政府')).toBe(false);
    const credits = planned.flatMap((s) => (s.creditCode ? [s.creditCode] : []));
    expect(new Set(credits).size).toBe(credits.length);
    expect(credits.every(isValidCreditCode)).toBe(true);
  });

  it('numbers codes per type after the ones already taken', () => {
    const firstOf = (prefix: string) => planned.find((s) => s.code.startsWith(prefix))?.code;
    expect([firstOf('CT-'), firstOf('RU-'), firstOf('MK-')]).toEqual(['CT-0061', 'RU-0151', 'MK-0091']);
    expect(new Set(planned.map((s) => s.code)).size).toBe(planned.length);
  });

  it('shortens place names the way entity names use them', () => {
    expect(shortName('蒙自市')).toBe('蒙自');
    expect(shortName('屏边苗族自治县')).toBe('屏边');
  });
});
