// When and under which method a scorecard's scores were published: what the printed scorecards
// (and the exports) cite, read in the caller's scope like the scorecards themselves.
import 'server-only';
import type { Db } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import { ForbiddenError, NotFoundError } from '@/server/errors';
import { getStakeholder } from '@/server/queries/stakeholders';
import { periodRunPublications, stakeholderRunPublication, type RunPublication } from '@/server/queries/run-publication';

export type { RunPublication };

/** The run that published the stakeholder's score of the period (out of scope reads as not found). */
export function scorecardPublication(db: Db, user: SessionUser, input: { stakeholderId: number; period: string }): RunPublication {
  getStakeholder(db, user, input.stakeholderId);
  const run = stakeholderRunPublication(db, input.stakeholderId, input.period);
  if (!run) throw new NotFoundError('Published scorecard for period', input.period);
  return run;
}

/** The runs that published a period, one per KPI-set version (a county scorecard spans them all). */
export function periodPublication(db: Db, user: SessionUser, input: { period: string }): RunPublication[] {
  if (user.role === 'stakeholder') throw new ForbiddenError('The county scorecard is for assessors and administrators.');
  const runs = periodRunPublications(db, input.period);
  if (runs.length === 0) throw new NotFoundError('Published period', input.period);
  return runs;
}
