import { healthRoute } from '@/server/http';

export const dynamic = 'force-dynamic';

export const GET = healthRoute.handle;
