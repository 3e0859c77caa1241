import { appealFileUploadRoute } from '@/server/http';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const POST = appealFileUploadRoute.handle;
