// What the scorecard says about each indicator besides its score: its description in both
// languages (one language standing in for a missing other) and its value in the previous
// published period, on the small scored world of tests/integration/factory.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { indicators } from '@/db/schema';
import { indicatorsOf, publishedWorld } from './factory';

let w: Awaited<ReturnType<typeof publishedWorld>>;
const codes = indicatorsOf('market');

beforeAll(async () => {
  w = await publishedWorld();
  w.db.update(indicators).set({ descriptionEn: 'Income of the farmers it works with.', descriptionZh: '带动农户的收入。' }).where(eq(indicators.code, codes.income)).run();
  w.db.update(indicators).set({ descriptionEn: 'Growth of value added.', descriptionZh: null }).where(eq(indicators.code, codes.growth)).run();
}, 60_000);

describe('indicator notes on a scorecard', () => {
  it('carry each indicator’s value of the period before the one shown', async () => {
    const firm = w.caller(w.users.firm);
    // firm: (income, growth) 2025Q4 (40, 60), 2026Q1 (50, 70), 2026Q2 (60, 70).
    const latest = (await firm.scorecards.get()).card!.notes;
    expect(latest.previousPeriod).toBe('2026Q1');
    expect(latest.indicators[codes.income]).toMatchObject({ previousRaw: 50, previousNormalized: 50 });
    expect(latest.indicators[codes.growth]).toMatchObject({ previousRaw: 70, previousNormalized: 70 });
    const middle = (await firm.scorecards.get({ period: '2026Q1' })).card!.notes;
    expect(middle.previousPeriod).toBe('2025Q4');
    expect(middle.indicators[codes.income]!.previousRaw).toBe(40);
    // The first published period has nothing before it.
    const first = (await firm.scorecards.get({ period: '2025Q4' })).card!.notes;
    expect(first.previousPeriod).toBeNull();
    expect(first.indicators[codes.income]).toMatchObject({ previousRaw: null, previousNormalized: null });
    expect(latest.aggregation).toEqual({ indicators: 'arithmetic', objectives: 'arithmetic' });
  });

  it('carry the descriptions in both languages', async () => {
    const notes = (await w.caller(w.users.firm).scorecards.get()).card!.notes;
    expect(notes.indicators[codes.income]!.description).toEqual({ en: 'Income of the farmers it works with.', 'zh-CN': '带动农户的收入。' });
    // No Chinese text: the English stands in rather than an empty line.
    expect(notes.indicators[codes.growth]!.description).toEqual({ en: 'Growth of value added.', 'zh-CN': 'Growth of value added.' });
    // An indicator without any description of the rural set has none.
    const coop = (await w.caller(w.users.coop).scorecards.get()).card!.notes;
    expect(coop.indicators[indicatorsOf('rural').income]!.description).toBeNull();
  });
});
