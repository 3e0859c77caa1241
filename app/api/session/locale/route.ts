import { localeRoute } from '@/server/http';

export const dynamic = 'force-dynamic';

export const POST = localeRoute.handle;
