import { importTemplateRoute } from '@/server/http';

export const dynamic = 'force-dynamic';

export const GET = importTemplateRoute.handle;
