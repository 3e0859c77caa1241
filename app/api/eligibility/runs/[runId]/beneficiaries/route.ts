import { beneficiariesRoute } from '@/server/http';

export const dynamic = 'force-dynamic';

export const GET = beneficiariesRoute.handle;
