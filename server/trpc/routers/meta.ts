// Facts about this installation that pages show before and after sign-in.
import 'server-only';
import { demoLogins } from '@/server/services/demo';
import { openProcedureFor, router } from '../init';

export const metaRouter = router({
  /** The demo logins when the database holds the demo data (sign-in page, banner); else null. */
  demo: openProcedureFor('meta.demo').query(({ ctx }) => demoLogins(ctx.db)),
});
