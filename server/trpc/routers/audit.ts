import 'server-only';
import { auditListSchema } from '@/core/schemas/lists';
import { listAudit } from '@/server/services/audit-log';
import { procedureFor, router } from '../init';

export const auditRouter = router({
  list: procedureFor('audit.list')
    .input(auditListSchema.prefault({}))
    .query(({ ctx, input }) => listAudit(ctx.db, input)),
});
