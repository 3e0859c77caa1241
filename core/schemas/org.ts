// Input schemas shared by forms (client) and procedures (server): the same rules on both sides.
// zod/mini: the forms check with these in the browser, and the mini API keeps the full schema
// library out of their pages (the issues and messages are the same as zod's).
import * as z from 'zod/mini';

import { creditCodeProblem } from '@/core/domain/credit-code';
import { vmsg } from '@/core/domain/messages';
import { ROLES, STAKEHOLDER_TYPES } from '@/core/domain/enums';

const trimmed = (max: number) => z.string().check(z.trim(), z.minLength(1, vmsg('validation.required')), z.maxLength(max, vmsg('validation.tooLong', { max })));

const optionalTrimmed = (max: number) =>
  z.pipe(
    z.nullish(z.pipe(z.string().check(z.trim(), z.maxLength(max, vmsg('validation.tooLong', { max }))), z.transform((s: string) => (s === '' ? null : s)))),
    z.transform((s: string | null | undefined) => s ?? null),
  );

export const creditCodeSchema = z.pipe(z.string().check(z.trim()), z.transform((s: string) => s.toUpperCase())).check(
  z.superRefine((code, ctx) => {
    if (code === '') return;
    const p = creditCodeProblem(code);
    if (!p) return;
    const message =
      p.kind === 'length'
        ? vmsg('validation.creditCode.length', { length: p.length })
        : p.kind === 'character'
          ? vmsg('validation.creditCode.character', { position: p.position, char: p.char })
          : p.kind === 'division'
            ? vmsg('validation.creditCode.division')
            : vmsg('validation.creditCode.check', { expected: p.expected, actual: p.actual });
    ctx.addIssue({ code: 'custom', message });
  }),
);

/** A mainland mobile or landline number, optionally with +86. */
export const PHONE_PATTERN = /^(\+?86[- ]?)?(1\d{10}|0\d{2,3}-?\d{7,8})$/;

export const stakeholderInputSchema = z.object({
  name: trimmed(120),
  type: z.enum(STAKEHOLDER_TYPES, { error: vmsg('validation.required') }),
  regionId: z.coerce.number({ error: vmsg('validation.required') }).check(z.int(), z.positive(vmsg('validation.required'))),
  creditCode: z.pipe(z.nullish(creditCodeSchema), z.transform((s: string | null | undefined) => (s ? s : null))),
  contactName: optionalTrimmed(60),
  contactPhone: z.pipe(
    z.nullish(z.string().check(z.trim(), z.refine((s) => s === '' || PHONE_PATTERN.test(s), vmsg('validation.phone')))),
    z.transform((s: string | null | undefined) => (s ? s : null)),
  ),
});
export type StakeholderInput = z.infer<typeof stakeholderInputSchema>;

export const usernameSchema = z
  .string()
  .check(z.trim(), z.toLowerCase(), z.minLength(3, vmsg('validation.username')), z.maxLength(32, vmsg('validation.username')), z.regex(/^[a-z0-9_.-]+$/, vmsg('validation.username')));

/** Shortest password accepted (OWASP: at least 8; the server also refuses common ones). */
export const PASSWORD_MIN = 10;

export const passwordSchema = z.string().check(z.minLength(PASSWORD_MIN, vmsg('validation.password.min', { min: PASSWORD_MIN })), z.maxLength(128, vmsg('validation.tooLong', { max: 128 })));

/** Changing one's own password: the current one, the new one twice. */
export const passwordChangeSchema = z
  .object({ currentPassword: z.string().check(z.minLength(1, vmsg('validation.required')), z.maxLength(128)), newPassword: passwordSchema, confirmPassword: z.string() })
  .check(
    z.superRefine((v, ctx) => {
      if (v.confirmPassword !== v.newPassword) ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: vmsg('validation.password.confirm') });
      if (v.currentPassword && v.newPassword === v.currentPassword)
        ctx.addIssue({ code: 'custom', path: ['newPassword'], message: vmsg('validation.password.sameAsCurrent') });
    }),
  );
export type PasswordChangeInput = z.infer<typeof passwordChangeSchema>;

const positiveInt = () => z.number().check(z.int(), z.positive());

const userScopeFields = {
  role: z.enum(ROLES),
  regionIds: z._default(z.array(positiveInt()), []),
  stakeholderId: z.pipe(z.nullish(positiveInt()), z.transform((v: number | null | undefined) => v ?? null)),
};

const checkScope = z.superRefine((u: { role: string; regionIds: number[]; stakeholderId: number | null }, ctx) => {
  if (u.role === 'assessor' && u.regionIds.length === 0)
    ctx.addIssue({ code: 'custom', path: ['regionIds'], message: vmsg('validation.scope.regions') });
  if (u.role === 'stakeholder' && u.stakeholderId === null)
    ctx.addIssue({ code: 'custom', path: ['stakeholderId'], message: vmsg('validation.scope.stakeholder') });
});

export const userCreateSchema = z.object({ username: usernameSchema, name: trimmed(60), password: passwordSchema, ...userScopeFields }).check(checkScope);
export type UserCreateInput = z.infer<typeof userCreateSchema>;

export const userUpdateSchema = z.object({ id: z.string().check(z.minLength(1)), name: trimmed(60), ...userScopeFields }).check(checkScope);
export type UserUpdateInput = z.infer<typeof userUpdateSchema>;
