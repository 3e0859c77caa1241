import { registryUploadRoute } from '@/server/http';

export const dynamic = 'force-dynamic';

export const POST = registryUploadRoute.handle;
