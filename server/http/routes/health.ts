import 'server-only';
import { databaseProblem } from '@/server/services/health';
import { defineRoute } from '../define-route';

export const healthRoute = defineRoute({
  method: 'GET',
  path: '/api/health',
  action: 'health.read',
  handler: ({ db }) => {
    const problem = databaseProblem(db);
    return problem === null ? Response.json({ ok: true }) : Response.json({ ok: false, error: problem }, { status: 503 });
  },
});
