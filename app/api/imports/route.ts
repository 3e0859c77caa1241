import { importUploadRoute } from '@/server/http';

export const dynamic = 'force-dynamic';

export const POST = importUploadRoute.handle;
