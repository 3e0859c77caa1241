// What a stakeholder's page needs from stakeholders.get: whether the type may still change (not
// once evaluations exist) and whether the caller may edit it.
import { describe, expect, it } from 'vitest';
import { indicatorsOf, makeFactory } from './factory';

describe('stakeholders.get for the page', () => {
  it('locks the type once the stakeholder has an evaluation', async () => {
    const f = makeFactory();
    const fresh = await f.stakeholder('rural');
    const period = await f.period(2026, 1);
    const codes = indicatorsOf('market');
    await f.kpiSet('market', [{ code: 'income', indicators: [{ code: codes.income }] }, { code: 'growth', indicators: [{ code: codes.growth }] }], { effectiveFromPeriodId: period.id });
    await f.evaluate(f.w.shA.id, { [codes.income]: 50, [codes.growth]: 50 }, 'draft');

    expect(await f.api.stakeholders.get({ id: fresh.id })).toMatchObject({ typeLocked: false, actions: { update: true } });
    expect(await f.api.stakeholders.get({ id: f.w.shA.id })).toMatchObject({ typeLocked: true, actions: { update: true } });
  });

  it('offers no editing to the stakeholder user', async () => {
    const f = makeFactory();
    const own = f.caller(f.user('stakeholder', { stakeholderId: f.w.shA.id }));
    expect(await own.stakeholders.get({ id: f.w.shA.id })).toMatchObject({ typeLocked: false, actions: { update: false } });
  });
});
