import { programFileRoute } from '@/server/http';

export const dynamic = 'force-dynamic';

export const GET = programFileRoute.handle;
