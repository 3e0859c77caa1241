import { hashPassword, verifyPassword } from 'better-auth/crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateDb, openDb, type Db } from '@/db/client';
import { DEMO_PASSWORD, DEMO_USERS } from '@/core/domain/demo-users';
import {
  isEmpty,
  isSeeded,
  seedDemo,
  seedIfEmpty,
  type SeedSummary,
} from '@/seed';
import { INDICATOR_SEEDS, KPI_SET_SEEDS } from '@/seed/catalogue';
import { isValidCreditCode } from '@/core/domain/credit-code';
import { planDemo } from '@/seed/plan';
import { methodHash } from '@/core/scoring';
import { loadKpiSetVersion } from '@/server/queries/kpi-documents';

const SEED_TIMEOUT = 60_000;

/** Hashed once for the suites that seed extra databases (scrypt is slow by design). */
let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword(DEMO_PASSWORD);
}, SEED_TIMEOUT);

function freshDb(): Db {
  const db = openDb(':memory:');
  migrateDb(db);
  return db;
}

function rows<T>(db: Db, query: ReturnType<typeof sql>): T[] {
  return db.all<T>(query);
}

function count(db: Db, table: string, where = '1 = 1'): number {
  return db.get<{ n: number }>(sql.raw(`select count(*) as n from "${table}" where ${where}`)).n;
}

/** Everything a person would see, by codes rather than ids, in a stable order. */
function snapshot(db: Db) {
  return {
    stakeholders: rows(db, sql`select s.code, s.name, s.type, r.code as region, s.credit_code, s.contact_name,
        s.contact_phone, s.active from stakeholders s join regions r on r.id = s.region_id order by s.code`),
    evaluations: rows(db, sql`select s.code, p.code as period, e.status, e.return_reason, e.submitted_at, e.approved_at
        from evaluations e join stakeholders s on s.id = e.stakeholder_id join periods p on p.id = e.period_id
        order by s.code, p.code`),
    values: rows(db, sql`select s.code, p.code as period, i.code as indicator, v.value, v.note, v.evidence_url
        from evaluation_values v join evaluations e on e.id = v.evaluation_id
        join stakeholders s on s.id = e.stakeholder_id join periods p on p.id = e.period_id
        join indicators i on i.id = v.indicator_id order by s.code, p.code, i.code`),
    versions: rows(db, sql`select k.code, v.method_hash from kpi_set_versions v join kpi_sets k on k.id = v.kpi_set_id order by k.code`),
  };
}

describe('demo data', () => {
  let db: Db;
  let summary: SeedSummary;

  beforeAll(async () => {
    db = freshDb();
    summary = await seedDemo(db);
  }, SEED_TIMEOUT);

  it('has the expected counts', () => {
    expect(count(db, 'stakeholder_types')).toBe(3);
    expect(count(db, 'stakeholders')).toBe(300);
    expect(count(db, 'stakeholders', "type = 'county_town'")).toBe(60);
    expect(count(db, 'stakeholders', "type = 'rural'")).toBe(150);
    expect(count(db, 'stakeholders', "type = 'market'")).toBe(90);
    expect(count(db, 'regions', "level = 'province'")).toBe(1);
    expect(count(db, 'regions', "level = 'prefecture'")).toBe(2);
    expect(count(db, 'regions', "level = 'county'")).toBe(6);
    expect(count(db, 'regions', "level = 'township'")).toBe(45);
    expect(count(db, 'objectives')).toBe(3);
    expect(count(db, 'indicators')).toBe(INDICATOR_SEEDS.length);
    expect(count(db, 'periods')).toBe(4);
    expect(count(db, 'kpi_set_versions', "status = 'published'")).toBe(3);
    expect(count(db, 'score_runs')).toBe(0);
    expect(count(db, 'audit_log', "action = 'demo.seed'")).toBe(1);
    expect(summary.stakeholders.total).toBe(300);
    expect(summary.evaluations.total).toBe(count(db, 'evaluations'));
    expect(summary.values).toBe(count(db, 'evaluation_values'));
  });

  it('covers the catalogue of DESIGN.md §6: 2–4 indicators per type and objective', () => {
    const perCell = rows<{ type: string; objective: string; n: number }>(
      db,
      sql`select k.stakeholder_type as type, o.code as objective, count(*) as n from kpi_set_indicators ki
          join kpi_set_versions v on v.id = ki.version_id join kpi_sets k on k.id = v.kpi_set_id
          join objectives o on o.id = ki.objective_id group by 1, 2`,
    );
    expect(perCell).toHaveLength(9);
    for (const cell of perCell) expect(cell.n).toBeGreaterThanOrEqual(2);
    expect(count(db, 'indicators', "code = 'mk_env_violations' and direction = 'lower' and red_flag_above = 0")).toBe(1);
  });

  it('keeps a consistent region tree with materialized paths', () => {
    const all = rows<{ id: number; code: string; level: string; parent_id: number | null; path: string }>(
      db,
      sql`select id, code, level, parent_id, path from regions`,
    );
    const byId = new Map(all.map((r) => [r.id, r]));
    for (const r of all) {
      const parent = r.parent_id === null ? undefined : byId.get(r.parent_id);
      expect(r.path).toBe(`${parent?.path ?? '/'}${r.id}/`);
      if (r.level === 'township') {
        expect(r.code).toMatch(/^\d{9}$/);
        expect(r.code.startsWith(parent?.code ?? '-')).toBe(true);
      } else {
        expect(r.code).toMatch(/^\d{6}$/);
      }
    }
    // Every stakeholder sits in a township.
    expect(count(db, 'stakeholders', "region_id not in (select id from regions where level = 'township')")).toBe(0);
  });

  it('gives stakeholders valid, unique credit codes and plausible contacts', () => {
    const list = rows<{ code: string; type: string; credit_code: string | null; contact_phone: string }>(
      db,
      sql`select code, type, credit_code, contact_phone from stakeholders`,
    );
    const codes = list.map((s) => s.credit_code).filter((c): c is string => c !== null);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(isValidCreditCode(c), c).toBe(true);
    for (const s of list) {
      expect(s.contact_phone).toMatch(/^1[358]\d{9}$/);
      if (s.type === 'market' || s.type === 'county_town') expect(s.credit_code).not.toBeNull();
      expect(s.code).toMatch(/^(CT|RU|MK)-\d{4}$/);
    }
    // Most rural entities have a code; some family farms do not.
    const rural = list.filter((s) => s.type === 'rural');
    const withCode = rural.filter((s) => s.credit_code !== null).length;
    expect(withCode).toBeGreaterThan(rural.length * 0.7);
    expect(withCode).toBeLessThan(rural.length);
  });

  it('publishes one KPI set version per type with a method hash over its content', () => {
    const versions = rows<{ id: number; code: string; status: string; method_hash: string; grades: string; effective: string; change_note: string }>(
      db,
      sql`select v.id, k.code, v.status, v.method_hash, v.grades, p.code as effective, v.change_note from kpi_set_versions v
          join kpi_sets k on k.id = v.kpi_set_id join periods p on p.id = v.effective_from_period_id`,
    );
    expect(versions.map((v) => v.code).sort()).toEqual(['county_town', 'market', 'rural']);
    for (const v of versions) {
      const set = KPI_SET_SEEDS.find((s) => s.code === v.code);
      expect(set).toBeDefined();
      expect(v.status).toBe('published');
      expect(v.method_hash).toBe(methodHash(loadKpiSetVersion(db, v.id).document));
      expect(v.method_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(v.effective).toBe('2025Q4');
      expect(v.change_note).toBe('Initial version');
      const grades = JSON.parse(v.grades) as { min: number }[];
      expect(grades.map((g) => g.min)).toEqual([...grades.map((g) => g.min)].sort((a, b) => b - a));
      expect(grades.at(-1)?.min).toBe(0);
    }
    // Published versions are immutable: the triggers refuse new items.
    expect(() =>
      db.$client.prepare('insert into kpi_set_indicators (version_id, indicator_id, objective_id, weight, normalization) select id, 1, 1, 1, \'{}\' from kpi_set_versions limit 1').run(),
    ).toThrow(/immutable/);
  });

  it('has approved evaluations for every active stakeholder in the published periods', () => {
    const missing = rows(
      db,
      sql`select s.code, p.code from stakeholders s cross join periods p
          where s.active = 1 and p.status = 'published'
            and not exists (select 1 from evaluations e where e.stakeholder_id = s.id and e.period_id = p.id and e.status = 'approved')`,
    );
    expect(missing).toEqual([]);
    expect(count(db, 'stakeholders', 'active = 0')).toBeGreaterThan(0);
    // Each evaluation uses its stakeholder type's KPI set.
    expect(
      rows(db, sql`select e.id from evaluations e join stakeholders s on s.id = e.stakeholder_id
          join kpi_set_versions v on v.id = e.kpi_set_version_id join kpi_sets k on k.id = v.kpi_set_id
          where k.stakeholder_type <> s.type`),
    ).toEqual([]);
  });

  it('has approvers different from submitters, both assessors of the stakeholder county', () => {
    const evaluations = rows<{ submitted_by: string; approved_by: string; stakeholder_path: string; sub_scope: string; app_scope: string }>(
      db,
      sql`select e.submitted_by, e.approved_by, r.path as stakeholder_path,
            (select rs.path from user_region_scopes us join regions rs on rs.id = us.region_id where us.user_id = e.submitted_by) as sub_scope,
            (select rs.path from user_region_scopes us join regions rs on rs.id = us.region_id where us.user_id = e.approved_by) as app_scope
          from evaluations e join stakeholders s on s.id = e.stakeholder_id join regions r on r.id = s.region_id
          where e.status = 'approved'`,
    );
    expect(evaluations.length).toBeGreaterThan(900);
    for (const e of evaluations) {
      expect(e.approved_by).not.toBe(e.submitted_by);
      expect(e.stakeholder_path.startsWith(e.sub_scope)).toBe(true);
      expect(e.stakeholder_path.startsWith(e.app_scope)).toBe(true);
    }
  });

  it('has a realistic mix of statuses in the open period', () => {
    const byStatus = rows<{ status: string; n: number }>(
      db,
      sql`select e.status, count(*) as n from evaluations e join periods p on p.id = e.period_id
          where p.status = 'open' group by e.status`,
    );
    const active = count(db, 'stakeholders', 'active = 1');
    const share = (status: string) => (byStatus.find((r) => r.status === status)?.n ?? 0) / active;
    expect(share('approved')).toBeGreaterThan(0.35);
    expect(share('approved')).toBeLessThan(0.55);
    expect(share('submitted')).toBeGreaterThan(0.12);
    expect(share('draft')).toBeGreaterThan(0.08);
    expect(share('returned')).toBeGreaterThan(0.02);
    const notStarted = 1 - byStatus.reduce((sum, r) => sum + r.n, 0) / active;
    expect(notStarted).toBeGreaterThan(0.08);
    expect(count(db, 'evaluations', "status = 'returned' and (return_reason is null or return_reason = '')")).toBe(0);
    expect(count(db, 'evaluations', "status in ('draft', 'submitted', 'returned') and approved_by is not null")).toBe(0);
  });

  it('keeps values inside each indicator’s valid range, with integers where required', () => {
    const outOfRange = rows(
      db,
      sql`select i.code, v.value from evaluation_values v join indicators i on i.id = v.indicator_id
          where v.value is not null and (v.value < i.min_value or v.value > i.max_value
            or (i.value_type = 'integer' and v.value <> cast(v.value as integer)))`,
    );
    expect(outOfRange).toEqual([]);
    // About 2% missing in finished evaluations, never more than one per evaluation.
    const finished = count(db, 'evaluation_values', "evaluation_id in (select id from evaluations where status <> 'draft')");
    const missing = count(db, 'evaluation_values', "value is null and evaluation_id in (select id from evaluations where status <> 'draft')");
    expect(missing / finished).toBeGreaterThan(0.005);
    expect(missing / finished).toBeLessThan(0.04);
    expect(
      rows(db, sql`select evaluation_id from evaluation_values v join evaluations e on e.id = v.evaluation_id
          where e.status <> 'draft' and v.value is null group by evaluation_id having count(*) > 1`),
    ).toEqual([]);
  });

  it('attaches evidence where required and flags a few environmental violations', () => {
    expect(
      count(
        db,
        'evaluation_values',
        `value is not null and evidence_url is null
         and indicator_id in (select id from indicators where evidence_required = 1)
         and evaluation_id in (select id from evaluations where status <> 'draft')`,
      ),
    ).toBe(0);
    expect(count(db, 'evaluation_values', "evidence_url like 'https://evidence.example.cn/%'")).toBeGreaterThan(100);
    const violations = count(
      db,
      'evaluation_values',
      "value > 0 and indicator_id = (select id from indicators where code = 'mk_env_violations')",
    );
    expect(violations).toBeGreaterThanOrEqual(2);
    expect(count(db, 'evaluation_values', 'note is not null')).toBeGreaterThan(20);
  });

  it('creates the demo logins with their roles, scopes and working passwords', async () => {
    const users = rows<{ id: string; username: string; role: string; stakeholder_id: number | null; email: string }>(
      db,
      sql`select id, username, role, stakeholder_id, email from "user"`,
    );
    for (const demo of DEMO_USERS) {
      const u = users.find((x) => x.username === demo.username);
      expect(u?.role, demo.username).toBe(demo.role);
      expect(u?.email).toBe(`${demo.username}@demo.scorecard.invalid`);
    }
    const scope = (username: string) =>
      rows<{ code: string }>(
        db,
        sql`select r.code from user_region_scopes s join regions r on r.id = s.region_id
            join "user" u on u.id = s.user_id where u.username = ${username}`,
      ).map((r) => r.code);
    expect(scope('assessor1')).toEqual(['532523']);
    expect(scope('assessor2')).toEqual(['532523']);
    expect(scope('assessor3')).toHaveLength(1);
    expect(scope('assessor3')).not.toEqual(['532523']);
    const linked = rows<{ username: string; type: string; county: string }>(
      db,
      sql`select u.username, s.type, substr(r.code, 1, 6) as county from "user" u
          join stakeholders s on s.id = u.stakeholder_id join regions r on r.id = s.region_id`,
    );
    expect(linked.sort((a, b) => a.username.localeCompare(b.username))).toEqual([
      { username: 'coop1', type: 'rural', county: '532523' },
      { username: 'firm1', type: 'market', county: '532523' },
      { username: 'town1', type: 'county_town', county: '532523' },
    ]);
    const admin = users.find((u) => u.username === 'admin');
    const acct = rows<{ account_id: string; provider_id: string; password: string }>(
      db,
      sql`select account_id, provider_id, password from account where user_id = ${admin?.id ?? ''}`,
    );
    expect(acct).toHaveLength(1);
    expect(acct[0]?.account_id).toBe(admin?.id);
    expect(acct[0]?.provider_id).toBe('credential');
    expect(await verifyPassword({ hash: acct[0]?.password ?? '', password: DEMO_PASSWORD })).toBe(true);
    expect(await verifyPassword({ hash: acct[0]?.password ?? '', password: 'wrong-password' })).toBe(false);
    expect(count(db, 'account')).toBe(users.length);
  });

  it('is recorded in the audit log and refuses to load twice', async () => {
    expect(isSeeded(db)).toBe(true);
    expect(isEmpty(db)).toBe(false);
    await expect(seedDemo(db, { passwordHash })).rejects.toThrow(/already/);
    expect(await seedIfEmpty(db, { passwordHash })).toBeNull();
    expect(count(db, 'stakeholders')).toBe(300);
  });

  it('produces identical data on every run', async () => {
    const other = freshDb();
    await seedDemo(other, { passwordHash });
    expect(snapshot(other)).toEqual(snapshot(db));
  }, SEED_TIMEOUT);
});

describe('seedIfEmpty', () => {
  it('loads once and then leaves the data alone', async () => {
    const db = freshDb();
    expect(isSeeded(db)).toBe(false);
    const first = await seedIfEmpty(db, { passwordHash });
    expect(first?.stakeholders.total).toBe(300);
    const evaluations = count(db, 'evaluations');
    const auditRowsAfterFirstLoad = count(db, 'audit_log');
    // The seeding itself once, plus one row per official score run computed and published.
    const actions = rows<{ action: string; n: number }>(db, sql`select action, count(*) as n from audit_log group by action`);
    expect(actions.find((a) => a.action === 'demo.seed')?.n).toBe(1);
    expect(actions.find((a) => a.action === 'scoreRun.publish')?.n).toBe(9);
    expect(count(db, 'score_runs')).toBe(12);
    expect(await seedIfEmpty(db, { passwordHash })).toBeNull();
    expect(count(db, 'stakeholders')).toBe(300);
    expect(count(db, 'evaluations')).toBe(evaluations);
    expect(count(db, 'audit_log')).toBe(auditRowsAfterFirstLoad);
  }, SEED_TIMEOUT);

  it('does not load the demo into a database that already holds other data', async () => {
    const db = freshDb();
    db.run(sql`insert into stakeholder_types (code, name_zh, name_en) values ('rural', '乡村主体', 'Rural entity')`);
    expect(await seedIfEmpty(db, { passwordHash })).toBeNull();
    await expect(seedDemo(db, { passwordHash })).rejects.toThrow(/already holds data/);
    expect(count(db, 'regions')).toBe(0);
  }, SEED_TIMEOUT);

  it('writes nothing when any insert fails (one transaction)', async () => {
    const db = freshDb();
    db.$client.exec(`create temp trigger fail_values before insert on main.evaluation_values
      begin select raise(abort, 'injected failure'); end`);
    const error: unknown = await seedDemo(db, { passwordHash }).then(
      () => null,
      (e: unknown) => e,
    );
    // drizzle wraps the SQLite error; the trigger's message is in the cause.
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).cause ?? (error as Error).message)).toMatch(/injected failure/);
    for (const table of ['regions', 'stakeholders', 'user', 'indicators', 'kpi_set_versions', 'evaluations', 'audit_log'])
      expect(count(db, table), table).toBe(0);
  }, SEED_TIMEOUT);
});

describe('demo plan', () => {
  const plan = planDemo();
  const indicators = new Map(INDICATOR_SEEDS.map((i) => [i.code, i]));

  /** A simplified composite: goalposts normalization, arithmetic means (the engine's stand-in). */
  function roughScore(values: { indicatorCode: string; value: number | null }[]): number {
    let sum = 0;
    let weight = 0;
    for (const v of values) {
      const ind = indicators.get(v.indicatorCode);
      if (!ind || v.value === null) continue;
      const { min, max, transform } = ind.normalization;
      const f = (x: number) => (transform === 'ln' ? Math.log(Math.max(x, 1e-9)) : x);
      let p = (f(v.value) - f(min)) / (f(max) - f(min));
      if (ind.direction === 'lower') p = 1 - p;
      sum += ind.weight * Math.min(1, Math.max(0, p)) * 100;
      weight += ind.weight;
    }
    return sum / weight;
  }

  it('makes at-risk entities drop by more than 10 points in the latest periods', () => {
    expect(plan.profiles.atRisk.size).toBeGreaterThanOrEqual(10);
    const score = (code: string, period: string) => {
      const e = plan.evaluations.find((x) => x.stakeholderCode === code && x.periodCode === period);
      return e ? roughScore(e.values) : undefined;
    };
    const drops = [...plan.profiles.atRisk].map((code) => (score(code, '2026Q1') ?? 0) - (score(code, '2026Q2') ?? 0));
    const meanDrop = drops.reduce((a, b) => a + b, 0) / drops.length;
    expect(meanDrop).toBeGreaterThan(10);
    // Improving and declining entities exist in every type.
    for (const type of ['county_town', 'rural', 'market'] as const) {
      const kinds = new Set(plan.stakeholders.filter((s) => s.type === type).map((s) => plan.profiles.profiles.get(s.code)?.trendKind));
      expect(kinds).toEqual(new Set(['improving', 'stable', 'declining']));
    }
  });

  it('uses unique stakeholder names', () => {
    const names = plan.stakeholders.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
