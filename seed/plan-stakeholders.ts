// The demo's 300 stakeholders as plain objects: county and township governments, township
// enterprises, cooperatives, village collectives, family farms and firms in every county, each
// with a unique name and a valid credit code. Deterministic (its own random stream).
import { buildCreditCode, CREDIT_CODE_ALPHABET } from '@/core/domain/credit-code';
import type { StakeholderType } from '@/core/domain/enums';
import { DEMO_STAKEHOLDER_NAMES } from './demo-users';
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

type StakeholderKind =
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
    body += style === 'new' ? rng.pick(CREDIT_CODE_ALPHABET.split('')) : String(rng.int(0, 9));
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
