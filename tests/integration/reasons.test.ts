// One rule for every reason (core/schemas/reason.ts): at least 5 characters once trimmed, the same
// message key wherever a reason is asked — excluding evaluations from a publish, reopening a period
// or an evaluation, returning an evaluation (one or in bulk), proposing or rejecting an override.
import { beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { evaluations } from '@/db/schema';
import { reasonProblem, reasonText } from '@/core/schemas/reason';
import { returnEvaluations } from '@/server/services/evaluations/bulk-review';
import { ValidationError } from '@/server/errors';
import { publishedWorld } from './factory';

let w: Awaited<ReturnType<typeof publishedWorld>>;

const SHORT = ['', '    ', 'ok', '  abcd  ', '\n\t 好的 \t\n'];

/** The message keys a call was refused with at its reason field (BAD_REQUEST), or its outcome. */
async function reasonKeys(p: Promise<unknown>, at = 'reason'): Promise<string[] | string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    if (!(e instanceof TRPCError) || e.code !== 'BAD_REQUEST') return e instanceof TRPCError ? e.code : String(e);
    const issues = (e.cause as unknown as { issues?: { path: PropertyKey[]; message: string }[] }).issues ?? [];
    return issues.filter((i) => i.path.join('.') === at).map((i) => i.message.split('::')[0]!);
  }
}

beforeAll(async () => {
  w = await publishedWorld();
}, 60_000);

describe('the reason rule', () => {
  it('counts characters after trimming', () => {
    for (const r of SHORT) expect(reasonProblem(r)).toBe('validation.reason::{"min":5}');
    expect(reasonText.parse('  abcde  ')).toBe('abcde');
    expect(reasonProblem('数据有误请核实')).toBeNull();
    expect(reasonProblem('x'.repeat(1001))).toBe('validation.tooLong::{"max":1000}');
  });

  it('holds for returning and reopening an evaluation', async () => {
    const reviewer = w.caller(w.user('admin'));
    for (const reason of SHORT) {
      expect(await reasonKeys(reviewer.evaluations.return({ id: w.q3.firm2, revision: 2, reason }))).toEqual(['validation.reason']);
      expect(await reasonKeys(w.api.evaluations.reopen({ id: w.q3.firm, revision: 3, reason }))).toEqual(['validation.reason']);
    }
  });

  it('holds for returning evaluations in bulk', () => {
    const { revision } = w.db.select().from(evaluations).where(eq(evaluations.id, w.q3.firm2)).get()!;
    for (const reason of SHORT) {
      expect(() => returnEvaluations(w.db, w.user('admin'), [{ id: w.q3.firm2, revision, reason }])).toThrow(ValidationError);
    }
    // A reason that holds goes through.
    expect(returnEvaluations(w.db, w.user('admin'), [{ id: w.q3.firm2, revision, reason: '  请补充证明材料  ' }])).toEqual({ returned: 1 });
  });

  it('holds for reopening a period and excluding evaluations from a publish', async () => {
    const q3 = w.periodIds['2026Q3'];
    for (const reason of SHORT) {
      expect(await reasonKeys(w.api.periods.reopen({ id: q3, reason }))).toEqual(['validation.reason']);
      expect(await reasonKeys(w.api.periods.publish({ id: q3, exclude: { evaluationIds: [w.q3.firm2], reason } }), 'exclude.reason')).toEqual(['validation.reason']);
    }
  });

  it('holds for proposing and rejecting an override', async () => {
    for (const reason of SHORT) {
      expect(await reasonKeys(w.api.eligibility.override({ determinationId: 1, eligible: true, amount: 1, reason }))).toEqual(['validation.reason']);
      expect(await reasonKeys(w.api.eligibility.rejectOverride({ overrideId: 1, reason }))).toEqual(['validation.reason']);
    }
  });
});
