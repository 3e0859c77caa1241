// Turning tRPC errors into what a form shows: a message per field and one for the whole form.
import { TRPCClientError } from '@trpc/client';
import { parseVmsg } from '@/core/domain/messages';
import { installZodMessages } from '@/core/domain/zod-messages';

// The forms parse with the server's schemas: zod's own problems become catalog keys here too.
installZodMessages();

export type FieldErrorMap = Record<string, string>;

export function fieldErrorsOf(err: unknown): FieldErrorMap {
  if (!(err instanceof TRPCClientError)) return {};
  const fields = (err.data as { fields?: Record<string, string[]> | null } | undefined)?.fields;
  if (!fields) return {};
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v[0] ?? '']));
}

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Translates a validation key message ("validation.x::{…}"); passes other text through. */
export function translateMessage(t: Translate, message: string): string {
  const parsed = parseVmsg(message);
  if (!parsed) return message;
  try {
    return t(parsed.key, parsed.params);
  } catch {
    return message;
  }
}

export function errorCode(err: unknown): string | null {
  return err instanceof TRPCClientError ? ((err.data as { code?: string } | undefined)?.code ?? null) : null;
}
