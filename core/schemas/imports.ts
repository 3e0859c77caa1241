// Input of an import over tRPC: the file travels as base64 (scripts, tests); the browser uploads
// the same fields as multipart to app/api/imports.
import * as z from 'zod';
import { IMPORT_MODES, MAX_IMPORT_BYTES } from '@/core/domain/imports';

export const importFileInputSchema = z.object({
  kpiSetCode: z.string().trim().min(1).max(64),
  mode: z.enum(IMPORT_MODES).default('draft'),
  fileName: z.string().max(255).optional(),
  contentBase64: z.string().min(1).max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4),
});
export type ImportFileInput = z.infer<typeof importFileInputSchema>;
