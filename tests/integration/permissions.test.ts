// Table-driven from the permission matrix: every procedure and every route handler, called as
// every role and without a session, is allowed exactly when the matrix says so: UNAUTHORIZED (401)
// without a session, FORBIDDEN (403) out of role.
import fs from 'node:fs';
import path from 'node:path';
import { TRPCError, type inferRouterInputs } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { beforeEach, describe, expect, it } from 'vitest';

import { can, PERMISSIONS, type Action } from '@/server/auth/permissions';
import { HTTP_STATUS, type ErrorCode } from '@/server/errors';
import { ROUTES, programFileRoute } from '@/server/http';
import type { AppRouter } from '@/server/trpc/root';
import { callerFor, freshDb, makeUser, smallWorld } from './helpers';
import type { Db } from '@/db/client';
import { ROLES, type Role } from '@/core/domain/enums';

type Inputs = inferRouterInputs<AppRouter>;
type ProcedurePath = { [R in keyof Inputs & string]: `${R}.${keyof Inputs[R] & string}` }[keyof Inputs & string];

/** Each procedure's action: the compiler insists that every procedure is listed, the tests below that each checks it. */
const PROCEDURES = {
  'me.get': 'me.read',
  'me.changePassword': 'me.changePassword',
  'meta.demo': 'meta.demo',
  'dashboard.admin': 'dashboard.admin',
  'dashboard.assessor': 'dashboard.assessor',
  'users.list': 'users.list',
  'users.create': 'users.create',
  'users.update': 'users.update',
  'users.resetPassword': 'users.resetPassword',
  'users.setDisabled': 'users.setDisabled',
  'audit.list': 'audit.list',
  'regions.list': 'regions.list',
  'regions.stakeholderTypes': 'stakeholderTypes.list',
  'regions.tree': 'regions.tree',
  'regions.rename': 'regions.rename',
  'regions.setRetired': 'regions.setRetired',
  'regions.delete': 'regions.delete',
  'stakeholders.list': 'stakeholders.list',
  'stakeholders.get': 'stakeholders.read',
  'stakeholders.create': 'stakeholders.create',
  'stakeholders.update': 'stakeholders.update',
  'stakeholders.setActive': 'stakeholders.setActive',
  'stakeholderRegistry.check': 'stakeholders.import',
  'stakeholderRegistry.run': 'stakeholders.import',
  'periods.list': 'periods.list',
  'periods.create': 'periods.create',
  'periods.close': 'periods.close',
  'periods.reopen': 'periods.reopen',
  'periods.unapproved': 'periods.unapproved',
  'periods.publish': 'periods.publish',
  'periods.setDueDate': 'periods.setDueDate',
  'periods.setAppealDays': 'periods.setAppealDays',
  'indicators.list': 'indicators.list',
  'indicators.get': 'indicators.read',
  'indicators.create': 'indicators.create',
  'indicators.update': 'indicators.update',
  'indicators.setRetired': 'indicators.retire',
  'indicators.units': 'indicators.list',
  'indicators.createUnit': 'indicators.create',
  'kpiSets.list': 'kpiSets.list',
  'kpiSets.version': 'kpiSets.read',
  'kpiSets.createDraft': 'kpiSets.createDraft',
  'kpiSets.saveDraft': 'kpiSets.saveDraft',
  'kpiSets.discardDraft': 'kpiSets.discardDraft',
  'kpiSets.publish': 'kpiSets.publish',
  'kpiSets.diff': 'kpiSets.diff',
  'kpiSets.export': 'kpiSets.export',
  'kpiSets.import': 'kpiSets.import',
  'tuning.dataWeights': 'tuning.dataWeights',
  'tuning.applyWeights': 'tuning.applyWeights',
  'tuning.preview': 'tuning.preview',
  'tuning.startPreview': 'tuning.preview',
  'tuning.indicatorValues': 'tuning.preview',
  'tuning.sensitivityBasis': 'tuning.sensitivity',
  'evaluations.workList': 'evaluations.list',
  'evaluations.get': 'evaluations.read',
  'evaluations.start': 'evaluations.start',
  'evaluations.save': 'evaluations.save',
  'evaluations.submit': 'evaluations.submit',
  'evaluations.submitDrafts': 'evaluations.submit',
  'evaluations.approve': 'evaluations.review',
  'evaluations.return': 'evaluations.review',
  'evaluations.reopen': 'evaluations.reopen',
  'imports.options': 'imports.options',
  'imports.check': 'imports.check',
  'imports.run': 'imports.run',
  'countyDashboard.get': 'countyDashboard.read',
  'countyDashboard.townships': 'countyDashboard.read',
  'scorecards.get': 'scorecards.read',
  'scorecards.nextBand': 'scorecards.read',
  'scorecards.whatIf': 'scorecards.read',
  'scorecards.county': 'scorecards.county',
  'scorecardExports.publication': 'scorecards.read',
  'scorecardExports.periodPublication': 'scorecards.county',
  'incentives.list': 'programs.list',
  'incentives.get': 'programs.read',
  'incentives.file': 'programs.read',
  'incentives.vocabulary': 'programs.read',
  'incentives.create': 'programs.create',
  'incentives.update': 'programs.update',
  'eligibility.periods': 'eligibility.listRuns',
  'eligibility.runs': 'eligibility.listRuns',
  'eligibility.run': 'eligibility.run',
  'eligibility.get': 'eligibility.readRun',
  'eligibility.determinations': 'eligibility.readRun',
  'eligibility.recompute': 'eligibility.recompute',
  'eligibility.override': 'eligibility.override',
  'eligibility.pendingOverrides': 'eligibility.readRun',
  'eligibility.approveOverride': 'eligibility.decideOverride',
  'eligibility.rejectOverride': 'eligibility.decideOverride',
  'eligibility.beneficiaries': 'eligibility.export',
  'robustness.start': 'robustness.start',
  'robustness.get': 'robustness.read',
  'robustness.determination': 'robustness.read',
  'jobs.get': 'jobs.read',
  'jobs.list': 'jobs.read',
  'notifications.unreadCount': 'notifications.read',
  'notifications.list': 'notifications.read',
  'notifications.markRead': 'notifications.markRead',
  'notifications.markAllRead': 'notifications.markRead',
  'appeals.window': 'appeals.read',
  'appeals.form': 'appeals.file',
  'appeals.file': 'appeals.file',
  'appeals.get': 'appeals.read',
  'appeals.list': 'appeals.read',
  'appeals.work': 'appeals.decide',
  'appeals.propose': 'appeals.propose',
  'appeals.sendBack': 'appeals.decide',
  'appeals.confirm': 'appeals.decide',
  'appeals.withdraw': 'appeals.withdraw',
  'appeals.overview': 'appeals.overview',
  'revisions.overview': 'revisions.read',
  'revisions.preview': 'revisions.preview',
  'revisions.publish': 'revisions.publish',
} as const satisfies Record<ProcedurePath, Action>;

const CALLERS = [null, ...ROLES] as const;

async function outcome(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
    return 'OK';
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
}

function invoke(caller: ReturnType<typeof callerFor>, procedure: string, input: unknown) {
  const fn = procedure.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], caller) as (i: unknown) => Promise<unknown>;
  return fn(input);
}

describe('permission matrix', () => {
  let db: Db;
  const users = {} as Record<Role, ReturnType<typeof makeUser>>;
  const userOf = (role: Role | null) => (role ? users[role] : null);

  beforeEach(() => {
    db = freshDb();
    const world = smallWorld(db);
    users.admin = makeUser(db, 'admin');
    users.assessor = makeUser(db, 'assessor', { regionIds: [world.countyA.id] });
    users.stakeholder = makeUser(db, 'stakeholder', { stakeholderId: world.shA.id });
  });

  it('every action of the matrix is taken by a procedure or a route handler', () => {
    const used = new Set<string>([...Object.values(PROCEDURES), ...ROUTES.map((r) => r.action)]);
    expect(Object.keys(PERMISSIONS).filter((a) => !used.has(a))).toEqual([]);
  });

  for (const [procedure, action] of Object.entries(PROCEDURES)) {
    for (const role of CALLERS) {
      const allowed = can(role, action);
      it(`${procedure} (${action}): ${role ?? 'anonymous'} is ${allowed ? 'allowed' : 'refused'}`, async () => {
        // An empty input: allowed callers get past the permission check and then fail validation
        // (or succeed); refused callers are stopped before the input is even looked at.
        const result = await outcome(() => invoke(callerFor(db, userOf(role)), procedure, undefined));
        if (allowed) expect(['OK', 'BAD_REQUEST']).toContain(result);
        else expect(result).toBe(role ? 'FORBIDDEN' : 'UNAUTHORIZED');
      });
    }
  }

  for (const route of ROUTES) {
    for (const role of CALLERS) {
      const allowed = can(role, route.action);
      it(`${route.method} ${route.path} (${route.action}): ${role ?? 'anonymous'} is ${allowed ? 'allowed' : 'refused'}`, async () => {
        // No parameters and no body: allowed callers get a validation error, a redirect back to a
        // form, or an answer that needs none; refused callers are stopped first.
        const headers = route.method === 'POST' ? { 'content-type': 'application/json' } : undefined;
        const request = new Request(`http://localhost${route.path}`, { method: route.method, headers });
        const res = await route.run({ db, user: userOf(role) }, request);
        if (allowed) expect([200, 303, 400, 404]).toContain(res.status);
        else expect(res.status).toBe(role ? 403 : 401);
      });
    }
  }

  it('a domain error from a route handler has the status of the error table, with the reason as JSON', async () => {
    const res = await programFileRoute.run({ db, user: users.admin }, new Request('http://localhost/api/eligibility/programs/999'), { id: '999' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND', reason: 'not_found' } });
  });
});

describe('route handlers are registered', () => {
  const routeFile = (p: string) => path.join(process.cwd(), 'app', p, 'route.ts');

  it('each registered route is served by its file under app/api', () => {
    for (const route of ROUTES) {
      const source = fs.readFileSync(routeFile(route.path), 'utf8');
      expect(source, route.path).toMatch(new RegExp(`export const ${route.method} = \\w+\\.handle;`));
    }
  });

  it('every route file under app/api is registered', () => {
    const files = fs.readdirSync(path.join(process.cwd(), 'app', 'api'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('route.ts'));
    const served = files.flatMap((f) => {
      const source = fs.readFileSync(path.join(process.cwd(), 'app', 'api', f), 'utf8');
      const dir = '/api/' + path.dirname(f).split(path.sep).join('/');
      return [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) =/g)].map((m) => `${m[1]} ${dir}`);
    });
    expect(served.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });
});

describe('one error table', () => {
  it('route handlers answer each code with the status tRPC answers it with', () => {
    for (const code of Object.keys(HTTP_STATUS) as ErrorCode[]) {
      expect(getHTTPStatusCodeFromError(new TRPCError({ code })), code).toBe(HTTP_STATUS[code]);
    }
  });
});

describe('scope is enforced in the queries', () => {
  it('an assessor cannot read, edit or create a stakeholder outside their county', async () => {
    const db = freshDb();
    const w = smallWorld(db);
    const assessor = callerFor(db, makeUser(db, 'assessor', { regionIds: [w.countyA.id] }));
    await expect(assessor.stakeholders.get({ id: w.shA.id })).resolves.toMatchObject({ id: w.shA.id });
    // Another county's stakeholder is answered as one that doesn't exist (no existence oracle).
    await expect(assessor.stakeholders.get({ id: w.shB.id })).rejects.toMatchObject({ code: 'NOT_FOUND', message: `Stakeholder ${w.shB.id} does not exist.` });
    const data = { name: '改名', type: 'market' as const, regionId: w.townB.id };
    await expect(assessor.stakeholders.update({ id: w.shB.id, data })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(assessor.stakeholders.setActive({ id: w.shB.id, active: false })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(assessor.stakeholders.create(data)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Moving an own stakeholder into another county is just as out of scope.
    await expect(assessor.stakeholders.update({ id: w.shA.id, data })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const list = await assessor.stakeholders.list({ page: 1, pageSize: 50 });
    expect(list.items.map((s) => s.id)).toEqual([w.shA.id]);
    const regions = await assessor.regions.list({});
    expect(regions.map((r) => r.code).sort()).toEqual(['532523', '532523101']);
  });

  it('a stakeholder user reads only its own stakeholder', async () => {
    const db = freshDb();
    const w = smallWorld(db);
    const me = callerFor(db, makeUser(db, 'stakeholder', { stakeholderId: w.shA.id }));
    await expect(me.stakeholders.get({ id: w.shA.id })).resolves.toMatchObject({ name: w.shA.name });
    await expect(me.stakeholders.get({ id: w.shB.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('an assessor without regions sees nothing', async () => {
    const db = freshDb();
    smallWorld(db);
    const lonely = callerFor(db, makeUser(db, 'assessor'));
    expect((await lonely.stakeholders.list({ page: 1, pageSize: 10 })).total).toBe(0);
    expect(await lonely.regions.list({})).toEqual([]);
  });
});
