// The work list of a period: the stakeholders in the caller's scope with their evaluation status,
// and completion per township and county.
import 'server-only';
import type { Db } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import type { StakeholderType } from '@/core/domain/enums';
import type { WorkStatus } from '@/core/domain/evaluation-workflow';
import type { PeriodChoice } from '@/core/schemas/evaluations';
import { stakeholdersWithEvaluation } from '@/server/queries/evaluations';
import { listPeriods, resolvePeriod } from '@/server/queries/periods';
import { countyAndTownshipOf, regionNames } from '@/server/queries/regions';
import type { Label } from '@/core/i18n/label';

export type WorkItem = {
  stakeholderId: number;
  code: string;
  name: string;
  type: StakeholderType;
  creditCode: string | null;
  active: boolean;
  countyId: number | null;
  townshipId: number | null;
  evaluationId: number | null;
  status: WorkStatus;
  revision: number | null;
  updatedAt: Date | null;
  submittedBy: string | null;
  returnReason: string | null;
};

export type Progress = {
  regionId: number;
  code: string;
  name: Label;
  total: number;
  counts: Record<WorkStatus, number>;
};

/** Counts statuses per region, for the regions that exist. */
function progressCounter(names: ReturnType<typeof regionNames>) {
  const byRegion = new Map<number, Progress>();
  return {
    add(id: number | null, status: WorkStatus) {
      const r = id === null ? undefined : names.get(id);
      if (!r) return;
      let p = byRegion.get(r.id);
      if (!p) {
        p = { regionId: r.id, code: r.code, name: r.name, total: 0, counts: { not_started: 0, draft: 0, submitted: 0, returned: 0, approved: 0 } };
        byRegion.set(r.id, p);
      }
      p.total++;
      p.counts[status]++;
    },
    byCode: () => [...byRegion.values()].sort((a, b) => a.code.localeCompare(b.code)),
  };
}

/**
 * The stakeholders in the caller's scope with their evaluation status in one period (default:
 * the open one), and completion per township and county. Inactive stakeholders appear only when
 * they have an evaluation in the period.
 */
export function workList(db: Db, me: SessionUser, input?: PeriodChoice) {
  const periods = listPeriods(db);
  const period = resolvePeriod(db, input?.periodId);
  if (!period) return { period: null, periods, items: [] as WorkItem[], townships: [] as Progress[], counties: [] as Progress[] };
  const names = regionNames(db);
  const townships = progressCounter(names);
  const counties = progressCounter(names);
  const items = stakeholdersWithEvaluation(db, me, period.id).map(({ path, status: stored, ...r }): WorkItem => {
    const { countyId, townshipId } = countyAndTownshipOf(path);
    const status: WorkStatus = stored ?? 'not_started';
    townships.add(townshipId, status);
    counties.add(countyId, status);
    return { ...r, countyId, townshipId, status };
  });
  return { period, periods, items, townships: townships.byCode(), counties: counties.byCode() };
}
