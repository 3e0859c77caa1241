import { registryTemplateRoute } from '@/server/http';

export const dynamic = 'force-dynamic';

export const GET = registryTemplateRoute.handle;
