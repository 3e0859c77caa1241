// Input schemas shared by forms (client) and procedures (server): the same rules on both sides.
import * as z from 'zod';

import { creditCodeProblem } from '@/core/domain/credit-code';
import { vmsg } from '@/core/domain/messages';
import { ROLES, STAKEHOLDER_TYPES } from '@/core/domain/enums';

const trimmed = (max: number) =>
  z
    .string()
    .trim()
    .min(1, vmsg('validation.required'))
    .max(max, vmsg('validation.tooLong', { max }));

const optionalTrimmed = (max: number) =>
  z
    .string()
    .trim()
    .max(max, vmsg('validation.tooLong', { max }))
    .transform((s) => (s === '' ? null : s))
    .nullish()
    .transform((s) => s ?? null);

export const creditCodeSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .superRefine((code, ctx) => {
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
  });

/** A mainland mobile or landline number, optionally with +86. */
export const PHONE_PATTERN = /^(\+?86[- ]?)?(1\d{10}|0\d{2,3}-?\d{7,8})$/;

export const stakeholderInputSchema = z.object({
  name: trimmed(120),
  type: z.enum(STAKEHOLDER_TYPES, { error: vmsg('validation.required') }),
  regionId: z.coerce.number({ error: vmsg('validation.required') }).int().positive(vmsg('validation.required')),
  creditCode: creditCodeSchema.nullish().transform((s) => (s ? s : null)),
  contactName: optionalTrimmed(60),
  contactPhone: z
    .string()
    .trim()
    .refine((s) => s === '' || PHONE_PATTERN.test(s), vmsg('validation.phone'))
    .nullish()
    .transform((s) => (s ? s : null)),
});
export type StakeholderInput = z.infer<typeof stakeholderInputSchema>;

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, vmsg('validation.username'))
  .max(32, vmsg('validation.username'))
  .regex(/^[a-z0-9_.-]+$/, vmsg('validation.username'));

/** Shortest password accepted (OWASP: at least 8; the server also refuses common ones). */
export const PASSWORD_MIN = 10;

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, vmsg('validation.password.min', { min: PASSWORD_MIN }))
  .max(128, vmsg('validation.tooLong', { max: 128 }));

/** Changing one's own password: the current one, the new one twice. */
export const passwordChangeSchema = z
  .object({ currentPassword: z.string().min(1, vmsg('validation.required')).max(128), newPassword: passwordSchema, confirmPassword: z.string() })
  .superRefine((v, ctx) => {
    if (v.confirmPassword !== v.newPassword) ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: vmsg('validation.password.confirm') });
    if (v.currentPassword && v.newPassword === v.currentPassword)
      ctx.addIssue({ code: 'custom', path: ['newPassword'], message: vmsg('validation.password.sameAsCurrent') });
  });
export type PasswordChangeInput = z.infer<typeof passwordChangeSchema>;

const userScopeFields = {
  role: z.enum(ROLES),
  regionIds: z.array(z.number().int().positive()).default([]),
  stakeholderId: z.number().int().positive().nullish().transform((v) => v ?? null),
};

function checkScope(u: { role: string; regionIds: number[]; stakeholderId: number | null }, ctx: z.RefinementCtx) {
  if (u.role === 'assessor' && u.regionIds.length === 0)
    ctx.addIssue({ code: 'custom', path: ['regionIds'], message: vmsg('validation.scope.regions') });
  if (u.role === 'stakeholder' && u.stakeholderId === null)
    ctx.addIssue({ code: 'custom', path: ['stakeholderId'], message: vmsg('validation.scope.stakeholder') });
}

export const userCreateSchema = z
  .object({ username: usernameSchema, name: trimmed(60), password: passwordSchema, ...userScopeFields })
  .superRefine(checkScope);
export type UserCreateInput = z.infer<typeof userCreateSchema>;

export const userUpdateSchema = z
  .object({ id: z.string().min(1), name: trimmed(60), ...userScopeFields })
  .superRefine(checkScope);
export type UserUpdateInput = z.infer<typeof userUpdateSchema>;
