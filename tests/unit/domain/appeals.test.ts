// The appeal's pure rules: the state machine's transitions, the window and due dates, and the
// content check of evidence files by their magic numbers.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  APPEAL_STATUSES,
  appealDueState,
  appealWindowClosesOn,
  checkAppealFile,
  isAppealWindowOpen,
  median,
  nextAppealStatus,
  sniffAppealFileType,
  type AppealAction,
} from '@/core/domain/appeals';

const PDF = new TextEncoder().encode('%PDF-1.7\n');
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);

describe('nextAppealStatus', () => {
  it('allows exactly the steps of the diagram', () => {
    const actions: AppealAction[] = ['propose', 'sendBack', 'confirm', 'withdraw'];
    const table = Object.fromEntries(APPEAL_STATUSES.map((s) => [s, Object.fromEntries(actions.map((a) => [a, nextAppealStatus(s, a, 'accept')]))]));
    expect(table).toEqual({
      submitted: { propose: 'proposed', sendBack: null, confirm: null, withdraw: 'withdrawn' },
      proposed: { propose: null, sendBack: 'submitted', confirm: 'accepted', withdraw: null },
      accepted: { propose: null, sendBack: null, confirm: null, withdraw: null },
      rejected: { propose: null, sendBack: null, confirm: null, withdraw: null },
      withdrawn: { propose: null, sendBack: null, confirm: null, withdraw: null },
    });
  });

  it('a confirmation takes the proposal’s decision, and needs one', () => {
    expect(nextAppealStatus('proposed', 'confirm', 'reject')).toBe('rejected');
    expect(nextAppealStatus('proposed', 'confirm')).toBeNull();
  });
});

describe('window and due dates', () => {
  it('the window closes windowDays after the publication day, that day included', () => {
    const closes = appealWindowClosesOn(new Date('2026-07-10T23:30:00Z'), 30);
    expect(closes).toBe('2026-08-09');
    expect(isAppealWindowOpen(closes, '2026-08-09')).toBe(true);
    expect(isAppealWindowOpen(closes, '2026-08-10')).toBe(false);
    expect(appealWindowClosesOn(new Date('2026-07-10T08:00:00Z'), 0)).toBe('2026-07-10');
  });

  it('adds days across months and leap days', () => {
    expect(addDays('2028-02-20', 15)).toBe('2028-03-06');
    expect(addDays('2026-12-25', 15)).toBe('2027-01-09');
  });

  it('an open appeal is due until its date and overdue after; a decided one is neither', () => {
    expect(appealDueState('submitted', '2026-08-01', '2026-08-01')).toBe('due');
    expect(appealDueState('proposed', '2026-08-01', '2026-08-02')).toBe('overdue');
    expect(appealDueState('accepted', '2026-08-01', '2026-09-01')).toBeNull();
    expect(appealDueState('withdrawn', '2026-08-01', '2026-09-01')).toBeNull();
  });

  it('median of odd, even and empty lists', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('evidence files by content', () => {
  it('knows PDF, JPEG and PNG by their first bytes, and nothing else', () => {
    expect(sniffAppealFileType(PDF)).toBe('application/pdf');
    expect(sniffAppealFileType(JPEG)).toBe('image/jpeg');
    expect(sniffAppealFileType(PNG)).toBe('image/png');
    expect(sniffAppealFileType(new TextEncoder().encode('<html><body>'))).toBeNull();
    expect(sniffAppealFileType(new TextEncoder().encode('%PD'))).toBeNull();
    expect(sniffAppealFileType(new Uint8Array())).toBeNull();
  });

  it('the name and the declared type must say what the bytes are', () => {
    expect(checkAppealFile({ name: 'a.PDF', type: 'application/pdf', bytes: PDF })).toEqual({ ok: true, type: 'application/pdf' });
    expect(checkAppealFile({ name: 'photo.jpeg', type: '', bytes: JPEG })).toEqual({ ok: true, type: 'image/jpeg' });
    expect(checkAppealFile({ name: 'scan.png', type: 'application/octet-stream', bytes: PNG })).toEqual({ ok: true, type: 'image/png' });
    expect(checkAppealFile({ name: 'scan.pdf', type: 'application/pdf', bytes: PNG })).toEqual({ ok: false, problem: 'mismatch', found: 'image/png' });
    expect(checkAppealFile({ name: 'scan.png', type: 'image/jpeg', bytes: PNG })).toEqual({ ok: false, problem: 'mismatch', found: 'image/png' });
    expect(checkAppealFile({ name: 'scan', type: '', bytes: PNG })).toEqual({ ok: false, problem: 'mismatch', found: 'image/png' });
    expect(checkAppealFile({ name: 'page.pdf', type: 'application/pdf', bytes: new TextEncoder().encode('<!doctype html>') })).toEqual({ ok: false, problem: 'type', found: null });
  });
});
