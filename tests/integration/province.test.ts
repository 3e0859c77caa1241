// The province generator on a small province: what it loads is where it should be, in the states
// it should be in, and it refuses a database that already holds data.
import { hashPassword } from 'better-auth/crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { DEMO_PASSWORD } from '@/core/domain/demo-users';
import { isValidCreditCode } from '@/core/domain/credit-code';
import { seedProvince, type ProvinceSummary } from '@/seed/province';
import { freshDb } from './helpers';

const GENERATED = 2000;
const DEMO_STAKEHOLDERS = 300;

let db: Db;
let summary: ProvinceSummary;
let passwordHash: string;
let settingsBefore: unknown[];

/** The connection settings the loader changes for its load. */
const settings = () => ['synchronous', 'cache_size', 'busy_timeout'].map((name) => db.$client.pragma(name, { simple: true }));

beforeAll(async () => {
  db = freshDb();
  passwordHash = await hashPassword(DEMO_PASSWORD);
  settingsBefore = settings();
  summary = await seedProvince(db, { stakeholders: GENERATED, passwordHash });
}, 120_000);

const all = <T>(query: ReturnType<typeof sql>) => db.all<T>(query);
const one = <T>(query: ReturnType<typeof sql>) => db.get<T>(query);

describe('a generated province', () => {
  it('holds the demo stakeholders plus the generated ones, by type as the summary says', () => {
    const byType = all<{ type: string; n: number }>(sql`select type, count(*) as n from stakeholders group by type order by type`);
    expect(byType.reduce((s, r) => s + r.n, 0)).toBe(GENERATED + DEMO_STAKEHOLDERS);
    expect(Object.fromEntries(byType.map((r) => [r.type, r.n]))).toEqual(summary.stakeholders);
    // Every type is well represented (the demo's mix is 20 : 50 : 30).
    for (const r of byType) expect(r.n).toBeGreaterThan(GENERATED * 0.15);
  });

  it('places every stakeholder in a live township of a real Yunnan county, spread over the province', () => {
    const misplaced = one<{ n: number }>(sql`select count(*) as n from stakeholders s join regions t on t.id = s.region_id
      left join regions c on c.id = t.parent_id
      where t.level <> 'township' or t.retired_at is not null or length(t.code) <> 9 or c.level <> 'county' or substr(t.code, 1, 6) <> c.code or c.code not like '53%'`);
    expect(misplaced.n).toBe(0);
    const perCounty = all<{ county: string; n: number }>(sql`select c.code as county, count(*) as n from stakeholders s
      join regions t on t.id = s.region_id join regions c on c.id = t.parent_id group by c.code`);
    expect(perCounty.reduce((s, r) => s + r.n, 0)).toBe(GENERATED + DEMO_STAKEHOLDERS);
    const counties = one<{ n: number }>(sql`select count(*) as n from regions where level = 'county' and code like '53%'`).n;
    expect(counties).toBeGreaterThanOrEqual(120); // Yunnan has 129 county-level units
    expect(perCounty.length).toBeGreaterThan(counties * 0.9);
  });

  it('registers valid, unique credit codes and unique stakeholder codes', () => {
    const codes = all<{ credit_code: string }>(sql`select credit_code from stakeholders where credit_code is not null`);
    expect(codes.every((c) => isValidCreditCode(c.credit_code))).toBe(true);
    expect(new Set(codes.map((c) => c.credit_code)).size).toBe(codes.length);
  });

  it('has three published quarters with official score runs, eligibility runs on the latest, and one open quarter', () => {
    const periods = all<{ code: string; status: string }>(sql`select code, status from periods order by starts_on`);
    expect(periods).toEqual([
      { code: '2025Q4', status: 'published' },
      { code: '2026Q1', status: 'published' },
      { code: '2026Q2', status: 'published' },
      { code: '2026Q3', status: 'open' },
    ]);
    const runs = all<{ code: string; scoreRuns: number; scored: number; eligibilityRuns: number }>(sql`select p.code,
        (select count(*) from score_runs r where r.period_id = p.id and r.kind = 'official' and r.status = 'published') as scoreRuns,
        (select count(*) from scores x join score_runs r on r.id = x.run_id where r.period_id = p.id and r.kind = 'official') as scored,
        (select count(*) from eligibility_runs e where e.period_id = p.id) as eligibilityRuns
      from periods p where p.status = 'published' order by p.starts_on`);
    // Every program runs once, on the latest published quarter (as in the demo).
    expect(runs.map((r) => r.eligibilityRuns)).toEqual([0, 0, 3]);
    for (const r of runs) {
      expect(r.scoreRuns).toBe(3);
      expect(r.scored).toBeGreaterThan((GENERATED + DEMO_STAKEHOLDERS) * 0.95);
    }
    const unapproved = one<{ n: number }>(sql`select count(*) as n from evaluations e join periods p on p.id = e.period_id
      where p.status = 'published' and e.status <> 'approved'`);
    expect(unapproved.n).toBe(0);
  });

  it('leaves the open quarter with drafts, submissions, returns and approvals, through the workflow', () => {
    const open = Object.fromEntries(
      all<{ status: string; n: number }>(sql`select e.status, count(*) as n from evaluations e join periods p on p.id = e.period_id
        where p.status = 'open' group by e.status`).map((r) => [r.status, r.n]),
    );
    for (const status of ['draft', 'submitted', 'returned', 'approved']) expect(open[status]).toBeGreaterThan(0);
    // Each transition left its audit row: an approval was imported, submitted and approved.
    const audited = one<{ n: number }>(sql`select count(*) as n from audit_log where action = 'evaluation.approve'`).n;
    expect(audited).toBe(one<{ n: number }>(sql`select count(*) as n from evaluations where status = 'approved'`).n);
    const returned = one<{ n: number }>(sql`select count(*) as n from evaluations where status = 'returned' and return_reason is null`).n;
    expect(returned).toBe(0);
  });

  it('leaves the connection with the settings it had before the load', () => {
    expect(settings()).toEqual(settingsBefore);
  });

  it('refuses a second run on a database that already holds data', async () => {
    const before = one<{ n: number }>(sql`select count(*) as n from stakeholders`).n;
    await expect(seedProvince(db, { stakeholders: 10, passwordHash })).rejects.toThrow(/already holds data/);
    expect(one<{ n: number }>(sql`select count(*) as n from stakeholders`).n).toBe(before);
  });
});
