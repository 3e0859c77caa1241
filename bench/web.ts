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

async function measure(session: Session, role: RoleName, kind: RequestFigure['kind'], name: string, path: string, repeats: number): Promise<RequestFigure & { body: string }> {
  const first = await timedGet(session, path); // warms the route (first compile of a server component, caches)
  const times: number[] = [];
  let last = first;
  for (let i = 0; i < repeats; i++) {
    last = await timedGet(session, path);
    times.push(last.ms);
  }
  return { role, kind, name, path, status: last.status, p50: percentile(times, 50), p95: percentile(times, 95), bytes: last.bytes, body: first.body };
}

/** Every page and query of every role on one server, `repeats` timed reads each after a warm-up. */
export async function measureRequests(server: Server, repeats: number): Promise<RequestFigure[]> {
  const figures: RequestFigure[] = [];
  for (const role of Object.keys(ROLE_USERS) as RoleName[]) {
    const session = await signIn(server.base, ROLE_USERS[role]);
    const seen = new Set<string>();
    // A detail page is named by its route (/evaluations/[id]): the demo and the province link to different ids.
    const pages = NAV[role].map((path) => ({ name: path, path }));
    for (let i = 0; i < pages.length; i++) {
      const { name, path } = pages[i]!;
      const figure = await measure(session, role, 'page', name, path, repeats);
      const { body, ...kept } = figure;
      figures.push(kept);
      const hrefs = Array.from(body.matchAll(/href="(\/[^"]*)/g), (m) => m[1]!.replace(/&amp;/g, '&'));
      for (const href of newDetailPages(hrefs, seen)) pages.push({ name: routeName(href), path: href });
    }
    for (const [procedure, input] of QUERIES[role]) {
      // A view of the same query is its own row (e.g. evaluations.workList (toReview)).
      const view = input && typeof input === 'object' && 'view' in input ? ` (${String(input.view)})` : '';
      const { body: _body, ...kept } = await measure(session, role, 'query', `${procedure}${view}`, queryPath(procedure, input), repeats);
      figures.push(kept);
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
