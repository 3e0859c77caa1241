import 'server-only';
import { createCallerFactory, router } from './init';
import { dashboardRouter } from './routers/dashboard';
import { evaluationsRouter } from './routers/evaluations';
import { importsRouter } from './routers/imports';
import { countyDashboardRouter } from './routers/county-dashboard';
import { meRouter } from './routers/me';
import { metaRouter } from './routers/meta';
import { periodsRouter } from './routers/periods';
import { indicatorsRouter } from './routers/indicators';
import { kpiSetsRouter } from './routers/kpi-sets';
import { tuningRouter } from './routers/tuning';
import { regionsRouter } from './routers/regions';
import { scorecardsRouter } from './routers/scorecards';
import { scorecardExportsRouter } from './routers/scorecard-exports';
import { stakeholdersRouter } from './routers/stakeholders';
import { stakeholderRegistryRouter } from './routers/stakeholder-registry';
import { usersRouter } from './routers/users';
import { auditRouter } from './routers/audit';
import { incentivesRouter } from './routers/incentives';
import { eligibilityRouter } from './routers/eligibility';
import { jobsRouter } from './routers/jobs';
import { notificationsRouter } from './routers/notifications';
import { appealsRouter } from './routers/appeals';
import { revisionsRouter } from './routers/revisions';
import { robustnessRouter } from './routers/robustness';

export const appRouter = router({
  me: meRouter,
  meta: metaRouter,
  dashboard: dashboardRouter,
  users: usersRouter,
  audit: auditRouter,
  regions: regionsRouter,
  stakeholders: stakeholdersRouter,
  stakeholderRegistry: stakeholderRegistryRouter,
  periods: periodsRouter,
  indicators: indicatorsRouter,
  kpiSets: kpiSetsRouter,
  tuning: tuningRouter,
  evaluations: evaluationsRouter,
  imports: importsRouter,
  countyDashboard: countyDashboardRouter,
  scorecards: scorecardsRouter,
  scorecardExports: scorecardExportsRouter,
  incentives: incentivesRouter,
  eligibility: eligibilityRouter,
  jobs: jobsRouter,
  notifications: notificationsRouter,
  appeals: appealsRouter,
  revisions: revisionsRouter,
  robustness: robustnessRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
