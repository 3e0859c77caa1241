// What a scorecard's what-if needs besides the stakeholder's own score: how many of its peers in a
// published run score above a composite (its percentile with the peers held fixed), and the rules
// of the programs whose determinations the scorecard shows.
import 'server-only';
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { eligibilityRuns, regions, scores, stakeholders } from '@/db/schema';
import { TOLERANCE } from '@/core/scoring/tolerance';
import { pathRange } from './region-tree';

/**
 * Scores of the run other than the stakeholder's with a composite above `composite` (beyond the
 * engine's tie tolerance), optionally only those located under a region path ("/1/4/"). The
 * province count reads the run's composite index; the county one joins the county's regions.
 */
export function peersAbove(db: Db, runId: number, stakeholderId: number, composite: number, pathPrefix?: string): number {
  const above = composite + TOLERANCE * Math.max(1, Math.abs(composite));
  const row = pathPrefix
    ? db.get<{ n: number }>(sql`
        select count(*) as n from ${scores}
        join ${stakeholders} on ${stakeholders.id} = ${scores.stakeholderId}
        join ${regions} on ${regions.id} = ${stakeholders.regionId}
        where ${scores.runId} = ${runId} and ${scores.composite} > ${above} and ${scores.stakeholderId} <> ${stakeholderId} and ${pathRange(regions.path, pathPrefix)}`)
    : db.get<{ n: number }>(sql`
        select count(*) as n from ${scores}
        where ${scores.runId} = ${runId} and ${scores.composite} > ${above} and ${scores.stakeholderId} <> ${stakeholderId}`);
  return row?.n ?? 0;
}

/** The program snapshots (rule, types, …) of eligibility runs, by run id. */
export function programSnapshotsOf(db: Db, runIds: readonly number[]) {
  if (runIds.length === 0) return new Map<number, (typeof eligibilityRuns.$inferSelect)['programSnapshot']>();
  const rows = db.select({ id: eligibilityRuns.id, snapshot: eligibilityRuns.programSnapshot }).from(eligibilityRuns).where(inArray(eligibilityRuns.id, [...runIds])).all();
  return new Map(rows.map((r) => [r.id, r.snapshot]));
}
