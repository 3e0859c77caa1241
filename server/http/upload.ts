// Reading an upload (multipart/form-data) within the one upload limit. The limit is checked on the
// declared length before a byte is read, so an oversized body is refused at once with a 413 that
// names the limit; next.config.mjs lets bodies of that size through proxy.ts.
import 'server-only';
import { MAX_IMPORT_BYTES, UPLOAD_ENVELOPE_BYTES } from '@/core/domain/imports';
import { TooLargeError, ValidationError } from '@/server/errors';

const MB = MAX_IMPORT_BYTES / 1024 / 1024;

function tooLarge(): TooLargeError {
  return new TooLargeError(`The file is larger than ${MB} MB, the most one upload may carry; split it into smaller files.`).with({ mb: MB });
}

/** The form and its `file` field, or a refusal: too large (413), not multipart, or no file. */
export async function readUpload(request: Request): Promise<{ form: FormData; file: File }> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > MAX_IMPORT_BYTES + UPLOAD_ENVELOPE_BYTES) throw tooLarge();
  const form = await request.formData().catch(() => {
    throw new ValidationError('Send the file as multipart/form-data.', {}, 'bad_request');
  });
  const file = form.get('file');
  if (!(file instanceof File)) throw new ValidationError('Choose a file to import.', {}, 'no_file');
  if (file.size > MAX_IMPORT_BYTES) throw tooLarge();
  return { form, file };
}
