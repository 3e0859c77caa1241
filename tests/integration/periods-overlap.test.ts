// Periods never overlap one of their own kind: the server refuses, naming the period in the way;
// a year over quarters (or a quarter inside a year) is created and the answer names what it covers.
import { describe, expect, it } from 'vitest';
import { periods } from '@/db/schema';
import { readerMessage } from '@/server/error-text';
import { periodOverlaps, periodSpan } from '@/core/domain/period-overlap';
import { makeFactory } from './factory';

describe('period overlap (pure)', () => {
  it('tells the periods of the same kind from those of the other', () => {
    const existing = [periodSpan({ kind: 'quarter', year: 2031, quarter: 2 }), periodSpan({ kind: 'year', year: 2031 }), periodSpan({ kind: 'quarter', year: 2032, quarter: 1 })];
    expect(periodOverlaps(periodSpan({ kind: 'quarter', year: 2031, quarter: 2 }), existing)).toMatchObject({ sameKind: [{ code: '2031Q2' }], otherKind: [{ code: '2031' }] });
    expect(periodOverlaps(periodSpan({ kind: 'quarter', year: 2031, quarter: 3 }), existing)).toMatchObject({ sameKind: [], otherKind: [{ code: '2031' }] });
    expect(periodOverlaps(periodSpan({ kind: 'year', year: 2032 }), existing)).toMatchObject({ sameKind: [], otherKind: [{ code: '2032Q1' }] });
    // Touching is not overlapping: 2031-12-31 and 2032-01-01 are different days.
    expect(periodOverlaps(periodSpan({ kind: 'quarter', year: 2031, quarter: 4 }), existing.slice(2))).toEqual({ sameKind: [], otherKind: [] });
    expect(periodSpan({ kind: 'quarter', year: 2032, quarter: 1 })).toEqual({ code: '2032Q1', kind: 'quarter', startsOn: '2032-01-01', endsOn: '2032-03-31' });
  });
});

describe('creating periods', () => {
  it('refuses a quarter over another quarter, whatever its code, and says which in both languages', async () => {
    const f = makeFactory();
    // A quarter-long period off the calendar's quarters, as an older import or a test could leave.
    f.db.insert(periods).values({ code: 'TRIAL', kind: 'quarter', startsOn: '2031-02-15', endsOn: '2031-05-14', status: 'open' }).run();
    const refused = await f.api.periods.create({ kind: 'quarter', year: 2031, quarter: 1 }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'CONFLICT', cause: { reason: 'period_overlaps', params: { code: '2031Q1', other: 'TRIAL', otherStart: '2031-02-15' } } });
    const refusal = (refused as { cause: { reason: string; params: Record<string, string> } }).cause;
    expect(readerMessage('en', { ...refusal, code: 'CONFLICT' })).toBe('2031Q1 (2031-01-01 – 2031-03-31) would overlap TRIAL (2031-02-15 – 2031-05-14): two quarters may not overlap.');
    expect(readerMessage('zh-CN', { ...refusal, code: 'CONFLICT' })).toMatch(/^2031Q1（2031-01-01 至 2031-03-31）与已有的 TRIAL（2031-02-15 至 2031-05-14）重叠/);
    await expect(f.api.periods.create({ kind: 'quarter', year: 2031, quarter: 2 })).rejects.toMatchObject({ cause: { reason: 'period_overlaps' } });
    // Nothing was written for the refusals.
    expect(f.db.select().from(periods).all().map((p) => p.code)).toEqual(['TRIAL']);
    expect(await f.api.periods.create({ kind: 'quarter', year: 2031, quarter: 3 })).toMatchObject({ code: '2031Q3', overlaps: [] });
  });

  it('refuses the same period twice, naming its dates', async () => {
    const f = makeFactory();
    await f.period(2031, 3);
    await expect(f.api.periods.create({ kind: 'quarter', year: 2031, quarter: 3 })).rejects.toMatchObject({
      code: 'CONFLICT',
      cause: { reason: 'period_exists', params: { code: '2031Q3', start: '2031-07-01', end: '2031-09-30', kind: 'quarter' } },
    });
    await f.api.periods.create({ kind: 'year', year: 2033 });
    await expect(f.api.periods.create({ kind: 'year', year: 2033 })).rejects.toMatchObject({ cause: { reason: 'period_exists' } });
  });

  it('creates a year over quarters, and a quarter inside a year, naming what they cover', async () => {
    const f = makeFactory();
    await f.period(2031, 1);
    await f.period(2031, 3);
    expect(await f.api.periods.create({ kind: 'year', year: 2031 })).toMatchObject({ code: '2031', overlaps: ['2031Q1', '2031Q3'] });
    expect(await f.api.periods.create({ kind: 'quarter', year: 2031, quarter: 2 })).toMatchObject({ code: '2031Q2', overlaps: ['2031'] });
    expect(await f.api.periods.create({ kind: 'year', year: 2032 })).toMatchObject({ overlaps: [] });
  });
});
