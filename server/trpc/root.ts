import { createCallerFactory, router } from './init';
import { dashboardRouter } from './routers/dashboard';
import { meRouter } from './routers/me';
import { regionsRouter } from './routers/regions';
import { stakeholdersRouter } from './routers/stakeholders';
import { usersRouter } from './routers/users';

export const appRouter = router({
  me: meRouter,
  dashboard: dashboardRouter,
  users: usersRouter,
  regions: regionsRouter,
  stakeholders: stakeholdersRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
