// A generated province's stakeholders as plain objects: N entities spread over the real counties
// and townships the region tree holds (a county draws in proportion to its townships), with the
// demo's mix of kinds, unique names and valid, unique credit codes. Deterministic: its own random
// stream, and the same places and N give the same plan.
import { buildCreditCode, CREDIT_CODE_ALPHABET } from '@/core/domain/credit-code';
import type { StakeholderType } from '@/core/domain/enums';
import type { MarketIndustry } from './geography';
import { PREFECTURES } from './geography';
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
import type { PlannedStakeholder } from './plan-stakeholders';
import { rngFor, type Rng } from './prng';

/** A county of the region tree with its townships (official codes), as the generator places entities. */
export interface ProvinceCounty {
  code: string;
  nameZh: string;
  prefectureCode: string;
  prefectureNameZh: string;
  townships: readonly { code: string; nameZh: string }[];
}

/** Products and industries of counties the demo does not describe. */
const DEFAULT_PRODUCTS = ['蔬菜', '茶叶', '核桃', '咖啡', '生猪', '肉牛', '柑橘', '中药材', '花卉', '食用菌', '烤烟', '蓝莓'] as const;
const DEFAULT_INDUSTRIES: readonly (readonly [MarketIndustry, number])[] = [
  ['food', 3], ['tea', 2], ['fruit', 2], ['logistics', 2], ['tourism', 2], ['ecommerce', 1], ['livestock', 1], ['spice', 1], ['coffee', 1],
];
const DEMO_COUNTIES = new Map(PREFECTURES.flatMap((p) => p.counties.map((c) => [c.code, c] as const)));

/** Share of each type, as in the demo (60 : 150 : 90). */
const TYPE_WEIGHTS: readonly (readonly [StakeholderType, number])[] = [
  ['county_town', 20],
  ['rural', 50],
  ['market', 30],
];

/** How a place is named inside entity names: 屏边苗族自治县 → 屏边, 蒙自市 → 蒙自. */
export function shortName(nameZh: string): string {
  return nameZh.length <= 3 ? nameZh.slice(0, -1) || nameZh : nameZh.slice(0, 2);
}

function orgBody(rng: Rng, style: 'digits' | 'new'): string {
  let body = style === 'new' ? 'MA' : '';
  while (body.length < 8) body += style === 'new' ? rng.pick(CREDIT_CODE_ALPHABET.split('')) : String(rng.int(0, 9));
  return body;
}

/** Draws until the value is new: the name lists are far larger than a county's share of N. */
function drawNew(seen: Set<string>, make: () => string, fallback: () => string): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const candidate = make();
    if (!seen.has(candidate)) {
      seen.add(candidate);
      return candidate;
    }
  }
  // Crowded counties run out of combinations: a numbered branch keeps the name unique.
  for (let n = 2; ; n++) {
    const candidate = `${fallback()}（${n}）`;
    if (!seen.has(candidate)) {
      seen.add(candidate);
      return candidate;
    }
  }
}

/**
 * N planned stakeholders, numbered per type after `after` (the codes already taken: CT-0060 →
 * the first generated county/town entity is CT-0061). Names and credit codes in `reserved` are
 * never drawn again.
 */
export function planProvinceStakeholders(
  counties: readonly ProvinceCounty[],
  n: number,
  options: { after: Record<StakeholderType, number>; reserved: { names: Iterable<string>; creditCodes: Iterable<string> } },
): PlannedStakeholder[] {
  const townships = counties.flatMap((county) => county.townships.map((township) => ({ county, township })));
  if (townships.length === 0) throw new Error('province plan: the region tree has no townships');
  const rng = rngFor('province-stakeholders');
  const names = new Set(options.reserved.names);
  const credits = new Set(options.reserved.creditCodes);
  const next = { ...options.after };
  const prefixes: Record<StakeholderType, string> = { county_town: 'CT', rural: 'RU', market: 'MK' };
  const out: PlannedStakeholder[] = [];

  for (let i = 0; i < n; i++) {
    const { county, township } = rng.pick(townships);
    const demo = DEMO_COUNTIES.get(county.code);
    const cs = demo?.shortZh ?? shortName(county.nameZh);
    const seat = county.townships[0] ?? township;
    const type = rng.weighted(TYPE_WEIGHTS);
    const people = { contactName: personName(rng), contactPhone: mobileNumber(rng) };
    const credit = (prefix: string, division: string, style: 'digits' | 'new') =>
      drawNew(credits, () => buildCreditCode(prefix, division, orgBody(rng, style)), () => {
        throw new Error('province plan: could not draw a unique credit code');
      });
    const product = rng.pick(demo?.products ?? DEFAULT_PRODUCTS);
    let planned: Omit<PlannedStakeholder, 'code' | 'active'>;
    if (type === 'county_town') {
      const kind = rng.weighted([
        ['township_enterprise', 60],
        ['township_government', 35],
        ['county_government', 5],
      ] as const);
      const government = kind === 'county_government' ? countyGovernmentName(county.nameZh) : townshipGovernmentName(county.nameZh, township.nameZh);
      // One government per county and per township: once it exists, the draw becomes an enterprise.
      const isGovernment = kind !== 'township_enterprise' && !names.has(government);
      const name = isGovernment
        ? (names.add(government), government)
        : drawNew(names, () => townshipEnterpriseName(rng, cs, township.nameZh), () => townshipEnterpriseName(rng, cs, township.nameZh));
      planned = {
        name,
        type,
        kind: isGovernment ? kind : 'township_enterprise',
        countyCode: county.code,
        townshipCode: kind === 'county_government' && isGovernment ? seat.code : township.code,
        creditCode: isGovernment ? credit('11', county.code, 'digits') : credit('91', county.code, 'new'),
        ...people,
      };
    } else if (type === 'rural') {
      const kind = rng.weighted([
        ['cooperative', 48],
        ['village_collective', 28],
        ['family_farm', 24],
      ] as const);
      let name: string;
      let creditCode: string | null;
      if (kind === 'cooperative') {
        name = drawNew(names, () => cooperativeName(rng, cs, product), () => cooperativeName(rng, cs, product));
        creditCode = rng.chance(0.9) ? credit('93', county.code, 'new') : null;
      } else if (kind === 'village_collective') {
        name = drawNew(names, () => villageCollectiveName(rng, cs, township.nameZh), () => villageCollectiveName(rng, cs, township.nameZh));
        creditCode = credit('N2', county.code, 'digits');
      } else {
        name = drawNew(names, () => familyFarmName(rng, cs, people.contactName, product), () => familyFarmName(rng, cs, personName(rng), product));
        creditCode = rng.chance(0.5) ? credit('92', county.code, 'new') : null;
      }
      planned = { name, type, kind, countyCode: county.code, townshipCode: township.code, creditCode, ...people };
    } else {
      const industry = rng.weighted(demo?.industries ?? DEFAULT_INDUSTRIES);
      const places = { prefectureShortZh: shortName(county.prefectureNameZh), countyShortZh: cs };
      planned = {
        name: drawNew(names, () => firmName(rng, industry, places), () => firmName(rng, industry, places)),
        type,
        kind: 'firm',
        countyCode: county.code,
        // Firms sit mostly in the county seat.
        townshipCode: rng.chance(0.5) ? seat.code : township.code,
        creditCode: credit('91', rng.chance(0.8) ? county.code : county.prefectureCode, 'new'),
        ...people,
      };
    }
    next[type]++;
    out.push({ ...planned, code: `${prefixes[type]}-${String(next[type]).padStart(4, '0')}`, active: true });
  }
  return out;
}
