// What a new password must be beyond its length (core/schemas/org.ts checks that in the form
// too): not one of the 10,000 most common passwords. The list, common-passwords.json, is the first
// 10,000 entries of src/passwords.json in the npm package @zxcvbn-ts/language-common 4.1.3 (MIT),
// ranked by frequency, lower case; it stays on the server, so the browser does not download it.
import 'server-only';
import { vmsg } from '@/core/domain/messages';
import { ValidationError } from '@/server/errors';
import common from './common-passwords.json';

let list: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  list ??= new Set(common);
  return list.has(password.toLowerCase());
}

/** Refuses a common password, with the message at `field` of the form that sent it. */
export function assertAcceptablePassword(password: string, field = 'password'): void {
  if (isCommonPassword(password)) {
    throw new ValidationError('This password is on a list of commonly used passwords.', { [field]: [vmsg('validation.password.common')] });
  }
}
