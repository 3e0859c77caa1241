import { describe, expect, it } from 'vitest';
import { DUE_SOON_DAYS, isDueSoon } from '@/core/domain/notifications';

describe('a period nearing its due date', () => {
  it('is announced from three days before the due date to the day itself', () => {
    expect(DUE_SOON_DAYS).toBe(3);
    expect(isDueSoon('2026-09-30', '2026-09-26')).toBe(false);
    expect(isDueSoon('2026-09-30', '2026-09-27')).toBe(true);
    expect(isDueSoon('2026-09-30', '2026-09-30')).toBe(true);
    expect(isDueSoon('2026-09-30', '2026-10-01')).toBe(false);
  });

  it('counts calendar days across a month and a year end', () => {
    expect(isDueSoon('2026-10-01', '2026-09-28')).toBe(true);
    expect(isDueSoon('2027-01-02', '2026-12-30')).toBe(true);
    expect(isDueSoon('2027-01-02', '2026-12-29')).toBe(false);
  });
});
