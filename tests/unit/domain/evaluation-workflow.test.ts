import { describe, expect, it } from 'vitest';
import { allowedActions } from '@/core/domain/evaluation-workflow';

const assessor = { id: 'a1', role: 'assessor' as const };
const admin = { id: 'ad', role: 'admin' as const };

describe('allowedActions', () => {
  it('a draft in an open period can be edited and submitted, not reviewed', () => {
    expect(allowedActions(assessor, { status: 'draft', submittedBy: null }, { status: 'open' })).toEqual({
      edit: true,
      submit: true,
      review: false,
      reviewBlockedAsSubmitter: false,
      reopen: false,
    });
  });

  it('nothing is editable once the period is closed', () => {
    expect(allowedActions(assessor, { status: 'returned', submittedBy: 'x' }, { status: 'closed' }).edit).toBe(false);
  });

  it('a submitted evaluation is reviewed by someone other than its submitter', () => {
    const submitted = { status: 'submitted' as const, submittedBy: 'a1' };
    expect(allowedActions(assessor, submitted, { status: 'open' })).toMatchObject({ review: false, reviewBlockedAsSubmitter: true });
    expect(allowedActions({ id: 'a2', role: 'assessor' }, submitted, { status: 'closed' })).toMatchObject({ review: true, reviewBlockedAsSubmitter: false });
    expect(allowedActions({ id: 'a2', role: 'assessor' }, submitted, { status: 'published' }).review).toBe(false);
  });

  it('only an administrator reopens an approved evaluation, and not in a published period', () => {
    const approved = { status: 'approved' as const, submittedBy: 'a1' };
    expect(allowedActions(admin, approved, { status: 'closed' }).reopen).toBe(true);
    expect(allowedActions(assessor, approved, { status: 'closed' }).reopen).toBe(false);
    expect(allowedActions(admin, approved, { status: 'published' }).reopen).toBe(false);
  });
});
