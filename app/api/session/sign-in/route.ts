import { signInRoute } from '@/server/http';

export const dynamic = 'force-dynamic';

export const POST = signInRoute.handle;
