// Scores the demo like a real deployment would have: an official, published run for every
// published period, and a provisional run (approved evaluations so far) for the open one.
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { kpiSetVersions, periods, user } from '@/db/schema';
import { computeScoreRun, publishScoreRun } from '@/server/queries/score-runs';

export function scoreDemoPeriods(db: Db): void {
  const admin = db.select({ id: user.id }).from(user).where(eq(user.role, 'admin')).get();
  const versions = db.select({ id: kpiSetVersions.id }).from(kpiSetVersions).where(eq(kpiSetVersions.status, 'published')).all();
  for (const period of db.select().from(periods).orderBy(periods.startsOn).all()) {
    for (const v of versions) {
      if (period.status === 'published') {
        const { run } = computeScoreRun(db, { periodId: period.id, versionId: v.id, kind: 'official', actorId: admin?.id ?? null });
        publishScoreRun(db, run.id, admin?.id ?? null);
      } else if (period.status === 'open') {
        computeScoreRun(db, { periodId: period.id, versionId: v.id, kind: 'provisional', actorId: null });
      }
    }
  }
}
