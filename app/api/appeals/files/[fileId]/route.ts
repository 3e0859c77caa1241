import { appealFileDownloadRoute } from '@/server/http';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = appealFileDownloadRoute.handle;
