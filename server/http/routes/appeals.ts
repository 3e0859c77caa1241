// Evidence files of appeals over HTTP: the upload (multipart, one file a request, so the form shows
// progress and an error per file; checked by its bytes, kept under the data folder by its hash,
// answered with what the filing names it by) and the download (only for a reader who may see the
// appeal; always an attachment, never sniffed into something the browser would run).
import 'server-only';
import { z } from 'zod';
import { APPEAL_FILE_MAX_BYTES } from '@/core/domain/appeals';
import { UPLOAD_ENVELOPE_BYTES } from '@/core/domain/imports';
import { appealFileForDownload, storeAppealFile } from '@/server/services/appeals';
import { TooLargeError, ValidationError } from '@/server/errors';
import { defineRoute } from '../define-route';

const MB = APPEAL_FILE_MAX_BYTES / 1024 / 1024;

export const appealFileUploadRoute = defineRoute({
  method: 'POST',
  path: '/api/appeals/files',
  action: 'appeals.file',
  handler: async ({ request, user }) => {
    // Refused on the declared length before a byte is read.
    const declared = Number(request.headers.get('content-length') ?? Number.NaN);
    if (declared > APPEAL_FILE_MAX_BYTES + UPLOAD_ENVELOPE_BYTES) throw new TooLargeError(`The file is larger than ${MB} MB.`).with({ mb: MB });
    const form = await request.formData().catch(() => {
      throw new ValidationError('Send the file as multipart/form-data.', {}, 'bad_request');
    });
    const file = form.get('file');
    if (!(file instanceof File)) throw new ValidationError('Choose a file to upload.', {}, 'no_file');
    if (file.size > APPEAL_FILE_MAX_BYTES) throw new TooLargeError(`${file.name} is larger than ${MB} MB.`).with({ mb: MB });
    const stored = storeAppealFile(user, { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) });
    return Response.json(stored, { headers: { 'cache-control': 'no-store' } });
  },
});

/** `filename` for old readers (ASCII only), `filename*` with the name as written. */
function disposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const appealFileDownloadRoute = defineRoute({
  method: 'GET',
  path: '/api/appeals/files/[fileId]',
  action: 'appeals.read',
  input: z.object({ fileId: z.coerce.number().int().positive() }),
  handler: ({ db, user, input }) => {
    const file = appealFileForDownload(db, user, input.fileId);
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        'content-type': file.contentType,
        'content-disposition': disposition(file.fileName),
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, no-store',
      },
    });
  },
});
