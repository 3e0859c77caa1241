// The stakeholder form's region picker: the counties, then one county's units. Going through every
// county offered must reach every unit in the caller's scope at county level or below, and no other.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeFactory } from './factory';

let f: ReturnType<typeof makeFactory>;

beforeAll(() => {
  f = makeFactory();
  f.township(f.w.countyA, '532523102', '新现镇');
});

type Caller = ReturnType<typeof makeFactory>['api'];

/** Every unit the picker can reach: each offered county's units. */
async function reachable(api: Caller) {
  const counties = await api.regions.list({ level: 'county' });
  const units = await Promise.all(counties.map((c) => api.regions.list({ county: c.id })));
  return units.flat().map((r) => r.id).sort((a, b) => a - b);
}

const pickable = (rows: { id: number; level: string }[]) =>
  rows.filter((r) => r.level === 'county' || r.level === 'township' || r.level === 'village').map((r) => r.id).sort((a, b) => a - b);

describe('region picker', () => {
  it('reaches every unit in scope, county by county, for an admin and an assessor', async () => {
    const assessor = f.caller(f.user('assessor', { regionIds: [f.w.countyA.id] }));
    for (const api of [f.api, assessor]) {
      const all = pickable(await api.regions.list({}));
      expect(all.length).toBeGreaterThan(1);
      expect(await reachable(api)).toEqual(all);
    }
    expect((await reachable(assessor)).includes(f.w.countyB.id)).toBe(false);
  });

  it('gives a township’s whole county, and nothing outside the caller’s scope', async () => {
    const fromTownship = await f.api.regions.list({ county: f.w.townA.id });
    const fromCounty = await f.api.regions.list({ county: f.w.countyA.id });
    expect(fromTownship).toEqual(fromCounty);
    expect(fromCounty.map((r) => r.id)).toContain(f.w.townA.id);
    expect(fromCounty.every((r) => r.path.startsWith(f.w.countyA.path))).toBe(true);
    const assessorA = f.caller(f.user('assessor', { regionIds: [f.w.countyA.id] }));
    expect(await assessorA.regions.list({ county: f.w.countyB.id })).toEqual([]);
  });
});
