import { trpcGetRoute, trpcPostRoute } from '@/server/http';

export const dynamic = 'force-dynamic';

export const GET = trpcGetRoute.handle;
export const POST = trpcPostRoute.handle;
