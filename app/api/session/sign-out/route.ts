import { signOutRoute } from '@/server/http';

export const dynamic = 'force-dynamic';

export const POST = signOutRoute.handle;
