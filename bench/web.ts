// What the served app costs per request: every page of every role (the navigation of each role,
// plus the first detail page each list links to) and the tRPC queries those pages use, each timed
// to its last byte on the server's own machine; then the stakeholder scorecard under 50 concurrent
// connections (autocannon).
import autocannon from 'autocannon';
import { BenchError, percentile, queryPath, signIn, timedGet, type Session } from './lib/http';
import type { Server } from './lib/servers';
import { NAV, ROLE_USERS, newDetailPages, routeName, type RoleName } from '../tests/e2e/pages';

// The pages (NAV, DETAIL_PATTERNS) are the one list the browser tests use too.
export { ROLE_USERS, type RoleName };

/** The tRPC queries the role's pages call (inputs as a page opens them: defaults). */
const QUERIES: Record<RoleName, [string, unknown][]> = {
  admin: [
    ['dashboard.admin', {}], ['periods.list', undefined], ['kpiSets.list', undefined], ['evaluations.workList', {}], ['countyDashboard.get', {}],
    ['scorecards.county', {}], ['incentives.list', undefined], ['eligibility.periods', undefined], ['stakeholders.list', {}], ['users.list', {}],
    ['audit.list', {}], ['regions.list', { level: 'county' }], ['imports.options', {}], ['jobs.list', {}], ['evaluations.workList', { view: 'toReview' }],
    ['notifications.unreadCount', undefined], ['notifications.list', {}],
  ],
  assessor: [
    ['dashboard.assessor', {}], ['evaluations.workList', {}], ['evaluations.workList', { view: 'toReview' }], ['evaluations.workList', { view: 'mine' }], ['countyDashboard.get', {}],
    ['scorecards.county', {}], ['stakeholders.list', {}], ['imports.options', {}], ['notifications.unreadCount', undefined], ['notifications.list', {}],
  ],
  stakeholder: [['scorecards.get', {}], ['scorecards.nextBand', {}], ['notifications.unreadCount', undefined], ['notifications.list', {}]],
};

export const MAX_RESPONSE_BYTES = 1 << 20;

export interface RequestFigure {
  role: RoleName;
  kind: 'page' | 'query';
  name: string;
  /** What was requested (a detail page's own id, a query's input). */
  path: string;
  status: number;
  p50: number;
  p95: number;
  bytes: number;
}

interface Target {
  kind: RequestFigure['kind'];
  name: string;
  path: string;
}

/**
 * What `role` opens on one server: its NAV pages, the first detail page of each kind they link to
 * (ids differ between databases, so each server's own), then the queries. Each page is read once
 * here, which also warms it.
 */
async function targetsOf(session: Session, role: RoleName): Promise<Target[]> {
  const targets: Target[] = [];
  const seen = new Set<string>();
  const pages = NAV[role].map((path) => ({ name: path, path }));
  for (let i = 0; i < pages.length; i++) {
    const { name, path } = pages[i]!;
    targets.push({ kind: 'page', name, path });
    const { body } = await timedGet(session, path);
    const hrefs = Array.from(body.matchAll(/href="(\/[^"]*)/g), (m) => m[1]!.replace(/&amp;/g, '&'));
    for (const href of newDetailPages(hrefs, seen)) pages.push({ name: routeName(href), path: href });
  }
  for (const [procedure, input] of QUERIES[role]) {
    // A view of the same query is its own row (e.g. evaluations.workList (toReview)).
    const view = input && typeof input === 'object' && 'view' in input ? ` (${String(input.view)})` : '';
    targets.push({ kind: 'query', name: `${procedure}${view}`, path: queryPath(procedure, input) });
  }
  return targets;
}

/**
 * Every page and query of every role, `repeats` timed reads each after a warm-up read, on all
 * `servers` at once: the servers' reads of one page alternate (demo, province, demo, …), so a
 * moment of load on the machine falls on both sides of the "× demo" ratio instead of on one.
 */
export async function measureRequests(servers: Server[], repeats: number): Promise<Map<string, RequestFigure[]>> {
  const figures = new Map<string, RequestFigure[]>(servers.map((s) => [s.database.label, []]));
  for (const role of Object.keys(ROLE_USERS) as RoleName[]) {
    const sides = await Promise.all(
      servers.map(async (server) => {
        const session = await signIn(server.base, ROLE_USERS[role]);
        return { server, session, targets: new Map((await targetsOf(session, role)).map((t) => [t.name, t])) };
      }),
    );
    const names = [...new Set(sides.flatMap((side) => [...side.targets.keys()]))];
    for (const name of names) {
      const present = sides.filter((side) => side.targets.has(name));
      const times = present.map(() => [] as number[]);
      const last = await Promise.all(present.map((side) => timedGet(side.session, side.targets.get(name)!.path)));
      for (let i = 0; i < repeats; i++) {
        for (const [j, side] of present.entries()) {
          last[j] = await timedGet(side.session, side.targets.get(name)!.path);
          times[j]!.push(last[j]!.ms);
        }
      }
      for (const [j, side] of present.entries()) {
        const { kind, path } = side.targets.get(name)!;
        figures.get(side.server.database.label)!.push({ role, kind, name, path, status: last[j]!.status, p50: percentile(times[j]!, 50), p95: percentile(times[j]!, 95), bytes: last[j]!.bytes });
      }
    }
  }
  return figures;
}

export interface LoadFigure {
  target: string;
  requestsPerSecond: number;
  /** autocannon reports p97.5, not p95. */
  p975Ms: number;
  errors: number;
  non2xx: number;
  /** How many samples the figure is the median of (errors are summed over them). */
  rounds?: number;
}

/** Samples of the same targets, one per round: per target the median rate and p97.5, errors summed. */
export function medianLoad(rounds: LoadFigure[][]): LoadFigure[] {
  const median = (xs: number[]) => percentile(xs, 50);
  return (rounds[0] ?? []).map(({ target }) => {
    const samples = rounds.map((r) => r.find((f) => f.target === target)!);
    return {
      target,
      requestsPerSecond: median(samples.map((f) => f.requestsPerSecond)),
      p975Ms: median(samples.map((f) => f.p975Ms)),
      errors: samples.reduce((n, f) => n + f.errors, 0),
      non2xx: samples.reduce((n, f) => n + f.non2xx, 0),
      rounds: samples.length,
    };
  });
}

/** The stakeholder's scorecard page and `scorecards.get`, each under `connections` for `seconds`. */
export async function loadScorecard(server: Server, connections: number, seconds: number): Promise<LoadFigure[]> {
  const session = await signIn(server.base, ROLE_USERS.stakeholder);
  const results: LoadFigure[] = [];
  for (const [target, path] of [['page /me', '/me'], ['scorecards.get', queryPath('scorecards.get', {})]] as const) {
    await settle(session);
    const result = await autocannon({ url: `${server.base}${path}`, connections, duration: seconds, headers: { cookie: session.cookie } });
    results.push({ target, requestsPerSecond: result.requests.average, p975Ms: result.latency.p97_5, errors: result.errors + result.timeouts, non2xx: result.non2xx });
  }
  return results;
}

/**
 * Waits until the server has worked off what an earlier load left queued (a page answers within a
 * second), so that each measurement starts from an idle server and not from another's backlog.
 */
async function settle(session: Session): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if ((await timedGet(session, '/me/profile')).ms < 1000) return;
  }
}

/** Reads `path` as `session` in a loop until `stop()`; returns the response times. */
export function readLoop(session: Session, path: string): { stop: () => Promise<number[]> } {
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const timed = await timedGet(session, path);
      if (timed.status !== 200) throw new BenchError(`reading ${path} as ${session.username} during a job: HTTP ${timed.status}`);
      times.push(timed.ms);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return times;
    },
  };
}
